// Makes a Pyodide memory snapshot with the standard-library modules the calculators import,
// so that a returning reader's browser starts Python in a fraction of the usual time.
// Usage: node scripts/make-snapshot.mjs <output file>
// The snapshot depends only on the installed Pyodide, not on the calculators' code or data.

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";

const [output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node scripts/make-snapshot.mjs <output file>");
  process.exit(2);
}
const pyodide = await loadPyodide({ _makeSnapshot: true });
pyodide.runPython(
  "import collections, csv, dataclasses, functools, html, io, itertools, json, math, re, statistics, sys",
);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, pyodide.makeMemorySnapshot());
