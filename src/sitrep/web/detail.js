/* sitrep web page: one incident opened. Its reconciled fields, why its reports were linked,
 * the reports side by side, and the evidence view of each (every coded field marked in the
 * article text, claims grouped by speaker). Text is only ever set with textContent. */
(function () {
  "use strict";

  var PART_NAMES = { location: "place", date: "date", type: "type", actors: "actors",
    casualties: "victims/toll", text: "wording" };

  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function toll(f) {
    if (!f || f.best === null || f.best === undefined) return "—";
    return f.low === f.high ? String(f.best) : f.best + " (" + f.low + "–" + f.high + ")";
  }

  function actorName(a) { return a ? a.name : "—"; }

  function outlet(s) { return s.source || (s.title ? s.title.slice(0, 32) : "") || "report"; }

  // Load every report's article, then draw. ``api`` is the page's getJSON and helpers.
  function openIncident(item, api) {
    var links = item.kind === "incident"
      ? api.getJSON("incidents/" + encodeURIComponent(item.id) + "/links").catch(function () { return { links: [] }; })
      : Promise.resolve({ links: [] });
    var articles = item.sources.map(function (s) {
      return api.getJSON("articles/" + encodeURIComponent(s.article_id));
    });
    return Promise.all([links, Promise.all(articles)]).then(function (got) {
      var reports = item.sources.map(function (s, i) {
        var article = got[1][i];
        var event = article.events.filter(function (e) { return e.id === s.event_id; })[0] || article.events[0];
        return { source: s, article: article, event: event };
      });
      render(item, reports, got[0].links, api);
      return reports;
    });
  }

  function render(item, reports, links, api) {
    var view = $("article-view");
    view.hidden = false;
    view.setAttribute("data-incident-id", item.id);
    document.body.classList.add("sheet-open");
    renderSummary(item, api);
    renderContested(item);
    renderLinks(reports, links);
    renderCompare(reports, api);
    renderTabs(reports, 0);
    showReport(reports[0]);
  }

  function renderSummary(item, api) {
    $("incident-title").textContent = item.sub_event_type + (item.place ? " in " + item.place : "") +
      (item.country ? ", " + api.countryName(item.country) : "");
    var box = $("incident-fields");
    clear(box);
    var rows = [
      ["Date", item.event_date + " (" + item.date_precision + ")"],
      ["Type", item.event_type + " / " + item.sub_event_type],
      ["Actors", [item.actor1, item.actor2].filter(Boolean).join(" vs ") || "—"],
      ["Fatalities", item.best === null ? "—" : item.best + " best, " + item.low + "–" + item.high + " across reports"],
      ["Reports", item.kind === "background" ? "recalled in 1 article (background)" :
        item.sources.length + " report" + (item.sources.length === 1 ? "" : "s") + (item.outlets.length ?
        " from " + item.outlets.length + " outlet" + (item.outlets.length === 1 ? "" : "s") : "")]
    ];
    rows.forEach(function (r) {
      box.appendChild(el("dt", {}, r[0]));
      box.appendChild(el("dd", {}, r[1]));
    });
  }

  var FIELD_NAMES = { fatalities: "Toll (killed)", injuries: "Injured", perpetrator: "Perpetrator",
    target: "Target", victims: "Victims", location: "Place", date: "Date", event: "The event itself" };

  // Fields on which the sources disagree: each source's value side by side, with who says it and how.
  // Fields the sources agree on add nothing here.
  function renderContested(item) {
    var box = $("incident-contested");
    clear(box);
    var fields = item.fields || {};
    var names = (item.contested || []).filter(function (f) { return fields[f]; });
    box.hidden = !names.length;
    if (!names.length) return;
    box.appendChild(el("h3", {}, "Contested: the sources disagree"));
    names.forEach(function (name) {
      var section = el("section", { "class": "contested-field", "data-field": name });
      var head = el("h4", {}, FIELD_NAMES[name] || name.replace(/_/g, " "));
      head.appendChild(el("span", { "class": "contested-badge" }, "contested"));
      section.appendChild(head);
      var list = el("ul", { "class": "voices" });
      fields[name].voices.forEach(function (v) { list.appendChild(voiceCard(v)); });
      section.appendChild(list);
      box.appendChild(section);
    });
  }

  function voiceCard(v) {
    var card = el("li", { "class": "voice" + (v.stance === "denies" ? " denies" : ""), "data-stance": v.stance });
    card.appendChild(el("span", { "class": "voice-value" }, v.value || v.stance || "—"));
    var who = v.speaker === v.outlet || !v.speaker ? (v.outlet || "report") + " (its own count)"
      : v.speaker + (v.speaker_type ? " (" + v.speaker_type + ")" : "") + (v.outlet ? ", in " + v.outlet : "");
    card.appendChild(el("span", { "class": "voice-who" }, who));
    if (v.value && v.stance && v.stance !== "asserts") card.appendChild(el("span", { "class": "stance" }, v.stance));
    if (v.text) card.appendChild(el("q", { "class": "voice-text" }, v.text));
    return card;
  }

  function renderLinks(reports, links) {
    var box = $("incident-links");
    clear(box);
    if (reports.length < 2) {
      box.appendChild(el("p", { "class": "hint" }, "A single report: nothing was linked to it."));
      return;
    }
    box.appendChild(el("h3", {}, "Why these reports were linked"));
    var label = {};
    reports.forEach(function (r, i) { label[r.source.event_id] = (i + 1) + ". " + outlet(r.source); });
    var list = el("ul", { "class": "links" });
    links.forEach(function (l) {
      var text = label[l.a] + " ↔ " + label[l.b] + ": ";
      if (!l.gates) {
        text += "kept apart as a pair (joined through the incident's reconciled fields)";
      } else {
        var parts = (l.evidence && l.evidence.length) ? l.evidence : Object.keys(l.parts).map(function (k) {
          return (PART_NAMES[k] || k.replace(/_/g, " ")) + " " + l.parts[k].toFixed(2);
        });
        text += "probability " + l.total.toFixed(2) + (l.linked ? " ≥ threshold" : "") + " (" + parts.join("; ") + ")";
      }
      if (l.distance_km !== null) text += "; " + l.distance_km + " km and " + l.days_apart + " day(s) apart";
      list.appendChild(el("li", { "data-linked": l.linked ? "1" : "0" }, text));
    });
    box.appendChild(list);
  }

  function renderCompare(reports, api) {
    var table = $("reports-compare");
    clear(table);
    var head = el("tr");
    head.appendChild(el("th", {}, ""));
    reports.forEach(function (r, i) { head.appendChild(el("th", {}, (i + 1) + ". " + outlet(r.source))); });
    table.appendChild(head);
    var rows = [
      ["Published", function (r) { return r.article.published; }],
      ["Event date", function (r) { return r.event.event_date + " (" + r.event.date_precision + ")"; }],
      ["Role", function (r) { return r.event.role; }],
      ["Sub-event", function (r) { return r.event.sub_event_type; }],
      ["Place", function (r) {
        var loc = r.event.location;
        return loc ? loc.name + (loc.admin1 ? ", " + loc.admin1 : "") + ", " + api.countryName(loc.country) : "—";
      }],
      ["Fatalities", function (r) { return toll(r.event.fatalities); }],
      ["Actor 1", function (r) { return actorName(r.event.actor1); }],
      ["Actor 2", function (r) { return actorName(r.event.actor2); }],
      ["Claims", function (r) {
        return r.event.claims.length ? r.event.claims.map(function (c) { return c.speaker; }).join("; ") : "—";
      }]
    ];
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, row[0]));
      reports.forEach(function (r) { tr.appendChild(el("td", {}, row[1](r))); });
      table.appendChild(tr);
    });
  }

  function renderTabs(reports, current) {
    var box = $("report-tabs");
    clear(box);
    reports.forEach(function (r, i) {
      var button = el("button", { type: "button", "class": i === current ? "tab active" : "tab",
        "data-event-id": r.source.event_id }, (i + 1) + ". " + outlet(r.source));
      button.addEventListener("click", function () {
        renderTabs(reports, i);
        showReport(r);
      });
      box.appendChild(button);
    });
  }

  function showReport(report) {
    var article = report.article, event = report.event;
    $("article-title").textContent = article.title || "(untitled article)";
    $("article-meta").textContent = [article.published, article.source, article.url].filter(Boolean).join(" · ");
    $("article-view").setAttribute("data-event-id", event.id);
    renderFields(event);
    renderText(article.text, event);
    renderClaims(event);
  }

  function renderFields(event) {
    var box = $("event-fields");
    clear(box);
    var loc = event.location;
    var rows = [
      ["Date", event.event_date + " (" + event.date_precision + ", " + event.date_source + ")"],
      ["Type", event.event_type + " / " + event.sub_event_type],
      ["Actor 1", event.actor1 ? event.actor1.name + " (" + event.actor1.type + ")" : "—"],
      ["Actor 2", event.actor2 ? event.actor2.name + " (" + event.actor2.type + ")" : "—"],
      ["Location", loc ? loc.name + ", " + loc.admin1 + ", " + loc.country + " (precision " + loc.geo_precision + ")" : "—"],
      ["Fatalities", toll(event.fatalities)],
      ["Role · confidence", event.role + " · " + event.confidence]
    ];
    rows.forEach(function (r) {
      box.appendChild(el("dt", {}, r[0]));
      box.appendChild(el("dd", {}, r[1]));
    });
  }

  // Cut the text at every evidence and claim boundary; each piece knows which fields cover it.
  function segments(text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i, all) { return c >= 0 && c <= text.length && all.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      out.push({
        text: text.slice(a, b),
        covering: spans.filter(function (s) { return s.start <= a && s.end >= b; }),
        ending: spans.filter(function (s) { return s.end === b && s.kind === "field"; })
      });
    }
    return out;
  }

  function renderText(text, event) {
    var box = $("article-text");
    clear(box);
    var spans = Object.keys(event.evidence).map(function (field) {
      // "sentence" is the context of the whole event: shaded, not marked like a coded field
      return { kind: field === "sentence" ? "sentence" : "field", name: field,
        start: event.evidence[field][0], end: event.evidence[field][1] };
    });
    event.claims.forEach(function (c) {
      spans.push({ kind: "claim", name: c.speaker, start: c.evidence[0], end: c.evidence[1] });
    });
    segments(text, spans).forEach(function (seg) {
      var fields = seg.covering.filter(function (s) { return s.kind === "field"; }).map(function (s) { return s.name; });
      var claim = seg.covering.some(function (s) { return s.kind === "claim"; });
      var sentence = seg.covering.some(function (s) { return s.kind === "sentence"; });
      var node = fields.length
        ? el("mark", { "data-field": fields.join(" "), title: fields.join(", "), "class": "ev ev-" + fields[0] }, seg.text)
        : document.createTextNode(seg.text);
      if (claim || sentence) {
        var wrap = el("span", { "class": (claim ? "claim-span " : "") + (sentence ? "sentence-span" : "") });
        wrap.appendChild(node);
        node = wrap;
      }
      box.appendChild(node);
      seg.ending.forEach(function (s) { box.appendChild(el("sup", { "class": "field-tag ev-" + s.name }, s.name)); });
    });
  }

  function renderClaims(event) {
    var box = $("article-claims");
    clear(box);
    if (!event.claims.length) {
      box.appendChild(el("p", { "class": "hint" }, "No attributed claims."));
      return;
    }
    var bySpeaker = {};
    event.claims.forEach(function (c) { (bySpeaker[c.speaker] = bySpeaker[c.speaker] || []).push(c); });
    Object.keys(bySpeaker).sort().forEach(function (speaker) {
      var section = el("section", { "class": "speaker" });
      section.appendChild(el("h4", {}, speaker));
      var list = el("ul");
      bySpeaker[speaker].forEach(function (c) {
        var item = el("li", {}, "“" + c.text + "”");
        if (c.stance) item.appendChild(el("span", { "class": "stance" }, " " + c.stance));
        list.appendChild(item);
      });
      section.appendChild(list);
      box.appendChild(section);
    });
  }

  function closeIncident() {
    $("article-view").hidden = true;
    $("article-view").removeAttribute("data-incident-id");
    document.body.classList.remove("sheet-open");
  }

  // The DOM helpers are shared with app.js, which loads after this file.
  window.sitrepDetail = { openIncident: openIncident, closeIncident: closeIncident, $: $, clear: clear, el: el };
})();
