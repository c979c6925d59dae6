// The edition's own scripts as the reader fetches them: minified (Terser, npm, pinned in
// package-lock.json), their comments gone; scripts/postbuild.py's "scripts minified" step runs it.
//
//     node scripts/minify_js.cjs SCRIPT...
//
// prints a JSON object: each script's path → its minified text. Each script is a classic
// script of its own (no module): the names it gives the page (window.edition …) are properties,
// which Terser leaves alone; the names inside its function are shortened, its code compressed.
"use strict";

const fs = require("node:fs");
const { minify } = require("terser");

const OPTIONS = {
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
};

async function main(scripts) {
  if (scripts.length === 0) {
    process.stderr.write("usage: node scripts/minify_js.cjs SCRIPT...\n");
    return 2;
  }
  const minified = {};
  for (const file of scripts) {
    try {
      minified[file] = (await minify(fs.readFileSync(file, "utf8"), OPTIONS)).code;
    } catch (error) {
      // Terser's parse error names the line and column
      throw new Error(`${file}:${error.line ?? "?"}:${error.col ?? "?"}: ${error.message}`);
    }
  }
  process.stdout.write(JSON.stringify(minified));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`minify_js: ${error.message}\n`);
    process.exitCode = 1;
  },
);
