// Compiles Python source in a zip to bytecode with Pyodide's own Python, so that the version
// always matches and the browser does not compile the same source on every visit.
//
//   node scripts/compile-python.mjs stdlib <output zip> <module>...
//     Pyodide's standard library with bytecode in place of the source of every module Python
//     imports while starting, and of the given modules with what they import; the rest stays
//     source. Pyodide ships the library as source: compiling it took two thirds of Pyodide's
//     own start-up time in the browser on our machines.
//   node scripts/compile-python.mjs archive <output zip> <input zip>
//     The same zip with every module compiled.

import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const USAGE =
  "usage: node scripts/compile-python.mjs stdlib <output zip> <module>...\n" +
  "       node scripts/compile-python.mjs archive <output zip> <input zip>";
const [mode, ...args] = process.argv.slice(2);
const jobs = {
  stdlib: args.length >= 2 && {
    input: new URL("../node_modules/pyodide/python_stdlib.zip", import.meta.url),
    output: args[0],
    modules: args.slice(1),
  },
  archive: args.length === 2 && { input: args[1], output: args[0], modules: null },
};
const job = jobs[mode];
if (!job) {
  console.error(USAGE);
  process.exit(2);
}

const pyodide = await loadPyodide();
if (job.modules) pyodide.runPython(`import ${job.modules.join(", ")}`);
pyodide.FS.writeFile("/tmp/input.zip", readFileSync(job.input));
pyodide.globals.set("only_imported", Boolean(job.modules));
pyodide.runPython(`
import importlib._bootstrap_external as bootstrap
import sys
import zipfile

LIBRARY = next(path for path in sys.path if path.endswith(".zip")) + "/"
imported = {
    module.__file__.removeprefix(LIBRARY)
    for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(LIBRARY)
}
prefix = LIBRARY if only_imported else ""
with zipfile.ZipFile("/tmp/input.zip") as source, zipfile.ZipFile("/tmp/output.zip", "w") as compiled:
    for entry in source.infolist():
        data = source.read(entry)
        if entry.filename in imported if only_imported else entry.filename.endswith(".py"):
            code = compile(data, prefix + entry.filename, "exec", dont_inherit=True)
            data = bytes(bootstrap._code_to_timestamp_pyc(code, 0, 0))
            entry = zipfile.ZipInfo(entry.filename + "c", entry.date_time)
        compiled.writestr(entry, data, zipfile.ZIP_DEFLATED)
`);
writeFileSync(job.output, pyodide.FS.readFile("/tmp/output.zip"));
