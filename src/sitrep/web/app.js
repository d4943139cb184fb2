/* sitrep web page: map, timeline, table and article view over the sitrep HTTP API.
 * No framework and nothing from the network: Leaflet and topojson-client are vendored,
 * the basemap is world-atlas' country outlines. Text from the API is only ever set with
 * textContent, never parsed as HTML. */
(function () {
  "use strict";

  var TYPE_COLOURS = {}; // event type -> colour, from the codebook (GET codebook)
  var OTHER_COLOUR = "#616161";
  var PAGE = 1000;
  var MAX_EVENTS = 20000;
  var CLUSTER_PX = 48;
  var DAY_MS = 86400000;
  var ANTARCTICA = "010"; // ISO numeric id: nothing to map there, and it circles the pole

  var state = { events: [], brush: null, map: null, layer: null, selected: null, loadSeq: 0 };
  window.sitrep = state; // for the end-to-end test and for curious users

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

  function setStatus(text) { $("status").textContent = text; }

  function getJSON(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.detail) || (r.status + " " + r.statusText));
        return body;
      });
    });
  }

  // -- filters --------------------------------------------------------------------------

  function filterParams() {
    var params = new URLSearchParams();
    [["country", "f-country"], ["event_type", "f-type"], ["since", "f-since"],
     ["until", "f-until"], ["q", "f-q"]].forEach(function (pair) {
      var value = $(pair[1]).value.trim();
      if (value) params.set(pair[0], value);
    });
    return params;
  }

  function fillSelect(select, items, label) {
    items.forEach(function (item) {
      select.appendChild(el("option", { value: item.value }, label(item) + " (" + item.count + ")"));
    });
  }

  function loadFacets() {
    return getJSON("facets").then(function (f) {
      fillSelect($("f-country"), f.countries, function (c) { return c.value; });
      fillSelect($("f-type"), f.event_types, function (t) { return t.value; });
    });
  }

  function updateDownloads(params) {
    ["acled-csv", "geojson", "jsonl"].forEach(function (fmt) {
      var p = new URLSearchParams(params);
      p.set("format", fmt);
      $("dl-" + (fmt === "acled-csv" ? "csv" : fmt)).setAttribute("href", "export?" + p.toString());
    });
  }

  // -- loading --------------------------------------------------------------------------

  function loadEvents() {
    var params = filterParams();
    var seq = ++state.loadSeq;
    var collected = [];
    $("filter-error").hidden = true;
    setStatus("loading…");
    updateDownloads(params);

    function page(offset) {
      var p = new URLSearchParams(params);
      p.set("limit", PAGE);
      p.set("offset", offset);
      return getJSON("events?" + p.toString()).then(function (body) {
        if (seq !== state.loadSeq) return null; // a newer load started
        collected = collected.concat(body.events);
        if (collected.length < body.total && collected.length < MAX_EVENTS && body.events.length) {
          return page(offset + body.events.length);
        }
        return body.total;
      });
    }

    return page(0).then(function (total) {
      if (total === null) return;
      state.events = collected;
      state.total = total;
      state.brush = null;
      renderAll(true);
    }).catch(function (err) {
      $("filter-error").textContent = err.message;
      $("filter-error").hidden = false;
      setStatus("error");
    });
  }

  function visibleEvents() {
    if (!state.brush) return state.events;
    var from = state.brush[0], to = state.brush[1];
    return state.events.filter(function (e) {
      return e.date_start <= to && e.date_end >= from;
    });
  }

  function renderAll(fit) {
    var shown = visibleEvents();
    var mapped = shown.filter(function (e) { return e.latitude !== null && e.longitude !== null; });
    renderMarkers(mapped, fit);
    renderTimeline();
    renderTable(shown);
    var text = shown.length + " event" + (shown.length === 1 ? "" : "s") + " (" + mapped.length + " on the map)";
    if (state.total > state.events.length) text += ", first " + state.events.length + " of " + state.total;
    if (state.brush) text += ", " + state.brush[0] + " to " + state.brush[1];
    setStatus(text);
  }

  // -- map ------------------------------------------------------------------------------

  function initMap() {
    var map = L.map("map", { minZoom: 1, maxZoom: 9, worldCopyJump: true, zoomSnap: 0.5 });
    map.createPane("basemap").style.zIndex = 200;
    map.setView([20, 10], 2);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    state.map = map;
    state.layer = L.layerGroup().addTo(map);
    map.on("zoomend", function () { renderMarkers(currentMapped(), false); });
    return fetch("static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (topo) {
        var countries = topojson.feature(topo, topo.objects.countries);
        countries.features = countries.features.filter(function (f) { return f.id !== ANTARCTICA; });
        countries.features.forEach(unwrapFeature);
        L.geoJSON(countries, {
          pane: "basemap",
          interactive: false,
          style: { color: "#ffffff", weight: 0.7, fillColor: "#d9dde3", fillOpacity: 1 }
        }).addTo(map);
      });
  }

  // Rings that cross the antimeridian jump from +180 to -180 and would be drawn as a band
  // across the whole map; continuing them past 180 keeps each country in one piece.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
      while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
    }
  }

  function unwrapFeature(feature) {
    var g = feature.geometry;
    if (!g) return;
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polygons.forEach(function (polygon) { polygon.forEach(unwrapRing); });
  }

  function currentMapped() {
    return visibleEvents().filter(function (e) { return e.latitude !== null && e.longitude !== null; });
  }

  function radius(fatalities) {
    return 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0));
  }

  // Grid clustering: events whose screen positions share a CLUSTER_PX cell at this zoom.
  function clusters(events) {
    var cells = {};
    events.forEach(function (e) {
      var p = state.map.project([e.latitude, e.longitude], state.map.getZoom());
      var key = Math.floor(p.x / CLUSTER_PX) + ":" + Math.floor(p.y / CLUSTER_PX);
      (cells[key] = cells[key] || []).push(e);
    });
    return Object.keys(cells).map(function (k) { return cells[k]; });
  }

  function renderMarkers(events, fit) {
    state.layer.clearLayers();
    clusters(events).forEach(function (group) {
      if (group.length === 1) addEventMarker(group[0]);
      else addClusterMarker(group);
    });
    if (fit && events.length) {
      var bounds = L.latLngBounds(events.map(function (e) { return [e.latitude, e.longitude]; }));
      state.map.fitBounds(bounds.pad(0.3), { maxZoom: 6 });
    }
  }

  function addEventMarker(e) {
    var marker = L.circleMarker([e.latitude, e.longitude], {
      radius: radius(e.fatalities_best),
      color: "#ffffff",
      weight: 1.5,
      fillColor: colour(e.event_type),
      fillOpacity: 0.85,
      className: "event-marker"
    });
    marker.bindTooltip(e.event_date + " · " + e.sub_event_type + " · " + e.location +
      (e.fatalities_best ? " · " + e.fatalities_best + " killed" : ""));
    marker.on("click", function () { openEvent(e.event_id); });
    marker.addTo(state.layer);
    marker.getElement().setAttribute("data-event-id", e.event_id);
  }

  function addClusterMarker(group) {
    var lat = 0, lon = 0, dead = 0, types = {};
    group.forEach(function (e) {
      lat += e.latitude; lon += e.longitude; dead += e.fatalities_best || 0;
      types[e.event_type] = (types[e.event_type] || 0) + 1;
    });
    var main = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
    var size = Math.round(26 + 4 * Math.log(group.length));
    var icon = L.divIcon({
      className: "event-cluster",
      html: "",
      iconSize: [size, size]
    });
    var marker = L.marker([lat / group.length, lon / group.length], { icon: icon, keyboard: true });
    marker.bindTooltip(group.length + " events, " + dead + " fatalities");
    marker.on("click", function () {
      var bounds = L.latLngBounds(group.map(function (e) { return [e.latitude, e.longitude]; }));
      var zoom = state.map.getZoom();
      if (zoom >= state.map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
        showTable(group);
      } else {
        state.map.fitBounds(bounds.pad(0.5), { maxZoom: Math.min(zoom + 3, state.map.getMaxZoom()) });
      }
    });
    marker.addTo(state.layer);
    var node = marker.getElement();
    node.setAttribute("data-count", group.length);
    node.style.background = colour(main);
    node.style.lineHeight = size + "px";
    node.textContent = group.length;
  }

  function showTable(group) {
    renderTable(group);
    $("table-wrap").scrollIntoView({ behavior: "smooth" });
  }

  function loadCodebook() {
    return getJSON("codebook").then(function (book) {
      book.event_types.forEach(function (t) { TYPE_COLOURS[t.name] = t.colour; });
      renderLegend();
    });
  }

  function renderLegend() {
    var list = $("legend-list");
    Object.keys(TYPE_COLOURS).forEach(function (type) {
      var item = el("li");
      var swatch = el("span", { "class": "swatch" });
      swatch.style.background = TYPE_COLOURS[type];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(type));
      list.appendChild(item);
    });
  }

  // -- timeline -------------------------------------------------------------------------

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function dayCounts(events) {
    var counts = {};
    events.forEach(function (e) { counts[e.date_start] = (counts[e.date_start] || 0) + 1; });
    return counts;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function renderTimeline() {
    var box = $("timeline");
    while (box.firstChild) box.removeChild(box.firstChild);
    var width = box.clientWidth || 600, height = box.clientHeight || 80;
    var pad = { left: 28, right: 8, top: 6, bottom: 18 };
    box.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!state.events.length) return;
    var counts = dayCounts(state.events);
    var days = Object.keys(counts).sort();
    var first = dayMs(days[0]) - DAY_MS, last = dayMs(days[days.length - 1]) + DAY_MS;
    var span = Math.max(1, Math.round((last - first) / DAY_MS) + 1);
    var max = Math.max.apply(null, days.map(function (d) { return counts[d]; }));
    var plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
    var barW = Math.max(1, plotW / span - 1);
    var x = function (ms) { return pad.left + ((ms - first) / DAY_MS) * (plotW / span); };
    state.timeline = { first: first, span: span, x: x, plotW: plotW, left: pad.left };

    box.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom,
      y2: height - pad.bottom, "class": "axis" }));
    var top = svg("text", { x: pad.left - 4, y: pad.top + 8, "class": "tick", "text-anchor": "end" });
    top.textContent = max;
    box.appendChild(top);
    days.forEach(function (d) {
      var h = (counts[d] / max) * plotH;
      var inBrush = !state.brush || (d >= state.brush[0] && d <= state.brush[1]);
      var bar = svg("rect", { x: x(dayMs(d)), y: pad.top + plotH - h, width: barW, height: h,
        "class": "bar" + (inBrush ? "" : " dimmed"), "data-day": d });
      var title = svg("title", {});
      title.textContent = d + ": " + counts[d] + " event(s)";
      bar.appendChild(title);
      box.appendChild(bar);
    });
    [first, (first + last) / 2, last].forEach(function (ms, i) {
      var label = svg("text", { x: x(ms), y: height - 4, "class": "tick",
        "text-anchor": ["start", "middle", "end"][i] });
      label.textContent = isoDay(ms);
      box.appendChild(label);
    });
    if (state.brush) {
      var x0 = x(dayMs(state.brush[0])), x1 = x(dayMs(state.brush[1]) + DAY_MS);
      box.appendChild(svg("rect", { x: x0, y: pad.top, width: Math.max(2, x1 - x0), height: plotH,
        "class": "brush" }));
    }
    $("brush-clear").hidden = !state.brush;
  }

  function dayAt(clientX) {
    var t = state.timeline, rect = $("timeline").getBoundingClientRect();
    var scale = (rect.width || 1) / ($("timeline").viewBox.baseVal.width || rect.width || 1);
    var px = (clientX - rect.left) / scale;
    var offset = Math.floor((px - t.left) / (t.plotW / t.span));
    offset = Math.max(0, Math.min(t.span - 1, offset));
    return isoDay(t.first + offset * DAY_MS);
  }

  function initBrush() {
    var box = $("timeline"), start = null, preview = null;
    box.addEventListener("pointerdown", function (ev) {
      if (!state.timeline) return;
      start = dayAt(ev.clientX);
      box.setPointerCapture(ev.pointerId);
    });
    box.addEventListener("pointermove", function (ev) {
      if (start === null) return;
      var end = dayAt(ev.clientX);
      preview = start <= end ? [start, end] : [end, start];
      state.brush = preview;
      renderTimeline();
    });
    box.addEventListener("pointerup", function (ev) {
      if (start === null) return;
      var end = dayAt(ev.clientX);
      state.brush = start === end && !preview ? null : (start <= end ? [start, end] : [end, start]);
      start = null;
      preview = null;
      renderAll(false);
    });
    $("brush-clear").addEventListener("click", function () {
      state.brush = null;
      renderAll(false);
    });
  }

  // -- table ----------------------------------------------------------------------------

  function renderTable(events) {
    var body = $("events-table").tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    events.slice().sort(function (a, b) {
      return a.date_start < b.date_start ? 1 : a.date_start > b.date_start ? -1 : 0;
    }).slice(0, 2000).forEach(function (e) {
      var row = el("tr", { "data-event-id": e.event_id, tabindex: "0" });
      if (e.event_id === state.selected) row.className = "selected";
      var swatch = el("span", { "class": "swatch" });
      swatch.style.background = colour(e.event_type);
      var typeCell = el("td");
      typeCell.appendChild(swatch);
      typeCell.appendChild(document.createTextNode(e.event_type));
      row.appendChild(el("td", {}, e.event_date));
      row.appendChild(typeCell);
      [e.sub_event_type, e.actor1, e.actor2, e.location, e.country].forEach(function (v) {
        row.appendChild(el("td", {}, v || ""));
      });
      row.appendChild(el("td", { "class": "num" }, e.fatalities_best === null ? "" : e.fatalities_best));
      row.addEventListener("click", function () { openEvent(e.event_id); });
      row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") openEvent(e.event_id); });
      body.appendChild(row);
    });
  }

  // -- article view ---------------------------------------------------------------------

  function openEvent(eventId) {
    return getJSON("events/" + encodeURIComponent(eventId)).then(function (event) {
      return getJSON("articles/" + encodeURIComponent(event.article_id)).then(function (article) {
        state.selected = eventId;
        showArticle(article, eventId);
        if (location.hash !== "#event=" + eventId) history.replaceState(null, "", "#event=" + eventId);
        Array.prototype.forEach.call(document.querySelectorAll("#events-table tr"), function (tr) {
          tr.classList.toggle("selected", tr.getAttribute("data-event-id") === eventId);
        });
      });
    }).catch(function (err) { setStatus("could not open the event: " + err.message); });
  }

  function showArticle(article, eventId) {
    var event = article.events.filter(function (e) { return e.id === eventId; })[0] || article.events[0];
    if ($("article-view").hidden) {
      $("article-view").hidden = false;
      state.map.invalidateSize();
      renderTimeline();
    }
    $("article-title").textContent = article.title || "(untitled article)";
    $("article-meta").textContent = [article.published, article.source, article.url]
      .filter(Boolean).join(" · ");
    renderEventTabs(article, event);
    renderFields(event);
    renderText(article.text, event);
    renderClaims(event);
  }

  function renderEventTabs(article, current) {
    var box = $("article-events");
    while (box.firstChild) box.removeChild(box.firstChild);
    if (article.events.length < 2) return;
    box.appendChild(el("span", { "class": "hint" }, "Events in this article: "));
    article.events.forEach(function (e, i) {
      var button = el("button", { type: "button", "class": e.id === current.id ? "tab active" : "tab" },
        (i + 1) + ". " + e.sub_event_type);
      button.addEventListener("click", function () { openEvent(e.id); });
      box.appendChild(button);
    });
  }

  function renderFields(event) {
    var box = $("event-fields");
    while (box.firstChild) box.removeChild(box.firstChild);
    var loc = event.location;
    var rows = [
      ["Date", event.event_date + " (" + event.date_precision + ", " + event.date_source + ")"],
      ["Type", event.event_type + " / " + event.sub_event_type],
      ["Actor 1", event.actor1 ? event.actor1.name + " (" + event.actor1.type + ")" : "—"],
      ["Actor 2", event.actor2 ? event.actor2.name + " (" + event.actor2.type + ")" : "—"],
      ["Location", loc ? loc.name + ", " + loc.admin1 + ", " + loc.country + " (precision " + loc.geo_precision + ")" : "—"],
      ["Fatalities", event.fatalities ? event.fatalities.best + " (" + event.fatalities.low + "–" + event.fatalities.high + ")" : "—"],
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
      var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      var ending = spans.filter(function (s) { return s.end === b && s.kind === "field"; });
      out.push({ text: text.slice(a, b), covering: covering, ending: ending });
    }
    return out;
  }

  function renderText(text, event) {
    var box = $("article-text");
    while (box.firstChild) box.removeChild(box.firstChild);
    var spans = Object.keys(event.evidence).map(function (field) {
      // "sentence" is the context of the whole event: shaded, not marked like a coded field
      return { kind: field === "sentence" ? "sentence" : "field", name: field,
        start: event.evidence[field][0], end: event.evidence[field][1] };
    });
    event.claims.forEach(function (c) {
      spans.push({ kind: "claim", name: c.speaker, start: c.evidence[0], end: c.evidence[1] });
    });
    segments(text, spans).forEach(function (seg) {
      var fields = seg.covering.filter(function (s) { return s.kind === "field"; })
        .map(function (s) { return s.name; });
      var claim = seg.covering.some(function (s) { return s.kind === "claim"; });
      var sentence = seg.covering.some(function (s) { return s.kind === "sentence"; });
      var node;
      if (fields.length) {
        node = el("mark", { "data-field": fields.join(" "), title: fields.join(", "),
          "class": "ev ev-" + fields[0] }, seg.text);
      } else {
        node = document.createTextNode(seg.text);
      }
      if (claim || sentence) {
        var wrap = el("span", { "class": (claim ? "claim-span " : "") + (sentence ? "sentence-span" : "") });
        wrap.appendChild(node);
        node = wrap;
      }
      box.appendChild(node);
      seg.ending.forEach(function (s) {
        box.appendChild(el("sup", { "class": "field-tag ev-" + s.name }, s.name));
      });
    });
    var first = box.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  }

  function renderClaims(event) {
    var box = $("article-claims");
    while (box.firstChild) box.removeChild(box.firstChild);
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

  // -- start ----------------------------------------------------------------------------

  function init() {
    initBrush();
    $("filter-form").addEventListener("submit", function (ev) { ev.preventDefault(); loadEvents(); });
    $("filter-form").addEventListener("reset", function () { setTimeout(loadEvents, 0); });
    $("f-country").addEventListener("change", loadEvents);
    $("f-type").addEventListener("change", loadEvents);
    $("article-close").addEventListener("click", function () {
      $("article-view").hidden = true;
      state.map.invalidateSize();
      renderTimeline();
      state.selected = null;
      history.replaceState(null, "", location.pathname + location.search);
    });
    window.addEventListener("resize", function () { renderTimeline(); });
    Promise.all([initMap(), loadFacets(), loadCodebook()]).catch(function (err) { setStatus("error: " + err.message); })
      .then(loadEvents)
      .then(function () {
        state.ready = true;
        var match = /^#event=([A-Za-z0-9_.:-]+)$/.exec(location.hash);
        if (match) openEvent(match[1]);
      });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
