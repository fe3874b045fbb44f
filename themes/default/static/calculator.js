/*
 * stepwise savings calculators: evaluates a calculator's compiled formulas in the browser.
 *
 * The compiled form is the JSON that stepwise writes into the page in a
 * <script type="application/json"> element (see src/calculator/json.rs). This file holds only the
 * evaluator, with the same semantics as the Rust one (src/calculator/eval.rs): f64 arithmetic,
 * every intermediate result must be finite, comparisons and and/or/not give 1 or 0, `if`
 * evaluates only the chosen branch, and round() is half away from zero.
 *
 * Entry point for other scripts: stepwiseCalculator.compute(compiled, inputValues).
 * No eval, no new Function. In a page it also runs every calculator it finds (see `start`):
 * the buyer's numbers in, the results out, scenarios, and the numbers kept in the address. Under
 * node there is no document, and only the evaluator loads.
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
    try {
      return finite(BINARY[node.op](a, b));
    } catch (error) {
      // A division or a power names its place, which names the reason (src/calculator/why.rs).
      if (node.at !== undefined && error && typeof error.error === "string") error.at = node.at;
      throw error;
    }
  }

  /**
   * Every output of a compiled calculator, in evaluation order, for the given input values
   * ({id: number} as the buyer writes them; inputs left out take their defaults). Returns {outputId: number} where an
   * output without a value maps to {error: "division-by-zero" | "not-finite" | "upstream" | …}.
   */
  function compute(compiled, inputValues) {
    var values = Object.create(null);
    var given = inputValues || {};
    compiled.inputs.forEach(function (input) {
      var value = Object.prototype.hasOwnProperty.call(given, input.id) ? given[input.id] : input.default;
      // A percentage is written as the buyer reads it (80); the formulas see the fraction (0.8).
      values[input.id] = input.format === "percent" ? value / 100 : value;
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


  /* ---- The page: every <section data-calculator> -------------------------------------------- */

  /**
   * A value as the page shows it: Intl.NumberFormat for the page's language with the options the
   * build wrote for this input or output (src/number/mod.rs), the same that formatted the page.
   */
  function show(value, options, language) {
    return new Intl.NumberFormat(language, options).format(value);
  }

  /** What is wrong with a field's value, or "" when it is a number within its limits. */
  function problem(field, input) {
    var text = field.value.trim();
    if (text === "" || field.validity.badInput) return "Enter a number.";
    var value = Number(text);
    if (!isFinite(value)) return "Enter a number.";
    if (input.min !== null && value < input.min) return "Enter at least " + input.min + ".";
    if (input.max !== null && value > input.max) return "Enter at most " + input.max + ".";
    return "";
  }

  function Calculator(section) {
    this.section = section;
    this.compiled = JSON.parse(section.querySelector("[data-calc-compiled]").textContent);
    this.fields = this.compiled.inputs.map(function (input) {
      return section.querySelector("#calc-in-" + input.id);
    });
    this.buttons = Array.prototype.slice.call(section.querySelectorAll("[data-scenario]"));
  }

  /**
   * Reads the fields, shows each field's problem, and returns {id: value}, or null with the
   * label of the first field without a valid number in this.invalid.
   */
  Calculator.prototype.values = function () {
    var values = {};
    this.invalid = null;
    this.compiled.inputs.forEach(function (input, at) {
      var field = this.fields[at];
      var message = problem(field, input);
      var error = this.section.querySelector("#calc-error-" + input.id);
      error.textContent = message;
      field.setAttribute("aria-invalid", message ? "true" : "false");
      if (!message) values[input.id] = Number(field.value);
      else if (this.invalid === null) this.invalid = input.label;
    }, this);
    return this.invalid === null ? values : null;
  };

  /**
   * Why an output has no value, in the words the build derived from its formula: the reason of
   * the division or power that failed, or of the output it uses.
   */
  function reason(compiled, id, results) {
    var error = results[id];
    if (error.error === "upstream" && results[error.output]) return reason(compiled, error.output, results);
    var why = compiled.why[id];
    return (error.at !== undefined && why.at[error.at]) || why.otherwise;
  }

  /** Recomputes and shows every result, or why it cannot be computed. */
  Calculator.prototype.update = function () {
    var values = this.values();
    var results = values ? compute(this.compiled, values) : null;
    this.compiled.outputs.forEach(function (output) {
      var shown = this.section.querySelector("#calc-out-" + output.id);
      var value = results && results[output.id];
      var computed = typeof value === "number";
      shown.textContent = computed
        ? show(value, this.compiled.formats[output.id], this.compiled.language)
        : results ? reason(this.compiled, output.id, results) : "needs a number in “" + this.invalid + "”";
      if (computed) shown.removeAttribute("data-calc-why");
      else shown.setAttribute("data-calc-why", "");
    }, this);
    if (values) {
      this.remember(values);
      this.send(values);
    }
  };

  /**
   * Keeps the "send these numbers" link current: its address with every input as the field holds
   * it and every output as shown, and the page's address as `asset`; for mailto: a subject and a
   * body of "label: figure" lines. The same text the build writes for the defaults
   * (src/kinds/calculator/send.rs).
   */
  Calculator.prototype.send = function (values) {
    var link = this.section.querySelector("[data-calc-send]");
    if (!link) return;
    var compiled = this.compiled;
    var figures = compiled.inputs.map(function (input) {
      var value = values[input.id];
      var formula = input.format === "percent" ? value / 100 : value;
      return [input.id, input.label, String(value), show(formula, compiled.formats[input.id], compiled.language)];
    });
    var labels = {};
    compiled.outputs.forEach(function (output) { labels[output.id] = output.label; });
    // The outputs in the order the page lists them, each as it shows it, when it has a value.
    Array.prototype.forEach.call(this.section.querySelectorAll("output[id^='calc-out-']"), function (shown) {
      if (shown.hasAttribute("data-calc-why")) return;
      var id = shown.id.slice("calc-out-".length);
      figures.push([id, labels[id], shown.textContent, shown.textContent]);
    });
    var page = link.getAttribute("data-send-asset");
    var pairs = link.hasAttribute("data-send-subject")
      ? [["subject", link.getAttribute("data-send-subject")], ["body", figures.map(function (f) {
        return f[1] + ": " + f[3];
      }).join("\r\n") + "\r\n\r\n" + page]]
      : figures.map(function (f) { return [f[0], f[2]]; }).concat([["asset", page]]);
    link.setAttribute("href", withQuery(link.getAttribute("data-send-to"), pairs));
  };

  /** The address with the pairs added to its query, as src/address.rs `with_query` writes it. */
  function withQuery(address, pairs) {
    var hash = address.indexOf("#");
    var before = hash < 0 ? address : address.slice(0, hash);
    var fragment = hash < 0 ? "" : address.slice(hash);
    var question = before.indexOf("?");
    var separator = question < 0 ? "?" : question === before.length - 1 || before.slice(-1) === "&" ? "" : "&";
    var query = pairs.map(function (pair) {
      return encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1]);
    });
    return before + separator + query.join("&") + fragment;
  }

  /** Keeps the numbers in the address, so a colleague who opens it sees the same results. */
  Calculator.prototype.remember = function (values) {
    var query = new URLSearchParams(window.location.search);
    this.compiled.inputs.forEach(function (input) {
      query.set(input.id, String(values[input.id]));
    });
    window.history.replaceState(null, "", "?" + query.toString() + window.location.hash);
  };

  /** Puts the values of scenario `at` into the fields. */
  Calculator.prototype.choose = function (at) {
    var scenario = this.compiled.scenarios[at];
    this.fields.forEach(function (field, i) { field.value = String(scenario.values[i]); });
    this.press(at);
    this.update();
  };

  /** Marks scenario `at` as the one shown, or none when `at` is -1. */
  Calculator.prototype.press = function (at) {
    this.buttons.forEach(function (button, i) {
      button.setAttribute("aria-pressed", i === at ? "true" : "false");
    });
  };

  /** Takes the numbers from the address, when it holds any; returns whether it did. */
  Calculator.prototype.restore = function () {
    var query = new URLSearchParams(window.location.search);
    var restored = false;
    this.compiled.inputs.forEach(function (input, at) {
      if (query.has(input.id)) {
        this.fields[at].value = query.get(input.id);
        restored = true;
      }
    }, this);
    return restored;
  };

  Calculator.prototype.start = function () {
    var self = this;
    this.fields.forEach(function (field) {
      field.readOnly = false;
      field.addEventListener("input", function () {
        self.press(-1);
        self.update();
      });
    });
    this.buttons.forEach(function (button, at) {
      button.addEventListener("click", function () { self.choose(at); });
    });
    var scenarios = this.section.querySelector("[data-calc-scenarios]");
    if (scenarios) scenarios.hidden = false;
    this.section.querySelector("[data-calc-static]").hidden = true;
    this.section.querySelector("[data-calc-share]").hidden = false;
    if (this.restore()) this.press(-1);
    else if (this.compiled.scenarios.length > 0) this.choose(0);
    this.update();
  };

  /** Starts every calculator of the page. */
  function start(document) {
    var sections = document.querySelectorAll("[data-calculator]");
    Array.prototype.forEach.call(sections, function (section) {
      new Calculator(section).start();
    });
  }

  var api = { compute: compute, evaluate: evaluate, round: round, show: show };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.stepwiseCalculator = api;
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { start(root.document); });
    } else {
      start(root.document);
    }
  }
})(this);
