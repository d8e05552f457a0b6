// The staff home page's charts (docs/reports.md, "Charts"). The figures come from charts.json; the page already holds
// them as tables (in <details>) for anyone who cannot see a canvas. An external file, as the site's
// Content-Security-Policy allows no inline script. Drawn with uPlot (a WebJar served by the platform).
(function () {
  'use strict';

  var COLOURS = ['#0b5cad', '#a4161a', '#1e6b34', '#7a4a00', '#5b2a86', '#006d77', '#4a525a', '#b5179e', '#3a5a40'];

  function width(el) {
    return Math.max(280, Math.min(el.clientWidth || 640, 1000));
  }

  // A key in plain text: uPlot's own legend is a table of live values, which a screen reader would read as data.
  function key(el, names) {
    var list = document.createElement('ul');
    list.className = 'chart-key';
    names.forEach(function (name, i) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = COLOURS[i % COLOURS.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      list.appendChild(item);
    });
    el.parentNode.insertBefore(list, el.nextSibling);
  }

  // Payments per day: one line per channel (or method), counts on the left axis.
  function daily(el, days, series) {
    if (!el) {
      return;
    }
    var xs = days.map(function (d) { return Date.parse(d + 'T12:00:00Z') / 1000; });
    var data = [xs];
    var opts = {
      width: width(el), height: 260, legend: { show: false },
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [{}, { label: 'payments' }],
      series: [{}]
    };
    series.forEach(function (s, i) {
      data.push(s.payments);
      opts.series.push({ label: s.name, stroke: COLOURS[i % COLOURS.length], width: 2 });
    });
    new uPlot(opts, data, el);
    key(el, series.map(function (s) { return s.name; }));
  }

  // A few named figures as bars.
  function bars(el, labels, values, unit) {
    if (!el) {
      return;
    }
    var xs = labels.map(function (l, i) { return i; });
    new uPlot({
      width: width(el), height: 220, legend: { show: false },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] },
                y: { range: function (u, min, max) { return [0, Math.max(unit === '%' ? 100 : 1, max)]; } } },
      axes: [{ splits: function () { return xs; }, values: function (u, splits) { return splits.map(function (i) { return labels[i]; }); } },
             { label: unit }],
      series: [{}, { label: unit, fill: COLOURS[0], stroke: COLOURS[0], paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }]
    }, [xs, values], el);
  }

  function draw(c) {
    daily(document.getElementById('chart-channel'), c.days, c.byChannel);
    daily(document.getElementById('chart-method'), c.days, c.byMethod);
    bars(document.getElementById('chart-adoption'), ['Paperless', 'Autopay'],
      [Number(c.adoption.paperlessPercent), Number(c.adoption.autopayPercent)], '%');
    var labels = Object.keys(c.postings.pendingByKind).sort();
    var values = labels.map(function (k) { return c.postings.pendingByKind[k]; });
    labels = labels.map(function (k) { return 'Pending ' + k; }).concat(['Parked', 'Delivered (24 h)']);
    values = values.concat([c.postings.parked, c.postings.deliveredLastDay]);
    bars(document.getElementById('chart-postings'), labels, values, 'postings');
    document.getElementById('charts').setAttribute('data-drawn', 'true');
  }

  function start() {
    var source = document.getElementById('charts-data');
    if (!source || typeof uPlot === 'undefined') {
      return;
    }
    fetch(source.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error('charts.json answered ' + r.status); } return r.json(); })
      .then(draw)
      .catch(function (e) { source.textContent = 'The charts could not be drawn; the tables below hold the same figures.'; console.error(e); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
