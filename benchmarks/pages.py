"""Scripts injected into pages to time Python's start-up and the main thread's long tasks."""

from __future__ import annotations

# Runs before any page script: records long tasks, the moment each calculator becomes ready, the
# last click as the page received it (not when the test asked for it: the automation's own round
# trips would count as the site's time), and when Material last put a page in place.
PAGE_PROBE = """
(() => {
  window.__bench = { longTasks: [], readyAt: null, readyByName: {}, clickedAt: null, swappedAt: null };
  window.addEventListener("click", (event) => { window.__bench.clickedAt = event.timeStamp; }, true);
  document.addEventListener("DOMContentLoaded", () => {
    if (window.document$) window.document$.subscribe(() => { window.__bench.swappedAt = performance.now(); });
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  const watch = () => {
    new MutationObserver(() => {
      for (const form of document.querySelectorAll('form[data-calculator][data-status="ready"]')) {
        const name = form.dataset.calculator;
        if (!(name in window.__bench.readyByName)) window.__bench.readyByName[name] = performance.now();
        if (!window.__bench.readyAt) window.__bench.readyAt = performance.now();
      }
    }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
  };
  if (document.documentElement) watch(); else document.addEventListener("readystatechange", watch, { once: true });
})();
"""

# An empty page that loads Pyodide on its own main thread: the baseline of our overhead.
BARE_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>bare loadPyodide</title></head>
<body><script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
pyodide.runPython("1 + 1");
window.__bench.readyAt = performance.now();
</script></body></html>
"""

# Changes one input `count` times and measures input event → new data-value, in the page.
INPUT_LATENCY = """
async ([selector, resultSelector, values]) => {
  const input = document.querySelector(selector);
  const result = document.querySelector(resultSelector).closest("output");
  const latencies = [];
  for (const value of values) {
    const before = document.querySelector(resultSelector).dataset.value;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const now = document.querySelector(resultSelector);
        if (now && now.dataset.value !== before) { observer.disconnect(); resolve(); }
      });
      observer.observe(result, { subtree: true, childList: true, attributes: true });
    });
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await changed;
    latencies.push(performance.now() - start);
  }
  return latencies;
}
"""
