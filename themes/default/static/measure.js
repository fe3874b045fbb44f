/*
 * stepwise step events: reports what the buyer does to move through the journey. Published and
 * loaded only when `[analytics]` in stepwise.toml names a provider (see docs/analytics.md).
 *
 * Every link or button with `data-step-event` reports that event when it is clicked: a next
 * step (`next-step`), a trial close (`trial-close`), a download (`download`). A calculator (its
 * `[data-calculator]` section carries `data-step-event="calculator-change"`) reports a changed
 * input or a chosen scenario. Each event carries `from` and `to` (step slugs) and `asset`.
 *
 * The provider is read from this script's `data-provider`: `plausible` calls
 * window.plausible(event, {props}), `umami` calls umami.track(event, data), `custom` dispatches a
 * `stepwise:step` CustomEvent on document with the event and its fields as `detail`. Nothing is
 * stored in the browser and nothing is sent before the buyer acts.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var provider = script ? script.getAttribute("data-provider") : "";
  var waiting = [];

  /** The event's fields, as they are sent: `event`, `from`, `to`, `asset` and its own. */
  function detail(element, event, extra) {
    var fields = { event: event };
    ["from", "to"].forEach(function (name) {
      var value = element.getAttribute("data-step-" + name);
      if (value) fields[name] = value;
    });
    var asset = element.getAttribute("data-asset");
    if (asset) fields.asset = asset;
    Object.keys(extra).forEach(function (name) { fields[name] = extra[name]; });
    return fields;
  }

  /** Hands one event to the provider, or keeps it until the provider's script has loaded. */
  function send(fields) {
    var props = {};
    Object.keys(fields).forEach(function (name) {
      if (name !== "event") props[name] = fields[name];
    });
    if (provider === "custom") {
      document.dispatchEvent(new CustomEvent("stepwise:step", { detail: fields }));
    } else if (provider === "plausible") {
      window.plausible(fields.event, { props: props });
    } else if (provider === "umami") {
      if (window.umami && window.umami.track) window.umami.track(fields.event, props);
      else waiting.push(fields);
    }
  }

  if (provider === "plausible" && !window.plausible) {
    // Plausible's script reads the events queued here once it has loaded.
    window.plausible = function () {
      (window.plausible.q = window.plausible.q || []).push(arguments);
    };
  }
  window.addEventListener("load", function () {
    var queued = waiting;
    waiting = [];
    queued.forEach(send);
  });

  /** The last segment of a download's address: the file the buyer took. */
  function fileName(link) {
    var path = link.pathname || "";
    return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var link = target.closest("a[data-step-event], button[data-step-event]");
    if (link) {
      var name = link.getAttribute("data-step-event");
      send(detail(link, name, name === "download" ? { file: fileName(link) } : {}));
      return;
    }
    var scenario = target.closest("[data-scenario]");
    var calculator = scenario && scenario.closest("[data-calculator][data-step-event]");
    if (calculator) {
      send(detail(calculator, calculator.getAttribute("data-step-event"), {
        scenario: scenario.textContent.trim()
      }));
    }
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target instanceof Element ? event.target : null;
    var calculator = field && field.closest("[data-calculator][data-step-event]");
    if (calculator && field.name) {
      send(detail(calculator, calculator.getAttribute("data-step-event"), { input: field.name }));
    }
  });
})();
