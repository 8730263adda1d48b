// Page side of the calculators: forms, results, URL sharing. Python runs in runtime.js's worker;
// forms are set up on every page swap of Material's instant navigation.

import { runtime } from "./runtime.js";

const STATUS_TEXT = {
  ready: "Готово: результат пересчитывается при каждом изменении.",
  error: "Исправьте отмеченные поля — результат ниже относится к последним верным данным.",
  untouched: "Готово: ответьте на вопросы, и результат появится ниже.",
  stale: "Пример для значений по умолчанию; пересчитаем для ваших данных, как только загрузится Python.",
};

// Text values of the form; chosen files are left out (they go to Python as bytes, not in links).
function fieldValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

// Contents of the chosen files by field name, read fresh for each computation.
async function fileContents(form) {
  const files = {};
  for (const input of form.querySelectorAll("input[type=file]")) {
    const file = input.files && input.files[0];
    if (file && !input.closest(".clg-group[hidden]")) files[input.name] = await file.arrayBuffer();
  }
  return files;
}

function activeGroup(form) {
  const modeField = form.dataset.modeField;
  if (!modeField) return "";
  const checked = form.querySelector(`input[name="${CSS.escape(modeField)}"]:checked`);
  return checked ? checked.value : "";
}

// Only the controls of the chosen mode are shown and shared in the link.
function showActiveGroup(form) {
  const group = activeGroup(form);
  for (const box of form.querySelectorAll(".clg-group")) box.hidden = box.dataset.group !== group;
}

function sharedValues(form) {
  const values = fieldValues(form);
  for (const box of form.querySelectorAll(".clg-group[hidden]")) {
    for (const control of box.querySelectorAll("[name]")) delete values[control.name];
  }
  for (const control of form.querySelectorAll("[data-private]")) delete values[control.name];
  return values;
}

function readStored(form) {
  const key = form.dataset.storageKey;
  if (!key) return null;
  try {
    return new URLSearchParams(window.localStorage.getItem(key) || "");
  } catch {
    return null;
  }
}

function store(form) {
  const key = form.dataset.storageKey;
  if (!key) return;
  try {
    window.localStorage.setItem(key, new URLSearchParams(sharedValues(form)).toString());
  } catch {
    // Storage may be full or disabled; the link still carries the answers.
  }
}

// A link without the mode that fills the fields of exactly one mode opens that mode
// (the same rule as `Calculator.mode` in Python).
function inferMode(form, values) {
  const modeField = form.dataset.modeField;
  if (!modeField || values.has(modeField)) return values;
  const groups = new Set();
  for (const [name, value] of values) {
    const control = form.querySelector(`.clg-group [name="${CSS.escape(name)}"]`);
    if (control && value.trim()) groups.add(control.closest(".clg-group").dataset.group);
  }
  if (groups.size === 1) values.set(modeField, [...groups][0]);
  return values;
}

// Values from the address win; without any, answers remembered in this browser are restored.
function prefill(form) {
  const query = new URLSearchParams(window.location.search);
  const known = [...query.keys()].some((name) => form.elements.namedItem(name));
  return applyValues(form, inferMode(form, known ? query : readStored(form) || query));
}

function applyValues(form, values) {
  let changed = false;
  for (const [name, value] of values) {
    const control = form.elements.namedItem(name);
    // A file cannot come from a link (setting its value throws and would stop the whole form).
    if (!control || control.type === "file") continue;
    if (control instanceof RadioNodeList || control.type === "radio") {
      const radios = control instanceof RadioNodeList ? [...control] : [control];
      // An unknown choice in a link keeps the current one rather than leaving none chosen.
      if (!radios.some((radio) => radio.value === value)) continue;
      for (const radio of radios) radio.checked = radio.value === value;
    } else {
      control.value = value;
    }
    changed = true;
  }
  return changed;
}

function updateQuery(form) {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams(sharedValues(form)).toString();
  history.replaceState(history.state, "", url);
}

function errorSlot(form, field) {
  return form.querySelector(`#clg-${form.dataset.calculator}-${field}-error`);
}

function controlsOf(form, field) {
  return [...form.querySelectorAll(`[name="${CSS.escape(field)}"]`)];
}

function clearErrors(form) {
  for (const slot of form.querySelectorAll(".clg-field__error")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

function showErrors(form, errors) {
  for (const { field, message } of errors) {
    const slot = errorSlot(form, field);
    if (!slot) continue;
    slot.textContent = message;
    slot.hidden = false;
    for (const control of controlsOf(form, field)) {
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, slot.id].join(" "));
    }
  }
}

// Python starts at once, or on a slow link once the reader turns to the form: lazy-start.js
// decides, and sets up offline use; it loads only where a calculator is, not on text pages.
function startPython(form) {
  import("./lazy-start.js").then(
    ({ startWhenUsed }) => startWhenUsed(form),
    () => runtime.start(),
  );
}

