// Compiles Python to bytecode with Pyodide's own Python, so that the version always matches and
// the browser compiles nothing on a visit; and builds the standard library the site serves.
//
//   node scripts/compile-python.mjs stdlib <output zip> <plan json>
//     The plan names the calculators' source archive (`archive`), a corpus of inputs (`corpus`,
//     from macros/corpus.py) and modules to import besides (`modules`). Pyodide starts the way
//     the browser's worker starts it, runs every input of the corpus and imports the modules;
//     the output holds, as bytecode stored uncompressed, exactly the library files Python
//     imported. A second Pyodide then starts from the output and runs the corpus again: any
//     outcome that differs (a module missing, say) fails here, not on a reader's page.
//   node scripts/compile-python.mjs archive <output zip> <input zip>
//     The same zip with every module compiled, stored uncompressed.

import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const USAGE =
  "usage: node scripts/compile-python.mjs stdlib <output zip> <plan json>\n" +
  "       node scripts/compile-python.mjs archive <output zip> <input zip>";
const STOCK_LIBRARY = new URL("../node_modules/pyodide/python_stdlib.zip", import.meta.url);
const HARNESS = readFileSync(new URL("./stdlib_trace.py", import.meta.url), "utf8");
// Where the browser's worker unpacks the calculators (overrides/assets/clg/worker.js).
const PACKAGE_DIR = "/home/pyodide/clg";

const [mode, output, input] = process.argv.slice(2);
if (!["stdlib", "archive"].includes(mode) || !output || !input) {
  console.error(USAGE);
  process.exit(2);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

// Pyodide with the calculators unpacked and imported, as worker.js does it, and the harness.
async function startLikeTheWorker(plan, options = {}) {
  const pyodide = await loadPyodide(options);
  pyodide.unpackArchive(new Uint8Array(readFileSync(plan.archive)), "zip", { extractDir: PACKAGE_DIR });
  pyodide.runPython(`import sys\nsys.path.insert(0, "${PACKAGE_DIR}")`);
  pyodide.pyimport("calculators.bridge").destroy();
  pyodide.pyimport("calculators.registry").destroy();
  pyodide.runPython("from calculators.registry import MODULES\nlist(MODULES)").destroy();
  pyodide.toPy({ upload: new Uint8Array([1, 2, 3]) }).destroy();
  // A Python error reaching JavaScript is formatted with Python's traceback modules.
  try {
    pyodide.runPython("raise RuntimeError('traced')");
  } catch {}
  pyodide.runPython(HARNESS);
  return pyodide;
}

function call(pyodide, name, ...args) {
  const fn = pyodide.globals.get(name);
  try {
    return fn(...args);
  } finally {
    fn.destroy();
  }
}

async function trimmedLibrary() {
  const plan = JSON.parse(readFileSync(input, "utf8"));
  const full = await startLikeTheWorker(plan);
  full.FS.writeFile("/tmp/corpus.json", readFileSync(plan.corpus));
  const outcomes = JSON.parse(call(full, "run_corpus", "/tmp/corpus.json"));
  const crashes = outcomes.filter((outcome) => String(outcome[1]).startsWith("crashed"));
  if (crashes.length) fail(`calculators crashed in Pyodide:\n${crashes.map((c) => `  ${c[0]}: ${c[1]}`).join("\n")}`);
  const missing = call(full, "import_all", full.toPy(plan.modules));
  if (missing) fail(`modules the plan names do not import in Pyodide:\n${missing}`);
  const files = call(full, "library_files");
  full.FS.writeFile("/tmp/stock.zip", readFileSync(STOCK_LIBRARY));
  call(full, "write_library", files, "/tmp/stock.zip", "/tmp/trimmed.zip");
  writeFileSync(output, full.FS.readFile("/tmp/trimmed.zip"));

  const trimmed = await startLikeTheWorker(plan, { stdLibURL: output });
  trimmed.FS.writeFile("/tmp/corpus.json", readFileSync(plan.corpus));
  const again = JSON.parse(call(trimmed, "run_corpus", "/tmp/corpus.json"));
  const differ = outcomes.flatMap((outcome, i) =>
    JSON.stringify(outcome) === JSON.stringify(again[i]) ? [] : [`  ${outcome[0]}: ${again[i].slice(1).join(" ")}`],
  );
  if (differ.length) {
    fail(`with the trimmed standard library the calculators answer otherwise:\n${differ.join("\n")}`);
  }
}

async function compiledArchive() {
  const pyodide = await loadPyodide();
  pyodide.runPython(HARNESS);
  pyodide.FS.writeFile("/tmp/input.zip", readFileSync(input));
  call(pyodide, "compile_archive", "/tmp/input.zip", "/tmp/output.zip");
  writeFileSync(output, pyodide.FS.readFile("/tmp/output.zip"));
}

await (mode === "stdlib" ? trimmedLibrary() : compiledArchive());
