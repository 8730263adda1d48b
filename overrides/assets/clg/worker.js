// Module Web Worker that runs the calculators in Pyodide, off the page's main thread.
// Messages in:  {type: "init", runtime: {base, manifest}} (the runtime's folder under assets/pyodide/
//               and its manifest there, which names the calculators archive and the library)
//               {type: "compute", id, name, params, files}
//               {type: "prepare", name}
// Messages out: {type: "progress", percent, label, measured} {type: "ready"} {type: "failed", message}
//               {type: "result", id, answer}
//               {type: "prepared", name}

const RUNTIMES = new URL("../pyodide/", import.meta.url);
const PACKAGE_DIR = "/home/pyodide/clg";
// Share of the bar for the downloads; Python's start and the calculators take the rest.
const DOWNLOAD_FROM = 10;
const DOWNLOAD_TO = 75;
const WASM = "pyodide.asm.wasm";
let RUNTIME = RUNTIMES;

let bridgeRun = null;
let getCalculator = null;
let toPrepare = [];
let toPython = null;

function progress(percent, label, measured = false) {
  self.postMessage({ type: "progress", percent, label, measured });
}

// The bar follows the bytes received of the files Pyodide and this worker fetch, against their
// sizes in the runtime's manifest (bytes as stored: a compressed response arrives decompressed).
// Each response is counted through a clone, so the one Pyodide reads stays as it came: the
// WebAssembly is still compiled while it streams, and Chrome still caches the compiled code.
//
// Pyodide's own request for the WebAssembly is checked too (see checkWasm); the returned promise
// rejects when it comes back wrong.
function watchDownloads(sizes, counted) {
  const received = new Map(counted.map((name) => [name, 0]));
  const total = counted.reduce((sum, name) => sum + (sizes[name] ? sizes[name].raw : 0), 0);
  let done = false;
  const report = () => {
    const got = [...received.values()].reduce((sum, bytes) => sum + bytes, 0);
    if (done || total <= 0) return;
    if (got >= total) {
      done = true;
      // Downloads are over; Python's start reports nothing, so the bar creeps from here.
      progress(DOWNLOAD_TO, "Запускаем Python");
      return;
    }
    progress(Math.round(DOWNLOAD_FROM + ((DOWNLOAD_TO - DOWNLOAD_FROM) * got) / total), "Загружаем Python", true);
  };
  let wasmChecked;
  const wasmCheck = new Promise((resolve, reject) => (wasmChecked = { resolve, reject }));
  const realFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    const name = url.startsWith(RUNTIME.href) ? url.slice(RUNTIME.href.length) : "";
    let response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      if (name === WASM) wasmChecked.reject(new LoadFailure("Не удалось загрузить Python: нет связи с сервером."));
      throw error;
    }
    if (name === WASM) checkWasm(response).then(wasmChecked.resolve, wasmChecked.reject);
    if (received.has(name) && response.ok && response.body) {
      const reader = response.clone().body.getReader();
      const pump = () =>
        reader.read().then(({ done: finished, value }) => {
          if (finished) return;
          received.set(name, received.get(name) + value.byteLength);
          report();
          return pump();
        });
      pump().catch(() => {});
    }
    return response;
  };
  return wasmCheck;
}

class LoadFailure extends Error {}

// A Content-Security-Policy without 'wasm-unsafe-eval' also makes loadPyodide hang (the compile
// error is only logged), so compiling the smallest module tells at once whether WebAssembly runs.
function checkWebAssemblyAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  } catch {
    throw new LoadFailure(
      "Политика безопасности сайта (Content-Security-Policy) запрещает WebAssembly, и Python не может " +
        "запуститься. Администратору сайта нужно добавить в script-src источник 'wasm-unsafe-eval'.",
    );
  }
}

// A host that serves .wasm with another MIME type makes loadPyodide hang without an error, so
// the response to Pyodide's request is checked as it arrives and the failure reported at once
// (no request of its own: offline, the service worker answers Pyodide's request, not a HEAD).
async function checkWasm(response) {
  if (!response.ok) {
    throw new LoadFailure(`Файлы Python не найдены на сервере (HTTP ${response.status}).`);
  }
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (type !== "application/wasm") {
    throw new LoadFailure(
      `Сервер отдаёт файл .wasm с типом «${type || "не указан"}» вместо application/wasm, ` +
        "и браузер не может запустить Python. Администратору сайта нужно исправить тип файла.",
    );
  }
}

