// Writes the brotli form of files, at the strongest setting, for hosts that serve precompressed
// siblings (nginx brotli_static, Caddy's precompressed, tools/serve.py). Python has no brotli;
// Node.js has it built in. (The gzip form comes from Python's zlib, 1,4 % smaller than Node's.)
//
//   node scripts/compress.mjs <input> <output> [<input> <output>]...

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2) {
  console.error("usage: node scripts/compress.mjs <input> <output> [<input> <output>]...");
  process.exit(2);
}

// A draft renamed into place: a build that stops half-way leaves no half file in the cache.
function write(path, data) {
  writeFileSync(`${path}.${process.pid}.draft`, data);
  renameSync(`${path}.${process.pid}.draft`, path);
}

for (let i = 0; i < args.length; i += 2) {
  const data = readFileSync(args[i]);
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  };
  write(args[i + 1], brotliCompressSync(data, { params }));
}
