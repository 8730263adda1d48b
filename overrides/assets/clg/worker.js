// Module Web Worker that runs the calculators in Pyodide, off the page's main thread.
// Messages in:  {type: "init", bundle, snapshot}  {type: "compute", id, name, params, files}
//               {type: "prepare", name}
// Messages out: {type: "progress", percent, label} {type: "ready", from} {type: "failed", message}
//               {type: "result", id, answer}        {type: "snapshot-stored"}
//               {type: "prepared", name}

const RUNTIME = new URL("../pyodide/", import.meta.url);
const PACKAGE_DIR = "/home/pyodide/clg";

// Pyodide's loader is fetched while the page's first message is on its way; a failure to
// fetch it is reported by init, not left as an unhandled rejection.
const pyodideLoader = import(new URL("pyodide.mjs", RUNTIME).href);
pyodideLoader.catch(() => {});

let bridgeRun = null;
let getCalculator = null;
let toPrepare = [];
let toPython = null;

function progress(percent, label) {
  self.postMessage({ type: "progress", percent, label });
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

// A host that serves .wasm with another MIME type makes loadPyodide hang without an error,
// so the type is checked up front and the failure is reported at once.
async function checkWasm() {
  const response = await fetch(new URL("pyodide.asm.wasm", RUNTIME), { method: "HEAD" });
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

// Pyodide's memory snapshot (the interpreter already started, the standard library imported)
// starts Python several times faster, but adds about 7 MB (gzipped) to the download. So it is
// used only when a previous visit left it in the HTTP cache; the first visit fetches it in the
// background once Python is ready.
async function cachedSnapshot(name) {
  if (!name) return null;
  try {
    const response = await fetch(new URL(name, RUNTIME), { cache: "only-if-cached", mode: "same-origin" });
    if (!response.ok) return null;
    const inflated = new Response(response.body.pipeThrough(new DecompressionStream("gzip")));
    return new Uint8Array(await inflated.arrayBuffer());
  } catch {
    return null;
  }
}

async function storeSnapshot(name) {
  if (!name || (self.navigator.connection && self.navigator.connection.saveData)) return;
  try {
    const response = await fetch(new URL(name, RUNTIME), { priority: "low" });
    if (!response.ok) return;
    await response.arrayBuffer();
    self.postMessage({ type: "snapshot-stored" });
  } catch {
    // Only an optimisation for the next visit.
  }
}

async function startPython(snapshot) {
  const { loadPyodide } = await pyodideLoader;
  if (snapshot) {
    try {
      return { pyodide: await loadPyodide({ indexURL: RUNTIME.href, _loadSnapshot: snapshot }), from: "snapshot" };
    } catch (error) {
      console.warn("Pyodide snapshot not usable, starting afresh", error);
    }
  }
  return { pyodide: await loadPyodide({ indexURL: RUNTIME.href }), from: "start" };
}

async function init(bundle, snapshotName) {
  progress(10, "Загружаем Python");
  checkWebAssemblyAllowed();
  const snapshot = await cachedSnapshot(snapshotName);
  // The MIME check runs beside the download, not before it: a bad type still fails at once,
  // because the check rejects while loadPyodide would wait forever.
  const [{ pyodide, from }, bundleBytes] = await Promise.all([
    startPython(snapshot),
    fetchBundle(bundle),
    checkWasm(),
  ]);
  progress(85, "Загружаем калькуляторы");
  pyodide.unpackArchive(bundleBytes, "zip", { extractDir: PACKAGE_DIR });
  pyodide.runPython(`import sys\nsys.path.insert(0, "${PACKAGE_DIR}")`);
  bridgeRun = pyodide.pyimport("calculators.bridge").run;
  getCalculator = pyodide.pyimport("calculators.registry").get;
  const names = pyodide.runPython("from calculators.registry import MODULES\nlist(MODULES)");
  toPrepare = names.toJs();
  names.destroy();
  toPython = (files) => pyodide.toPy(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Uint8Array(v)])));
  progress(100, "Готово");
  return from;
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
      const from = await init(message.bundle, message.snapshot);
      self.postMessage({ type: "ready", from });
      if (from !== "snapshot") storeSnapshot(message.snapshot);
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
