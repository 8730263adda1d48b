// Writes the installed Pyodide's standard library with bytecode in place of the source of every
// module Python imports while starting, and of the given modules with what they import; the
// rest stays source. Pyodide ships the library as source, which the browser would otherwise
// compile on every visit: two thirds of Pyodide's own start-up time on our machines.
// The bytecode comes from Pyodide's Python itself, so its version always matches.
// Usage: node scripts/prepare-pyodide.mjs <output zip> <module>...

import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const [output, ...modules] = process.argv.slice(2);
if (!output || !modules.length) {
  console.error("usage: node scripts/prepare-pyodide.mjs <output zip> <module>...");
  process.exit(2);
}
const pyodide = await loadPyodide();
pyodide.runPython(`import ${modules.join(", ")}`);
pyodide.FS.writeFile("/tmp/stock.zip", readFileSync(new URL("../node_modules/pyodide/python_stdlib.zip", import.meta.url)));
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
with zipfile.ZipFile("/tmp/stock.zip") as stock, zipfile.ZipFile("/tmp/prepared.zip", "w") as prepared:
    for entry in stock.infolist():
        data = stock.read(entry)
        if entry.filename in imported:
            code = compile(data, LIBRARY + entry.filename, "exec", dont_inherit=True)
            data = bytes(bootstrap._code_to_timestamp_pyc(code, 0, 0))
            entry = zipfile.ZipInfo(entry.filename + "c", entry.date_time)
        prepared.writestr(entry, data, zipfile.ZIP_DEFLATED)
`);
writeFileSync(output, pyodide.FS.readFile("/tmp/prepared.zip"));
