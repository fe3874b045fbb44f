// Formats numbers with the page's script for tests/number_intl.rs:
// node number_intl.js <calculator.js> <batches.json>, where each batch is
// {language, options, values}. Prints one JSON array with, per batch, the texts of its values,
// as the script shows them with Intl.NumberFormat.
"use strict";
const fs = require("fs");
const calculator = require(process.argv[2]);
const batches = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const texts = batches.map(function (batch) {
  return batch.values.map(function (value) {
    return calculator.show(value, batch.options, batch.language);
  });
});
process.stdout.write(JSON.stringify(texts));
