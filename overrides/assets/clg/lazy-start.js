// Python starts with the page, except on a slow or metered link: when the browser reports
// Save-Data or an effective type slower than 4G, it waits for the reader's first sign of intent
// (focus, pointer or key on the form, a calculator link pointed at), and the page says how much
// it will download, with a button to start at once. Without navigator.connection (Safari,
// Firefox) Python starts with the page, as on a fast link.

// Loaded only on pages with a calculator (by calculator.js), like the offline setup it brings.
import "./offline.js";
import { runtime, runtimeFiles } from "./runtime.js";

const SLOW_TYPES = ["slow-2g", "2g", "3g"];
const INTENT = ["focusin", "pointerdown", "keydown"];

// The same rule decides in the page head (partials/clg-early-start.html) whether to start early.
export function linkIsSlow() {
  const link = navigator.connection;
  return Boolean(link && (link.saveData || SLOW_TYPES.includes(link.effectiveType)));
}

// «4,8 МБ» for 4 800 000 bytes: decimal megabytes, as hosts and phone plans count them.
function megabytes(bytes) {
  const number = new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${number.format(bytes / 1e6)}\u00a0МБ`;
}

// The runtime's bytes as gzip sends them (brotli, where the host has it, sends less), from the
// manifest the build writes beside the runtime: a small file, kept for a year.
async function downloadBytes() {
  const { base = "", manifest } = runtimeFiles();
  const response = await fetch(new URL(`../pyodide/${base}${manifest}`, import.meta.url));
  if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
  return (await response.json()).total.gzip;
}

function offer(form, start) {
  const notice = document.createElement("p");
  notice.className = "clg-lazy";
  const text = document.createElement("span");
  text.textContent = "Для живого расчёта загрузится Python.";
  downloadBytes().then(
    (bytes) => {
      text.textContent = `Для живого расчёта загрузится Python: ${megabytes(bytes)}.`;
    },
    () => {},
  );
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.dataset.action = "start";
  button.textContent = "Запустить сейчас";
  button.addEventListener("click", start);
  notice.append(text, button);
  form.querySelector(".clg-status").append(notice);
  return notice;
}

// Start Python for `form` now, or on a slow link once the reader shows interest in it.
export function startWhenUsed(form) {
  if (runtime.state !== "idle" || !linkIsSlow()) {
    runtime.start();
    return;
  }
  const start = () => runtime.start();
  const notice = offer(form, start);
  const started = (state) => {
    if (state.state === "idle") return;
    runtime.unsubscribe(started);
    notice.remove();
    for (const type of INTENT) form.removeEventListener(type, start);
  };
  for (const type of INTENT) form.addEventListener(type, start);
  runtime.subscribe(started);
}
