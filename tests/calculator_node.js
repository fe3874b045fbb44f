// Runs calculator.js on a batch of cases for tests/calculator_props.rs:
// node calculator_node.js <calculator.js> <cases.json>, where each case is {compiled, inputs}.
// Prints one JSON array with, per case, {outputId: "<hex bits of the double>" | {error: code}}.
"use strict";
const fs = require("fs");
const calculator = require(process.argv[2]);
const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const view = new DataView(new ArrayBuffer(8));
function bits(value) {
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16);
}
const results = cases.map(function (one) {
  const outputs = calculator.compute(one.compiled, one.inputs);
  const shown = {};
  for (const id of Object.keys(outputs)) {
    const value = outputs[id];
    shown[id] = typeof value === "number" ? bits(value) : { error: value.error };
  }
  return shown;
});
process.stdout.write(JSON.stringify(results));