async function fetchBundle(name) {
  const response = await fetch(new URL(name, RUNTIME));
  if (!response.ok) {
    throw new LoadFailure(`Архив калькуляторов не найден на сервере (HTTP ${response.status}).`);
  }
  return response.arrayBuffer();
}

// The runtime's file names and sizes (macros/bundle.py writes it), fetched beside Pyodide's loader.
async function fetchManifest(name) {
  const response = await fetch(new URL(name, RUNTIME));
  if (!response.ok) {
    throw new LoadFailure(`Файлы Python не найдены на сервере (HTTP ${response.status}).`);
  }
  return response.json();
}

// The standard library comes with bytecode for what Python imports while starting and for what
// the calculators import, and the calculators archive holds bytecode only (both made at build
// time by scripts/compile-python.mjs): Pyodide ships the library as source, and compiling it
// took two thirds of Python's start in the browser.
async function init({ base, manifest }) {
  RUNTIME = new URL(base, RUNTIMES);
  progress(DOWNLOAD_FROM, "Загружаем Python");
  checkWebAssemblyAllowed();
  const [{ loadPyodide }, { bundle, stdlib, files }] = await Promise.all([
    import(new URL("pyodide.mjs", RUNTIME).href),
    fetchManifest(manifest),
  ]);
  const wasmChecked = watchDownloads(files, [WASM, stdlib, bundle]);
  // The check of the WebAssembly's response rejects while loadPyodide would wait forever.
  const [pyodide, bundleBytes] = await Promise.all([
    loadPyodide({ indexURL: RUNTIME.href, stdLibURL: new URL(stdlib, RUNTIME).href }),
    fetchBundle(bundle),
    wasmChecked,
  ]);
  progress(85, "Загружаем калькуляторы", true);
  pyodide.unpackArchive(bundleBytes, "zip", { extractDir: PACKAGE_DIR });
  pyodide.runPython(`import sys\nsys.path.insert(0, "${PACKAGE_DIR}")`);
  bridgeRun = pyodide.pyimport("calculators.bridge").run;
  getCalculator = pyodide.pyimport("calculators.registry").get;
  const names = pyodide.runPython("from calculators.registry import MODULES\nlist(MODULES)");
  toPrepare = names.toJs();
  names.destroy();
  toPython = (files) => pyodide.toPy(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(v)])));
  progress(100, "Готово");
}

function compute({ id, name, params, files }) {
  let answer;
  let pyFiles = null;
  try {
    pyFiles = toPython(files || {});
    answer = JSON.parse(bridgeRun(name, JSON.stringify(params), pyFiles));
  } catch (error) {
    console.warn("calculator crashed", error);
    answer = { status: "crash", message: "Внутренняя ошибка калькулятора: попробуйте другие значения." };
  } finally {
    if (pyFiles) pyFiles.destroy();
  }
  self.postMessage({ type: "result", id, answer });
  setTimeout(prepareNext, 0);
}

// Once the page's calculator has answered, the others are imported one per task, so that a
// computation asked for meanwhile waits for one import at most.
function prepareNext() {
  const name = toPrepare.shift();
  if (name === undefined) return;
  prepare(name);
  setTimeout(prepareNext, 0);
}

// Each calculator's module is imported (compiled in WebAssembly) when first used, or when the
// reader points at a link to its page.
function prepare(name) {
  if (!getCalculator) return;
  toPrepare = toPrepare.filter((other) => other !== name);
  try {
    getCalculator(name).destroy();
    self.postMessage({ type: "prepared", name });
  } catch (error) {
    console.warn("no calculator to prepare", name, error);
  }
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message.runtime);
      self.postMessage({ type: "ready" });
    } catch (error) {
      const text =
        error instanceof LoadFailure ? error.message : `Python не запустился: ${error && error.message}`;
      self.postMessage({ type: "failed", message: text });
    }
  } else if (message.type === "compute") {
    compute(message);
  } else if (message.type === "prepare") {
    prepare(message.name);
  }
});