class CalculatorForm {
  constructor(form) {
    this.form = form;
    this.name = form.dataset.calculator;
    this.statusText = form.querySelector(".clg-status__text");
    this.progress = form.querySelector(".clg-status__progress");
    this.retryButton = form.querySelector("[data-action=retry]");
    this.output = form.querySelector(".clg-output");
    this.inFlight = false;
    this.queued = false;
    this.hasLiveResult = false;
    this.onRuntime = (state) => this.showRuntime(state);
  }

  setup() {
    const prefilled = prefill(this.form);
    this.touched = prefilled;
    showActiveGroup(this.form);
    if (prefilled) {
      this.statusText.textContent = STATUS_TEXT.stale;
      updateQuery(this.form);
    }
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.request();
    });
    this.retryButton.addEventListener("click", () => runtime.retry());
    this.form.querySelector("[data-action=copy-link]").addEventListener("click", () => this.copyLink());
    const print = this.form.querySelector("[data-action=print]");
    if (print) print.addEventListener("click", () => window.print());
    startPython(this.form);
    this.request();
    runtime.subscribe(this.onRuntime);
  }

  changed() {
    this.touched = true;
    showActiveGroup(this.form);
    updateQuery(this.form);
    this.request();
  }

  setStatus(status, text) {
    this.form.dataset.status = status;
    if (text !== undefined) this.statusText.textContent = text;
  }

  showRuntime(state) {
    if (!this.form.isConnected) {
      runtime.unsubscribe(this.onRuntime);
      return;
    }
    this.retryButton.hidden = state.state !== "failed";
    this.progress.hidden = state.state !== "loading";
    if (state.state === "loading") {
      this.progress.value = state.percent;
      this.setStatus("loading", `Загружаем Python… ${state.percent} % (${state.label.toLowerCase()})`);
    } else if (state.state === "failed") {
      const shown = this.hasLiveResult
        ? "последний результат, посчитанный до сбоя"
        : "пример расчёта, посчитанный заранее";
      this.setStatus("failed", `${state.message} Ниже — ${shown}.`);
    } else if (state.state === "ready" && !this.inFlight && (!this.hasLiveResult || this.stale)) {
      // Python came back after a retry: compute what the form holds now.
      this.request();
    }
  }

  // At most one computation in flight per form; input arriving meanwhile is coalesced into one more.
  async request() {
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    this.inFlight = true;
    this.stale = false;
    try {
      do {
        this.queued = false;
        const answer = await runtime.compute(this.name, fieldValues(this.form), await fileContents(this.form));
        if (!this.queued) this.show(answer);
      } while (this.queued);
    } catch {
      // The runtime already reported the failure through its state; recompute once it is back.
      this.stale = true;
    } finally {
      this.inFlight = false;
    }
  }

  show(answer) {
    clearErrors(this.form);
    if (answer.status === "ok") {
      this.output.innerHTML = answer.html;
      this.hasLiveResult = true;
      store(this.form);
      this.setStatus("ready", STATUS_TEXT.ready);
    } else if (answer.status === "error" && !this.touched) {
      // A questionnaire nobody has answered yet is not a mistake: keep the prompt, flag nothing.
      this.setStatus("ready", STATUS_TEXT.untouched);
    } else if (answer.status === "error") {
      showErrors(this.form, answer.errors);
      this.setStatus("error", STATUS_TEXT.error);
    } else {
      this.setStatus("error", answer.message);
    }
  }

  async copyLink() {
    updateQuery(this.form);
    const done = this.form.querySelector(".clg-actions__done");
    try {
      await navigator.clipboard.writeText(window.location.href);
      done.textContent = "Ссылка скопирована.";
    } catch {
      done.textContent = `Скопируйте ссылку из адресной строки: ${window.location.href}`;
    }
  }
}

// Hovering or focusing a link to a calculator starts Python before the click lands (the worker
// survives the instant navigation, so the calculator page finds it already loading), or, with
// Python up, has that calculator imported.
const CALCULATOR_PATH = /\/calculators\/([^/]+)\/$/;

function startOnIntent(event) {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  const calculator = link && link.origin === window.location.origin && CALCULATOR_PATH.exec(link.pathname);
  if (calculator) {
    runtime.start();
    runtime.prepare(calculator[1]);
  }
}

function setUpPage() {
  for (const form of document.querySelectorAll("form[data-calculator]:not([data-clg-ready])")) {
    form.dataset.clgReady = "";
    new CalculatorForm(form).setup();
  }
}

document.addEventListener("pointerover", startOnIntent, { passive: true });
document.addEventListener("focusin", startOnIntent);
if (window.document$) window.document$.subscribe(setUpPage);
else setUpPage();
