// The shared Python runtime: one module Web Worker running Pyodide, for the whole visit.
// Material's instant navigation keeps this module alive across page swaps, so the worker (and
// the Python inside it) is started once and reused by every calculator page.
//
// On a page with a calculator the worker is already running: an inline script in the page
// head (partials/clg-early-start.html) started it, and this module adopts it.

const WORKER_URL = new URL("./worker.js", import.meta.url);
const DEFAULT_LOAD_TIMEOUT_MS = 60000;
const DEFAULT_COMPUTE_TIMEOUT_MS = 30000;
const WORKER_CRASHED = "Фоновый поток с Python остановился с ошибкой.";
// Pyodide reports no progress while it starts, so the bar creeps towards this share of the
// way, at the pace measured on ordinary machines (a few seconds), until the worker reports back.
const CREEP_CEILING = 80;
const CREEP_PACE_MS = 2500;
const CREEP_TICK_MS = 250;


// The runtime's folder and manifest, in every page's head.
export function runtimeFiles() {
  const meta = document.querySelector('meta[name="clg-runtime"]');
  return meta ? JSON.parse(meta.content) : {};
}

// The worker the page head started, if any, taken once: a retry starts a new one.
function takeEarlyWorker() {
  const early = window.clgEarlyWorker;
  if (!early) return null;
  delete window.clgEarlyWorker;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  return early;
}

// One worker for the whole visit; restarted only by an explicit retry after a failure.
class PythonRuntime {
  constructor() {
    this.worker = null;
    this.state = "idle";
    this.percent = 0;
    this.label = "";
    this.message = "";
    this.workerStarts = 0;
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.timer = null;
    this.readyWaiters = [];
    this.prepared = new Set();
  }

  start() {
    if (this.worker) return;
    this.workerStarts += 1;
    this.setState("loading", { percent: 0, label: "Запускаем" });
    const early = takeEarlyWorker();
    this.startedInHead = Boolean(early);
    try {
      this.worker = early ? early.worker : new Worker(WORKER_URL, { type: "module", name: "clg-python" });
    } catch (error) {
      this.fail(`Браузер не смог запустить фоновый поток: ${error.message}`);
      return;
    }
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(WORKER_CRASHED);
    });
    const timeout = window.CLG_LOAD_TIMEOUT_MS || DEFAULT_LOAD_TIMEOUT_MS;
    this.timer = setTimeout(() => {
      this.fail(`Python не загрузился за ${Math.round(timeout / 1000)} с. Проверьте соединение и повторите.`);
    }, timeout);
    if (!early) {
      this.worker.postMessage({ type: "init", runtime: runtimeFiles() });
      return;
    }
    // Listeners are in place before the buffer is replayed, in the same task: nothing is lost.
    for (const message of early.messages) {
      // After a failure the worker is stopped: what it sent later must not revive the state.
      if (!this.worker) return;
      this.receive(message);
    }
    if (early.failed) this.fail(WORKER_CRASHED);
  }

  retry() {
    this.stop();
    this.start();
  }

  stop() {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("worker stopped"));
    this.pending.clear();
  }

  fail(message) {
    this.stop();
    this.setState("failed", { message });
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error(message));
  }

  creep(from, label) {
    clearInterval(this.creepTimer);
    const started = performance.now();
    this.creepTimer = setInterval(() => {
      if (this.state !== "loading") {
        clearInterval(this.creepTimer);
        return;
      }
      const share = 1 - Math.exp(-(performance.now() - started) / CREEP_PACE_MS);
      const percent = Math.round(from + (CREEP_CEILING - from) * share);
      if (percent > this.percent) this.setState("loading", { percent, label });
    }, CREEP_TICK_MS);
  }

  receive(message) {
    if (message.type === "progress") {
      this.setState("loading", { percent: Math.max(this.percent, message.percent), label: message.label });
      if (message.measured) clearInterval(this.creepTimer);
      else if (this.percent < CREEP_CEILING) this.creep(this.percent, message.label);
    } else if (message.type === "prepared") {
      this.prepared.add(message.name);
    } else if (message.type === "ready") {
      clearTimeout(this.timer);
      this.setState("ready", { percent: 100 });
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
    } else if (message.type === "failed") {
      this.fail(message.message);
    } else if (message.type === "result") {
      const request = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (request) request.resolve(message.answer);
    }
  }

  setState(state, details) {
    Object.assign(this, { state }, details);
    for (const listener of this.listeners) listener(this);
  }

  whenReady() {
    if (this.state === "ready") return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  async compute(name, params, files = {}) {
    await this.whenReady();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // A worker the browser kills (out of memory, say) answers nothing and fires no event.
      const limit = window.CLG_COMPUTE_TIMEOUT_MS || DEFAULT_COMPUTE_TIMEOUT_MS;
      const timer = setTimeout(() => this.fail("Python перестал отвечать. Нажмите «Повторить»."), limit);
      const settle = (done) => (value) => {
        clearTimeout(timer);
        done(value);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.worker.postMessage({ type: "compute", id, name, params, files }, Object.values(files));
    });
  }

  // Have the calculator `name` imported ahead of its page, if Python is up (else it comes anyway).
  prepare(name) {
    if (this.state === "ready") this.worker.postMessage({ type: "prepare", name });
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
  }

  unsubscribe(listener) {
    this.listeners.delete(listener);
  }
}

export const runtime = new PythonRuntime();
window.clgRuntime = {
  get workerStarts() {
    return runtime.workerStarts;
  },
  get state() {
    return runtime.state;
  },
  get prepared() {
    return [...runtime.prepared];
  },
  get startedInHead() {
    return runtime.startedInHead;
  },
};
