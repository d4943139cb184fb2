/* sitrep web page: the timeline (incidents per day, with a brush) and the trends (per week by
 * event type, fatalities per week, top actors), drawn as SVG with no library. */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }

  // Monday of the ISO week of a day, as YYYY-MM-DD.
  function weekOf(iso) {
    var ms = dayMs(iso), weekday = (new Date(ms).getUTCDay() + 6) % 7;
    return isoDay(ms - weekday * DAY_MS);
  }

  // -- timeline -------------------------------------------------------------------------

  function renderTimeline(box, items, brush) {
    clear(box);
    var width = box.clientWidth || 600, height = box.clientHeight || 80;
    var pad = { left: 28, right: 8, top: 6, bottom: 18 };
    box.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!items.length) return null;
    var counts = {};
    items.forEach(function (e) { counts[e.date_start] = (counts[e.date_start] || 0) + 1; });
    var days = Object.keys(counts).sort();
    var first = dayMs(days[0]) - DAY_MS, last = dayMs(days[days.length - 1]) + DAY_MS;
    var span = Math.max(1, Math.round((last - first) / DAY_MS) + 1);
    var max = Math.max.apply(null, days.map(function (d) { return counts[d]; }));
    var plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
    var barW = Math.max(1, plotW / span - 1);
    var x = function (ms) { return pad.left + ((ms - first) / DAY_MS) * (plotW / span); };
    box.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: height - pad.bottom,
      y2: height - pad.bottom, "class": "axis" }));
    box.appendChild(svg("text", { x: pad.left - 4, y: pad.top + 8, "class": "tick", "text-anchor": "end" }, max));
    days.forEach(function (d) {
      var h = (counts[d] / max) * plotH;
      var inBrush = !brush || (d >= brush[0] && d <= brush[1]);
      var bar = svg("rect", { x: x(dayMs(d)), y: pad.top + plotH - h, width: barW, height: h,
        "class": "bar" + (inBrush ? "" : " dimmed"), "data-day": d });
      bar.appendChild(svg("title", {}, d + ": " + counts[d] + " incident(s)"));
      box.appendChild(bar);
    });
    [first, (first + last) / 2, last].forEach(function (ms, i) {
      box.appendChild(svg("text", { x: x(ms), y: height - 4, "class": "tick",
        "text-anchor": ["start", "middle", "end"][i] }, isoDay(ms)));
    });
    if (brush) {
      var x0 = x(dayMs(brush[0])), x1 = x(dayMs(brush[1]) + DAY_MS);
      box.appendChild(svg("rect", { x: x0, y: pad.top, width: Math.max(2, x1 - x0), height: plotH, "class": "brush" }));
    }
    return { first: first, span: span, plotW: plotW, left: pad.left };
  }

  function dayAt(box, scale, clientX) {
    var rect = box.getBoundingClientRect();
    var ratio = (rect.width || 1) / (box.viewBox.baseVal.width || rect.width || 1);
    var px = (clientX - rect.left) / ratio;
    var offset = Math.floor((px - scale.left) / (scale.plotW / scale.span));
    offset = Math.max(0, Math.min(scale.span - 1, offset));
    return isoDay(scale.first + offset * DAY_MS);
  }

  // -- trends ---------------------------------------------------------------------------

  function weekly(items, types) {
    var weeks = {};
    items.forEach(function (e) {
      var w = weekOf(e.date_start);
      var row = weeks[w] = weeks[w] || { week: w, total: 0, dead: 0, byType: {} };
      row.total += 1;
      row.dead += e.best || 0;
      row.byType[e.event_type] = (row.byType[e.event_type] || 0) + 1;
      if (types.indexOf(e.event_type) < 0) types.push(e.event_type);
    });
    return Object.keys(weeks).sort().map(function (w) { return weeks[w]; });
  }

  function barChart(box, title, rows, value, colourOf, stackKeys) {
    var width = Math.max(280, box.clientWidth || 360), height = 150;
    var pad = { left: 34, right: 6, top: 20, bottom: 20 };
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, "class": "trend-chart",
      role: "img", "aria-label": title });
    chart.appendChild(svg("text", { x: 4, y: 13, "class": "chart-title" }, title));
    box.appendChild(chart);
    if (!rows.length) return chart;
    var max = Math.max(1, Math.max.apply(null, rows.map(value)));
    var plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
    var step = plotW / rows.length, barW = Math.max(2, step * 0.8);
    chart.appendChild(svg("text", { x: pad.left - 4, y: pad.top + 8, "class": "tick", "text-anchor": "end" }, max));
    chart.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH,
      y2: pad.top + plotH, "class": "axis" }));
    rows.forEach(function (row, i) {
      var x = pad.left + i * step, y = pad.top + plotH;
      (stackKeys || [null]).forEach(function (key) {
        var v = key === null ? value(row) : (row.byType[key] || 0);
        if (!v) return;
        var h = (v / max) * plotH;
        y -= h;
        var rect = svg("rect", { x: x, y: y, width: barW, height: h, fill: colourOf(key), "data-week": row.week,
          "data-value": v, "class": "trend-bar" });
        rect.appendChild(svg("title", {}, row.week + (key ? " · " + key : "") + ": " + v));
        chart.appendChild(rect);
      });
    });
    [0, rows.length - 1].forEach(function (i, k) {
      chart.appendChild(svg("text", { x: pad.left + i * step + (k ? barW : 0), y: height - 5, "class": "tick",
        "text-anchor": k ? "end" : "start" }, "week of " + rows[i].week));
    });
    return chart;
  }

  function topActors(items, n) {
    var counts = {};
    items.forEach(function (e) {
      [e.actor1, e.actor2].forEach(function (a) { if (a) counts[a] = (counts[a] || 0) + 1; });
    });
    return Object.keys(counts).map(function (a) { return { name: a, count: counts[a] }; })
      .sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); }).slice(0, n);
  }

  function renderTrends(box, items, colour) {
    clear(box);
    var types = [];
    var rows = weekly(items, types);
    barChart(box, "Incidents per week, by event type", rows, function (r) { return r.total; }, colour, types)
      .setAttribute("id", "trend-events");
    barChart(box, "Fatalities per week (best estimate)", rows, function (r) { return r.dead; },
      function () { return "#8e1b1b"; }).setAttribute("id", "trend-fatalities");
    var actors = topActors(items, 10);
    var list = document.createElement("ol");
    list.id = "trend-actors";
    var heading = document.createElement("h3");
    heading.textContent = "Top actors (incidents as actor 1 or 2)";
    box.appendChild(heading);
    var max = actors.length ? actors[0].count : 1;
    actors.forEach(function (a) {
      var item = document.createElement("li");
      var bar = document.createElement("span");
      bar.className = "actor-bar";
      bar.style.width = Math.round(100 * a.count / max) + "%";
      var label = document.createElement("span");
      label.className = "actor-name";
      label.textContent = a.name + " (" + a.count + ")";
      item.appendChild(bar);
      item.appendChild(label);
      list.appendChild(item);
    });
    box.appendChild(list);
    var legend = document.createElement("p");
    legend.className = "hint";
    legend.textContent = types.length ? "Colours as in the legend." : "No incidents in this view.";
    box.appendChild(legend);
  }

  window.sitrepCharts = { renderTimeline: renderTimeline, dayAt: dayAt, renderTrends: renderTrends,
    weekOf: weekOf, dayMs: dayMs, isoDay: isoDay };
})();
