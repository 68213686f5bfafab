/* The dashboard's charts, drawn from its tables (the tables stay: they are the figures, the charts only
   show them). Served from the aggregator, loaded by a <script src>, never inline: the page's
   Content-Security-Policy allows no other script. A suppressed cell has no data-value and is left out
   of the chart (a gap), never drawn as zero. */
(function () {
  'use strict';

  // Distinguishable colours that keep 3:1 contrast on white (WCAG 2.1 non-text contrast).
  var PALETTE = ['#6b2d8a', '#1f6f8b', '#b3541e', '#2e7d32', '#8e244d', '#5c5c99', '#7a6000', '#00695c',
    '#a4161a', '#3b1f4a'];

  function text(cell) {
    return cell.textContent.trim();
  }

  function value(cell) {
    var v = cell.getAttribute('data-value');
    return v === null ? null : Number(v);
  }

  /** Series are the columns (countries) a chart takes; rows (categories or months) are its labels. */
  function read(table) {
    var head = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var columns = [];
    head.forEach(function (th, i) {
      if (th.getAttribute('data-series') === 'true') {
        columns.push({ index: i + 1, label: text(th) });
      }
    });
    var rows = Array.prototype.filter.call(table.tBodies[0].rows, function (tr) {
      return tr.getAttribute('data-series') === 'true';
    });
    return {
      labels: rows.map(function (tr) { return text(tr.cells[0]); }),
      datasets: columns.map(function (c, k) {
        var colour = PALETTE[k % PALETTE.length];
        return {
          label: c.label,
          data: rows.map(function (tr) { return value(tr.cells[c.index]); }),
          borderColor: colour,
          backgroundColor: colour,
          spanGaps: false
        };
      })
    };
  }

  function draw(table) {
    var kind = table.getAttribute('data-chart');
    var data = read(table);
    if (data.labels.length === 0 || data.datasets.length === 0) {
      return;
    }
    var figure = document.createElement('figure');
    figure.className = 'chart chart-' + kind;
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', table.getAttribute('data-chart-label'));
    figure.appendChild(canvas);
    var region = table.closest('.table-scroll');
    region.parentNode.insertBefore(figure, region);
    var bar = kind === 'bar';
    if (bar) {
      // One band per category, plus room for the axis and legend (CSSOM, which the CSP allows).
      figure.style.height = (6 + 2.5 * data.labels.length) + 'rem';
    }
    // Chart.js sizes the canvas from the figure (CSS height), through the DOM, not an inline style attribute.
    new window.Chart(canvas, {
      type: kind,
      data: data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: bar ? 'y' : 'x',
        scales: bar
          ? { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
    table.setAttribute('data-chart-drawn', 'true');
  }

  function drawAll() {
    if (typeof window.Chart !== 'function') {
      return;
    }
    document.querySelectorAll('table[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
