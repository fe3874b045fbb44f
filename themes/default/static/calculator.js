/*
 * stepwise savings calculators: evaluates a calculator's compiled formulas in the browser.
 *
 * The compiled form is the JSON that stepwise writes into the page in a
 * <script type="application/json"> element (see src/calculator/json.rs). This file holds only the
 * evaluator, with the same semantics as the Rust one (src/calculator/eval.rs): f64 arithmetic,
 * every intermediate result must be finite, comparisons and and/or/not give 1 or 0, `if`
 * evaluates only the chosen branch, and round() is half away from zero.
 *
 * Entry point for the page: stepwiseCalculator.compute(compiled, inputValues).
 * No eval, no new Function, no DOM access: it loads the same under node.
 */
(function (root) {
  "use strict";

  /** An evaluation error with the same codes as the Rust side (EvalErrorKind::code). */
  function failure(code, output) {
    var error = { error: code };
    if (output !== undefined) error.output = output;
    return error;
  }

  function finite(value) {
    if (!isFinite(value)) throw failure("not-finite");
    return value;
  }

  function truth(condition) {
    return condition ? 1 : 0;
  }

  /**
   * round(x, digits): floor(|x| * 10^d + 0.5) / 10^d, negated for negative x, with d the digits
   * truncated to a whole number between -400 and 400 and 10^d read from the decimal text "1e<d>"
   * (exact to the last bit, as in Rust).
   */
  function round(x, digits) {
    var d = Math.max(-400, Math.min(400, Math.trunc(digits)));
    var scale = Number("1e" + d);
    var magnitude = Math.floor(Math.abs(x) * scale + 0.5) / scale;
    return x < 0 ? -magnitude : magnitude;
  }

  function extreme(numbers, better) {
    var result = numbers[0];
    for (var i = 1; i < numbers.length; i++) {
      if (better(numbers[i], result)) result = numbers[i];
    }
    return result;
  }

  var BINARY = {
    "+": function (a, b) { return a + b; },
    "-": function (a, b) { return a - b; },
    "*": function (a, b) { return a * b; },
    "/": function (a, b) {
      if (b === 0) throw failure("division-by-zero");
      return a / b;
    },
    "^": function (a, b) { return Math.pow(a, b); },
    "<": function (a, b) { return truth(a < b); },
    "<=": function (a, b) { return truth(a <= b); },
    ">": function (a, b) { return truth(a > b); },
    ">=": function (a, b) { return truth(a >= b); },
    "==": function (a, b) { return truth(a === b); },
    "!=": function (a, b) { return truth(a !== b); },
    "and": function (a, b) { return truth(a !== 0 && b !== 0); },
    "or": function (a, b) { return truth(a !== 0 || b !== 0); }
  };

  var FUNCTIONS = {
    min: function (n) { return extreme(n, function (x, m) { return x < m; }); },
    max: function (n) { return extreme(n, function (x, m) { return x > m; }); },
    round: function (n) { return round(n[0], n.length > 1 ? n[1] : 0); },
    floor: function (n) { return Math.floor(n[0]); },
    ceil: function (n) { return Math.ceil(n[0]); },
    abs: function (n) { return Math.abs(n[0]); }
  };

  function call(node, lookup) {
    if (node.fn === "if") {
      var chosen = evaluate(node.args[0], lookup) !== 0 ? node.args[1] : node.args[2];
      return evaluate(chosen, lookup);
    }
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, node.fn)) throw failure("malformed");
    var numbers = node.args.map(function (arg) { return evaluate(arg, lookup); });
    return FUNCTIONS[node.fn](numbers);
  }

  function name(node, lookup) {
    var value = lookup(node.v);
    if (value === undefined) throw failure("malformed");
    if (typeof value !== "number") throw failure("upstream", node.v);
    return finite(value);
  }

  /**
   * Evaluates one formula tree; lookup(id) gives a number, an error object for an output without
   * a value, or undefined for an unknown name. Throws an error object when there is no value.
   */
  function evaluate(node, lookup) {
    if ("n" in node) return finite(node.n);
    if ("v" in node) return name(node, lookup);
    if ("fn" in node) return finite(call(node, lookup));
    if (node.op === "neg") return finite(-evaluate(node.a, lookup));
    if (node.op === "not") return truth(evaluate(node.a, lookup) === 0);
    if (!Object.prototype.hasOwnProperty.call(BINARY, node.op)) throw failure("malformed");
    var a = evaluate(node.a, lookup);
    var b = evaluate(node.b, lookup);
    return finite(BINARY[node.op](a, b));
  }

  /**
   * Every output of a compiled calculator, in evaluation order, for the given input values
   * ({id: number}; inputs left out take their defaults). Returns {outputId: number} where an
   * output without a value maps to {error: "division-by-zero" | "not-finite" | "upstream" | …}.
   */
  function compute(compiled, inputValues) {
    var values = Object.create(null);
    var given = inputValues || {};
    compiled.inputs.forEach(function (input) {
      var value = Object.prototype.hasOwnProperty.call(given, input.id) ? given[input.id] : input.default;
      values[input.id] = value;
    });
    var results = Object.create(null);
    compiled.outputs.forEach(function (output) {
      var lookup = function (id) { return values[id]; };
      try {
        results[output.id] = evaluate(output.formula, lookup);
      } catch (error) {
        if (!error || typeof error.error !== "string") throw error;
        results[output.id] = error;
      }
      values[output.id] = results[output.id];
    });
    return results;
  }

  var api = { compute: compute, evaluate: evaluate, round: round };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.stepwiseCalculator = api;
  }
})(this);
