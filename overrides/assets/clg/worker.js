// Module Web Worker that runs the calculators in Pyodide, off the page's main thread.
// Messages in:  {type: "init", bundle}            {type: "compute", id, name, params}
// Messages out: {type: "progress", percent, label} {type: "ready"} {type: "failed", message}
//               {type: "result", id, answer}

const RUNTIME = new URL("../pyodide/", import.meta.url);
const PACKAGE_DIR = "/home/pyodide/clg";

let bridgeRun = null;
let toPython = null;

function progress(percent, label) {
  self.postMessage({ type: "progress", percent, label });
}

class LoadFailure extends Error {}

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

async function startPython() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  return loadPyodide({ indexURL: RUNTIME.href });
}

async function init(bundle) {
  progress(10, "Загружаем Python");
  // The MIME check runs beside the download, not before it: a bad type still fails at once,
  // because the check rejects while loadPyodide would wait forever.
  const [pyodide, bundleBytes] = await Promise.all([startPython(), fetchBundle(bundle), checkWasm()]);
  progress(85, "Загружаем калькуляторы");
  pyodide.unpackArchive(bundleBytes, "zip", { extractDir: PACKAGE_DIR });
  pyodide.runPython(`import sys\nsys.path.insert(0, "${PACKAGE_DIR}")`);
  bridgeRun = pyodide.pyimport("calculators.bridge").run;
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
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message.bundle);
      self.postMessage({ type: "ready" });
    } catch (error) {
      const text =
        error instanceof LoadFailure ? error.message : `Python не запустился: ${error && error.message}`;
      self.postMessage({ type: "failed", message: text });
    }
  } else if (message.type === "compute") {
    compute(message);
  }
});
