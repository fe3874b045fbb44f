// finder.js: the resource finder's filters and search. Without it the finder lists every
// resource and its form is a plain form. With it, choosing a step, a type or a role, or typing a
// word, narrows the list at once: the script reads the index the build wrote beside the page
// (src/finder/: facets.json with a bitmap of assets per step, type and role; terms/<n>.json,
// the words of a shard with the assets that have them; records/<n>.json, what a result shows),
// fetching only the shard of each word and the records of the results it shows. It says the
// count in the page's polite live region and keeps the choice in the address
// (?step=…&kind=…&stakeholder=…&q=…), so a shared address opens with the same choice.
(function () {
  "use strict";
  var form = document.querySelector("form[data-finder-index]");
  var count = document.getElementById("finder-count");
  var results = document.getElementById("finder-results");
  var all = document.getElementById("finder-all");
  if (!form || !count || !results || !all || !window.fetch || !window.URLSearchParams) return;
  var indexUrl = form.getAttribute("data-finder-index");
  var folder = indexUrl.replace(/[^/]*$/, "");
  var perPage = parseInt(form.getAttribute("data-finder-per-page"), 10) || 24;
  var names = ["step", "kind", "stakeholder", "q"];
  var cache = {};
  var facets = null;
  var run = 0;
  var timer = 0;
  var matches = [];
  var shown = 0;
  var list = null;
  var more = null;

  function load(url) {
    if (!cache[url]) {
      cache[url] = window.fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }
    return cache[url];
  }

  function bytes(base64) {
    var text = window.atob(base64);
    var out = new Uint8Array(facets.count + 7 >> 3);
    for (var i = 0; i < text.length && i < out.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  /** A set of asset numbers as the index writes it (a bitmap in base64, or gaps) as a bitmap. */
  function bitmap(postings) {
    if (typeof postings === "string") return bytes(postings);
    var out = new Uint8Array(facets.count + 7 >> 3);
    var n = 0;
    postings.forEach(function (gap) {
      n += gap;
      out[n >> 3] |= 1 << (n & 7);
    });
    return out;
  }

  function and(a, b) {
    if (!a) return b;
    for (var i = 0; i < a.length; i++) a[i] &= b[i];
    return a;
  }

  function or(a, b) {
    for (var i = 0; i < a.length; i++) a[i] |= b[i];
    return a;
  }

  /** The words of a query as the build splits titles, summaries and headings. */
  function words(query) {
    return query.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (word) {
      return Array.from(word).length >= facets.minChars && facets.stopWords.indexOf(word) < 0;
    });
  }

  /** The number of the shard that holds the words beginning with `word`, or -1. */
  function shardOf(word) {
    var letters = Array.from(word);
    for (var n = Math.min(letters.length, facets.maxChars); n >= facets.minChars; n--) {
      var at = facets.shards.indexOf(letters.slice(0, n).join(""));
      if (at >= 0) return at;
    }
    return -1;
  }

  /** The assets with a word that begins with `word`. */
  function having(word) {
    var shard = shardOf(word);
    var found = new Uint8Array(facets.count + 7 >> 3);
    if (shard < 0) return Promise.resolve(found);
    return load(folder + "terms/" + shard + ".json").then(function (terms) {
      Object.keys(terms).forEach(function (term) {
        if (term.lastIndexOf(word, 0) === 0) or(found, bitmap(terms[term]));
      });
      return found;
    });
  }

  function chosen() {
    var choice = {};
    names.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) choice[name] = value;
    });
    return choice;
  }

  function keepInAddress(choice) {
    var query = new URLSearchParams();
    names.forEach(function (name) {
      if (choice[name]) query.set(name, choice[name]);
    });
    var text = query.toString();
    var url = new URL(form.action);
    window.history.replaceState(null, "", url.pathname + (text ? "?" + text : ""));
  }

  function say(text) {
    count.textContent = text;
  }

  function resources(n) {
    return n + (n === 1 ? " resource" : " resources");
  }

  function update() {
    var choice = chosen();
    var mine = ++run;
    keepInAddress(choice);
    if (!facets) return;
    results.setAttribute("aria-busy", "true");
    var query = choice.q ? words(choice.q) : [];
    if (!choice.step && !choice.kind && !choice.stakeholder && !query.length) {
      results.hidden = true;
      all.hidden = false;
      results.removeAttribute("aria-busy");
      say(resources(facets.count));
      return;
    }
    var set = null;
    [["step", facets.steps], ["kind", facets.kinds], ["stakeholder", facets.stakeholders]].forEach(function (pair) {
      if (!choice[pair[0]]) return;
      var facet = pair[1].filter(function (value) { return value.slug === choice[pair[0]]; })[0];
      set = and(set, facet ? bytes(facet.set) : new Uint8Array(facets.count + 7 >> 3));
    });
    Promise.all(query.map(having)).then(function (found) {
      if (mine !== run) return;
      found.forEach(function (words) { set = and(set, words); });
      matches = [];
      for (var n = 0; n < facets.count; n++) {
        if (set[n >> 3] & 1 << (n & 7)) matches.push(n);
      }
      say(matches.length ? resources(matches.length) : "No resource matches this choice: choose fewer filters or other words");
      start();
    }).catch(failed);
  }

  function start() {
    results.textContent = "";
    list = document.createElement("ul");
    list.className = "cards";
    list.setAttribute("role", "list");
    results.appendChild(list);
    more = document.createElement("button");
    more.type = "button";
    more.className = "button button-quiet finder-more";
    more.addEventListener("click", function () { show(true); });
    results.appendChild(more);
    shown = 0;
    results.hidden = false;
    all.hidden = true;
    show(false);
  }

  /** Shows the next page of results, fetching their records; focuses the first with `focus`. */
  function show(focus) {
    var mine = run;
    var page = matches.slice(shown, shown + perPage);
    results.setAttribute("aria-busy", "true");
    shown += page.length;
    more.hidden = true;
    var chunks = page.map(function (n) { return load(folder + "records/" + Math.floor(n / facets.chunk) + ".json"); });
    Promise.all(chunks).then(function (loaded) {
      if (mine !== run) return;
      page.forEach(function (n, i) {
        var link = card(loaded[i][n % facets.chunk]);
        if (focus && i === 0) link.focus();
      });
      results.removeAttribute("aria-busy");
      more.hidden = shown >= matches.length;
      more.textContent = "Show " + Math.min(perPage, matches.length - shown) + " more";
    }).catch(failed);
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** One result as a card like the listing's; its link. */
  function card(record) {
    var item = element("li", "card");
    var kind = facets.kinds[record[3]];
    item.appendChild(element("p", "card-kind", kind ? kind.title : ""));
    var heading = element("h2", "card-title");
    var link = element("a", "", record[0]);
    link.href = record[2];
    heading.appendChild(link);
    item.appendChild(heading);
    if (record[1]) item.appendChild(element("p", "card-summary", record[1]));
    var meta = element("div", "card-meta");
    var steps = record[4].map(function (i) { return facets.steps[i]; }).filter(Boolean);
    if (steps.length) {
      meta.appendChild(element("p", "card-steps", steps.map(function (step) {
        return "Step " + step.number + ": " + step.title;
      }).join(" · ")));
    }
    var people = record[5].map(function (i) { return facets.stakeholders[i]; }).filter(Boolean);
    if (people.length) {
      var tags = element("p", "tags");
      tags.appendChild(element("span", "sr-only", "For: "));
      people.forEach(function (who) { tags.appendChild(element("span", "tag", who.title)); });
      meta.appendChild(tags);
    }
    item.appendChild(meta);
    list.appendChild(item);
    return link;
  }

  function failed() {
    results.removeAttribute("aria-busy");
    results.hidden = true;
    all.hidden = false;
    say("The search could not be loaded; every resource is listed below");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener("change", update);
  form.elements.q.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  });

  var given = new URLSearchParams(window.location.search);
  names.forEach(function (name) {
    var value = given.get(name);
    var control = form.elements[name];
    if (value === null) return;
    if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) return;
    control.value = value;
  });
  load(indexUrl).then(function (loaded) {
    facets = loaded;
    if (Object.keys(chosen()).length) update();
  }).catch(failed);
})();
