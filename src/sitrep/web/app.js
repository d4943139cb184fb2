/* sitrep web page: incidents (fused reports) on a map, a timeline, trends and a table, over
 * the sitrep HTTP API. No framework and nothing from the network: Leaflet and topojson-client
 * are vendored, the basemap is world-atlas' country outlines, place labels come from the
 * server's gazetteer extract. The view (filters, period, map, open incident) lives in the URL
 * hash. Text from the API is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var TYPE_COLOURS = {}; // event type -> colour, from the codebook (GET codebook)
  var OTHER_COLOUR = "#616161";
  var PAGE = 1000;
  var MAX_ROWS = 20000;
  var CLUSTER_PX = 44;
  var ANTARCTICA = "010"; // ISO numeric id: nothing to map there, and it circles the pole
  var LABEL_POPULATION = [[3, 5e6], [4, 2e6], [5, 1e6], [6, 5e5], [7, 2.5e5], [99, 1e5]];
  var FILTERS = [["country", "f-country"], ["type", "f-type"], ["since", "f-since"], ["until", "f-until"], ["q", "f-q"]];

  var state = { items: [], background: [], shown: [], brush: null, showBackground: false,
    sort: { key: "date", dir: -1 }, selected: null, map: null, layer: null, labels: [], countries: {}, loadSeq: 0 };
  window.sitrep = state; // for the end-to-end test and for curious users
  var charts = window.sitrepCharts, detail = window.sitrepDetail;
  var $ = detail.$, clear = detail.clear, el = detail.el;

  function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
  function setStatus(text) { $("status").textContent = text; }
  function countryName(code) { return state.countries[code] || code || ""; }

  // Lower case without accents: "Rafaḩ" and "rafah" compare equal.
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function getJSON(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.detail) || (r.status + " " + r.statusText));
        return body;
      });
    });
  }

  // Every page of a list, each asked for after the key (date_start, id) of the last row
  // of the one before: no rows skipped or repeated while the server ingests.
  function pages(path, key) {
    var collected = [];
    function page(after) {
      return getJSON(path + (path.indexOf("?") < 0 ? "?" : "&") + "limit=" + PAGE +
                     (after ? "&after=" + encodeURIComponent(after) : ""))
        .then(function (body) {
          var rows = body[key], last = rows[rows.length - 1];
          collected = collected.concat(rows);
          if (rows.length === PAGE && collected.length < MAX_ROWS) {
            return page(last.date_start + "," + (last.event_id || last.id));
          }
          return collected;
        });
    }
    return page("");
  }

  // -- records: incidents, single reports, recalled (background) events --------------------

  function fromIncident(inc) {
    var loc = inc.location || {}, f = inc.fatalities;
    var outlets = [];
    inc.sources.forEach(function (s) { if (s.source && outlets.indexOf(s.source) < 0) outlets.push(s.source); });
    return finish({
      id: inc.id, kind: "incident", event_date: inc.event_date, date_precision: inc.date_precision,
      date_start: inc.date_start, date_end: inc.date_end, event_type: inc.event_type,
      sub_event_type: inc.sub_event_type, actor1: inc.actor1 ? inc.actor1.name : "",
      actor2: inc.actor2 ? inc.actor2.name : "", place: loc.name || "", admin1: loc.admin1 || "",
      country: loc.country || "", latitude: loc.latitude === undefined ? null : loc.latitude,
      longitude: loc.longitude === undefined ? null : loc.longitude,
      best: f ? f.best : null, low: f ? f.low : null, high: f ? f.high : null,
      sources: inc.sources, outlets: outlets, event_ids: inc.event_ids,
      fields: inc.claims_by_field || {}, contested: inc.contested || [],
      extra: (inc.place_aliases || []).concat(inc.assoc_actors.map(function (a) { return a.name; }),
        inc.sources.map(function (s) { return s.title; }))
    });
  }

  function fromEvent(e, kind) {
    return finish({
      id: e.event_id, kind: kind, event_date: e.event_date, date_precision: e.date_precision,
      date_start: e.date_start, date_end: e.date_end, event_type: e.event_type, sub_event_type: e.sub_event_type,
      actor1: e.actor1 || "", actor2: e.actor2 || "", place: e.location || "", admin1: e.admin1 || "",
      country: e.country || "", latitude: e.latitude, longitude: e.longitude,
      best: e.fatalities_best, low: e.fatalities_low, high: e.fatalities_high,
      sources: [{ event_id: e.event_id, article_id: e.article_id, source: e.source, title: e.title, role: e.role }],
      outlets: e.source ? [e.source] : [], event_ids: [e.event_id], extra: [e.title, e.notes]
    });
  }

  function finish(item) {
    item.mapped = item.latitude !== null && item.longitude !== null;
    item.search = fold([item.event_type, item.sub_event_type, item.actor1, item.actor2, item.place, item.admin1,
      item.country, countryName(item.country)].concat(item.outlets, item.extra).join(" | "));
    return item;
  }

  function loadAll() {
    var seq = ++state.loadSeq;
    setStatus("loading…");
    return Promise.all([pages("incidents", "incidents"), pages("events", "events")]).then(function (got) {
      if (seq !== state.loadSeq) return;
      var fused = {};
      state.items = got[0].map(function (inc) {
        inc.event_ids.forEach(function (id) { fused[id] = true; });
        return fromIncident(inc);
      });
      got[1].forEach(function (e) {
        if (e.role === "background") state.background.push(fromEvent(e, "background"));
        else if (!fused[e.event_id]) state.items.push(fromEvent(e, "report")); // an incident of one
      });
      fillSelects();
    });
  }

  // -- filters and the URL ------------------------------------------------------------------

  function fillSelects() {
    var countries = {}, types = {};
    state.items.forEach(function (i) {
      if (i.country) countries[i.country] = (countries[i.country] || 0) + 1;
      types[i.event_type] = (types[i.event_type] || 0) + 1;
    });
    Object.keys(countries).sort(function (a, b) { return countryName(a) < countryName(b) ? -1 : 1; })
      .forEach(function (c) { $("f-country").appendChild(el("option", { value: c }, countryName(c) + " (" + countries[c] + ")")); });
    Object.keys(types).sort().forEach(function (t) { $("f-type").appendChild(el("option", { value: t }, t + " (" + types[t] + ")")); });
  }

  function filters() {
    var f = {};
    FILTERS.forEach(function (pair) { f[pair[0]] = $(pair[1]).value.trim(); });
    return f;
  }

  function matches(item, f) {
    if (f.country && item.country !== f.country) return false;
    if (f.type && item.event_type !== f.type) return false;
    if (f.since && item.date_end < f.since) return false;
    if (f.until && item.date_start > f.until) return false;
    if (f.q && !fold(f.q).split(/\s+/).every(function (w) { return item.search.indexOf(w) >= 0; })) return false;
    return true;
  }

  function inBrush(item) {
    return !state.brush || (item.date_start <= state.brush[1] && item.date_end >= state.brush[0]);
  }

  function writeHash() {
    var p = new URLSearchParams();
    var f = filters();
    Object.keys(f).forEach(function (k) { if (f[k]) p.set(k, f[k]); });
    if (state.brush) p.set("period", state.brush[0] + "_" + state.brush[1]);
    if (state.showBackground) p.set("background", "1");
    if (state.sort.key !== "date" || state.sort.dir !== -1) p.set("sort", state.sort.key + (state.sort.dir < 0 ? ":desc" : ":asc"));
    if (state.map && state.mapMoved) {
      var c = state.map.getCenter();
      p.set("map", c.lat.toFixed(3) + "," + c.lng.toFixed(3) + "," + state.map.getZoom());
    }
    if (state.selected) p.set("incident", state.selected);
    var hash = p.toString();
    if (location.hash.slice(1) !== hash) history.replaceState(null, "", location.pathname + location.search + (hash ? "#" + hash : ""));
  }

  function readHash() {
    var p = new URLSearchParams(location.hash.slice(1));
    FILTERS.forEach(function (pair) { if (p.get(pair[0])) $(pair[1]).value = p.get(pair[0]); });
    var period = /^(\d{4}-\d\d-\d\d)_(\d{4}-\d\d-\d\d)$/.exec(p.get("period") || "");
    state.brush = period ? [period[1], period[2]] : null;
    state.showBackground = p.get("background") === "1";
    $("f-background").checked = state.showBackground;
    var sort = /^(\w+):(asc|desc)$/.exec(p.get("sort") || "");
    if (sort) state.sort = { key: sort[1], dir: sort[2] === "asc" ? 1 : -1 };
    var view = /^(-?[\d.]+),(-?[\d.]+),([\d.]+)$/.exec(p.get("map") || "");
    return { map: view ? [[Number(view[1]), Number(view[2])], Number(view[3])] : null,
      incident: p.get("incident"), event: p.get("event") };
  }

  // -- drawing --------------------------------------------------------------------------

  function refresh(fit) {
    var f = filters();
    var current = state.items.filter(function (i) { return matches(i, f); });
    state.period = current; // the timeline spans the current incidents, never the recalled ones
    state.shown = current.filter(inBrush);
    state.recalled = state.showBackground ? state.background.filter(function (i) { return matches(i, f) && inBrush(i); }) : [];
    var both = state.shown.concat(state.recalled);
    renderMarkers(fit);
    state.timeline = charts.renderTimeline($("timeline"), current, state.brush);
    $("brush-clear").hidden = !state.brush;
    charts.renderTrends($("trends"), state.shown, colour);
    renderTable(both);
    updateDownloads(f);
    writeHash();
    var dead = state.shown.reduce(function (n, i) { return n + (i.best || 0); }, 0);
    var reports = state.shown.reduce(function (n, i) { return n + i.sources.length; }, 0);
    var text = state.shown.length + " incident" + (state.shown.length === 1 ? "" : "s") + " from " + reports +
      " report" + (reports === 1 ? "" : "s") + ", " + dead + " fatalities (best estimates)";
    if (state.recalled.length) text += "; " + state.recalled.length + " recalled event(s) shown";
    if (state.brush) text += "; " + state.brush[0] + " to " + state.brush[1];
    setStatus(text);
  }

  function updateDownloads(f) {
    ["acled-csv", "geojson", "jsonl"].forEach(function (fmt) {
      var p = new URLSearchParams();
      if (f.country) p.set("country", f.country);
      if (f.type) p.set("event_type", f.type);
      if (state.brush || f.since) p.set("since", state.brush ? state.brush[0] : f.since);
      if (state.brush || f.until) p.set("until", state.brush ? state.brush[1] : f.until);
      p.set("format", fmt);
      $("dl-" + (fmt === "acled-csv" ? "csv" : fmt)).setAttribute("href", "export?" + p.toString());
    });
  }

  // -- map ------------------------------------------------------------------------------

  function initMap(view) {
    var map = L.map("map", { minZoom: 1, maxZoom: 10, worldCopyJump: true, zoomSnap: 0.5 });
    map.createPane("basemap").style.zIndex = 200;
    map.createPane("labels").style.zIndex = 350;
    map.getPane("labels").style.pointerEvents = "none";
    if (view.map) map.setView(view.map[0], view.map[1]);
    else map.setView([20, 10], 2);
    state.mapMoved = !!view.map;
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas · Places: GeoNames");
    state.map = map;
    state.layer = L.layerGroup().addTo(map);
    state.labelLayer = L.layerGroup().addTo(map);
    map.on("zoomend", function () { renderMarkers(false); });
    map.on("moveend", function () { renderLabels(); if (state.ready) { state.mapMoved = true; writeHash(); } });
    var outlines = fetch("static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (topo) {
        var countries = topojson.feature(topo, topo.objects.countries);
        countries.features = countries.features.filter(function (f) { return f.id !== ANTARCTICA; });
        countries.features.forEach(unwrapFeature);
        L.geoJSON(countries, { pane: "basemap", interactive: false,
          style: { color: "#ffffff", weight: 0.7, fillColor: "#d9dde3", fillOpacity: 1 } }).addTo(map);
      });
    var labels = getJSON("places/labels").then(function (body) { state.labels = body.labels; renderLabels(); });
    return Promise.all([outlines, labels]);
  }

  // Rings that cross the antimeridian jump from +180 to -180 and would be drawn as a band
  // across the whole map; continuing them past 180 keeps each country in one piece.
  function unwrapFeature(feature) {
    var g = feature.geometry;
    if (!g) return;
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        for (var i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
          while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
        }
      });
    });
  }

  // The biggest places in view, more of them as one zooms in, none overlapping another.
  function renderLabels() {
    if (!state.map || !state.labels.length) return;
    state.labelLayer.clearLayers();
    var zoom = state.map.getZoom(), bounds = state.map.getBounds().pad(0.1), taken = {}, n = 0;
    var min = LABEL_POPULATION.filter(function (s) { return zoom < s[0]; })[0][1];
    for (var i = 0; i < state.labels.length && n < 150; i++) {
      var p = state.labels[i];
      if (p[3] < min) break;
      if (!bounds.contains([p[1], p[2]])) continue;
      var pt = state.map.latLngToContainerPoint([p[1], p[2]]);
      var key = Math.floor(pt.x / 110) + ":" + Math.floor(pt.y / 28);
      if (taken[key]) continue;
      taken[key] = true;
      n += 1;
      L.marker([p[1], p[2]], { pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "place-label", html: "", iconSize: null }) }).addTo(state.labelLayer)
        .getElement().textContent = p[0];
    }
  }

  function radius(fatalities) { return 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0)); }

  // Grid clustering: items whose screen positions share a CLUSTER_PX cell at this zoom.
  function renderMarkers(fit) {
    state.layer.clearLayers();
    var items = state.shown.concat(state.recalled || []).filter(function (i) { return i.mapped; });
    var cells = {};
    items.forEach(function (i) {
      var p = state.map.project([i.latitude, i.longitude], state.map.getZoom());
      var key = Math.floor(p.x / CLUSTER_PX) + ":" + Math.floor(p.y / CLUSTER_PX);
      (cells[key] = cells[key] || []).push(i);
    });
    Object.keys(cells).forEach(function (k) {
      if (cells[k].length === 1) addMarker(cells[k][0]);
      else addCluster(cells[k]);
    });
    if (fit && state.shown.some(function (i) { return i.mapped; })) {
      var bounds = L.latLngBounds(state.shown.filter(function (i) { return i.mapped; })
        .map(function (i) { return [i.latitude, i.longitude]; }));
      state.map.fitBounds(bounds.pad(0.3), { maxZoom: 6 });
    }
  }

  function addMarker(i) {
    var recalled = i.kind === "background";
    var marker = L.circleMarker([i.latitude, i.longitude], {
      radius: radius(i.best), color: recalled ? colour(i.event_type) : "#ffffff", weight: recalled ? 2 : 1.5,
      dashArray: recalled ? "3 3" : null, fillColor: colour(i.event_type), fillOpacity: recalled ? 0.15 : 0.85,
      className: recalled ? "event-marker recalled" : "event-marker"
    });
    marker.bindTooltip(i.event_date + " · " + i.sub_event_type + " · " + i.place + (recalled ? " (recalled)" : "") +
      (i.best ? " · " + i.best + " killed" : "") + (i.sources.length > 1 ? " · " + i.sources.length + " reports" : ""));
    marker.on("click", function () { openItem(i); });
    marker.addTo(state.layer);
    marker.getElement().setAttribute("data-id", i.id);
  }

  function addCluster(group) {
    var lat = 0, lon = 0, dead = 0, types = {};
    group.forEach(function (i) {
      lat += i.latitude; lon += i.longitude; dead += i.best || 0;
      types[i.event_type] = (types[i.event_type] || 0) + 1;
    });
    var main = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
    var size = Math.round(26 + 4 * Math.log(group.length));
    var marker = L.marker([lat / group.length, lon / group.length], { keyboard: true,
      icon: L.divIcon({ className: "event-cluster", html: "", iconSize: [size, size] }) });
    marker.bindTooltip(group.length + " incidents, " + dead + " fatalities");
    marker.on("click", function () {
      var bounds = L.latLngBounds(group.map(function (i) { return [i.latitude, i.longitude]; }));
      var zoom = state.map.getZoom();
      var spread = state.map.project(bounds.getNorthEast(), state.map.getMaxZoom())
        .distanceTo(state.map.project(bounds.getSouthWest(), state.map.getMaxZoom()));
      if (zoom >= state.map.getMaxZoom() || spread < CLUSTER_PX) clusterList(marker, group);
      else state.map.fitBounds(bounds.pad(0.5), { maxZoom: Math.min(zoom + 3, state.map.getMaxZoom()) });
    });
    marker.addTo(state.layer);
    var node = marker.getElement();
    node.setAttribute("data-count", group.length);
    node.style.background = colour(main);
    node.style.lineHeight = size + "px";
    node.textContent = group.length;
  }

  // Incidents that share one spot cannot be pulled apart by zooming: list them to click.
  function clusterList(marker, group) {
    var list = el("ul", { "class": "cluster-list" });
    group.forEach(function (i) {
      var button = el("button", { type: "button", "data-id": i.id },
        i.event_date + " · " + i.sub_event_type + (i.best ? " · " + i.best + " killed" : ""));
      button.addEventListener("click", function () { state.map.closePopup(); openItem(i); });
      var item = el("li");
      item.appendChild(button);
      list.appendChild(item);
    });
    L.popup({ maxWidth: 320 }).setLatLng(marker.getLatLng()).setContent(list).openOn(state.map);
  }

  function loadCodebook() {
    return getJSON("codebook").then(function (book) {
      book.event_types.forEach(function (t) { TYPE_COLOURS[t.name] = t.colour; });
      renderLegend();
    });
  }

  function renderLegend() {
    Object.keys(TYPE_COLOURS).forEach(function (type) {
      var item = el("li");
      var swatch = el("span", { "class": "swatch" });
      swatch.style.background = TYPE_COLOURS[type];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(type));
      $("legend-list").appendChild(item);
    });
  }

  // -- table ----------------------------------------------------------------------------

  var SORT_KEYS = {
    date: function (i) { return i.date_start; }, type: function (i) { return i.event_type; },
    sub: function (i) { return i.sub_event_type; }, actor1: function (i) { return fold(i.actor1); },
    actor2: function (i) { return fold(i.actor2); }, place: function (i) { return fold(i.place); },
    country: function (i) { return fold(countryName(i.country)); },
    fatalities: function (i) { return i.best === null ? -1 : i.best; },
    sources: function (i) { return i.sources.length; }
  };

  function renderTable(items) {
    var key = SORT_KEYS[state.sort.key] || SORT_KEYS.date, dir = state.sort.dir;
    Array.prototype.forEach.call(document.querySelectorAll("#events-table th[data-sort]"), function (th) {
      var on = th.getAttribute("data-sort") === state.sort.key;
      th.setAttribute("aria-sort", on ? (dir < 0 ? "descending" : "ascending") : "none");
    });
    var body = $("events-table").tBodies[0];
    clear(body);
    items.slice().sort(function (a, b) {
      var x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : (a.id < b.id ? -1 : 1)) * dir;
    }).slice(0, 2000).forEach(function (i) {
      var row = el("tr", { "data-id": i.id, tabindex: "0", "class": i.kind === "background" ? "recalled" : "" });
      if (i.id === state.selected) row.classList.add("selected");
      var swatch = el("span", { "class": "swatch" });
      swatch.style.background = colour(i.event_type);
      var typeCell = el("td");
      typeCell.appendChild(swatch);
      typeCell.appendChild(document.createTextNode(i.event_type));
      row.appendChild(el("td", {}, i.event_date + (i.kind === "background" ? " (recalled)" : "")));
      row.appendChild(typeCell);
      [i.sub_event_type, i.actor1, i.actor2, i.place, countryName(i.country)].forEach(function (v) {
        row.appendChild(el("td", {}, v || ""));
      });
      row.appendChild(el("td", { "class": "num" }, i.best === null ? "" :
        (i.low === i.high ? i.best : i.best + " (" + i.low + "–" + i.high + ")")));
      row.appendChild(el("td", { "class": "num" }, i.sources.length));
      row.addEventListener("click", function () { openItem(i, true); });
      row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") openItem(i, true); });
      body.appendChild(row);
    });
  }

  // -- the open incident ----------------------------------------------------------------

  function openItem(item, fly) {
    state.selected = item.id;
    writeHash();
    Array.prototype.forEach.call(document.querySelectorAll("#events-table tbody tr"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === item.id);
    });
    if (fly && item.mapped) state.map.flyTo([item.latitude, item.longitude], Math.max(state.map.getZoom(), 7), { duration: 0.6 });
    return detail.openIncident(item, { getJSON: getJSON, countryName: countryName }).then(function () {
      state.map.invalidateSize();
    }).catch(function (err) { setStatus("could not open the incident: " + err.message); });
  }

  function findItem(id) {
    return state.items.concat(state.background).filter(function (i) { return i.id === id; })[0];
  }

  // -- start ----------------------------------------------------------------------------

  function initControls() {
    var brushStart = null, box = $("timeline");
    box.addEventListener("pointerdown", function (ev) {
      if (!state.timeline) return;
      brushStart = charts.dayAt(box, state.timeline, ev.clientX);
      box.setPointerCapture(ev.pointerId);
    });
    box.addEventListener("pointermove", function (ev) {
      if (brushStart === null) return;
      var end = charts.dayAt(box, state.timeline, ev.clientX);
      state.brush = brushStart <= end ? [brushStart, end] : [end, brushStart];
      state.timeline = charts.renderTimeline(box, state.period, state.brush);
    });
    box.addEventListener("pointerup", function () {
      if (brushStart === null) return;
      brushStart = null;
      refresh(false);
    });
    $("brush-clear").addEventListener("click", function () { state.brush = null; refresh(false); });
    $("filter-form").addEventListener("submit", function (ev) { ev.preventDefault(); refresh(true); });
    $("filter-form").addEventListener("reset", function () { setTimeout(function () { state.brush = null; refresh(true); }, 0); });
    ["f-country", "f-type", "f-since", "f-until"].forEach(function (id) { $(id).addEventListener("change", function () { refresh(true); }); });
    $("f-q").addEventListener("input", function () { refresh(false); });
    $("f-background").addEventListener("change", function () { state.showBackground = this.checked; refresh(false); });
    Array.prototype.forEach.call(document.querySelectorAll("#events-table th[data-sort]"), function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-sort");
        state.sort = { key: k, dir: state.sort.key === k ? -state.sort.dir : (k === "date" || k === "fatalities" || k === "sources" ? -1 : 1) };
        refresh(false);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#panel-tabs button"), function (b) {
      b.addEventListener("click", function () {
        var target = b.getAttribute("data-panel");
        Array.prototype.forEach.call(document.querySelectorAll("#panel-tabs button"), function (o) {
          o.classList.toggle("active", o === b);
          $(o.getAttribute("data-panel")).hidden = o !== b;
        });
        if (target === "trends") charts.renderTrends($("trends"), state.shown, colour);
      });
    });
    $("article-close").addEventListener("click", function () {
      detail.closeIncident();
      state.selected = null;
      state.map.invalidateSize();
      refresh(false);
    });
    window.addEventListener("resize", function () { state.timeline = charts.renderTimeline(box, state.period || [], state.brush); });
  }

  function init() {
    initControls();
    var view = readHash();
    var facets = getJSON("facets").then(function (f) {
      f.countries.forEach(function (c) { state.countries[c.value] = c.name || c.value; });
    });
    Promise.all([initMap(view), facets.then(loadAll), loadCodebook()])
      .then(function () {
        readHash(); // the country and type options exist now
        refresh(!view.map);
        state.ready = true;
        if (view.incident && findItem(view.incident)) return openItem(findItem(view.incident), !view.map);
        if (view.event) { // links of the earlier page: #event=ID opens its incident
          return getJSON("events/" + encodeURIComponent(view.event) + "/incident").then(function (r) {
            var item = findItem(r.incident_id) || findItem(view.event);
            if (item) return openItem(item, true);
          }).catch(function () { var item = findItem(view.event); if (item) return openItem(item, true); });
        }
      })
      .catch(function (err) { setStatus("error: " + err.message); })
      .then(function () { state.ready = true; state.opened = true; });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
