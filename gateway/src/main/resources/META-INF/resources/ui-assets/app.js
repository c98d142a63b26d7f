// OncoPredict web UI: progressive enhancement only (the pages work without it, except the charts).
// Charts are Apache ECharts, drawn from the JSON in data-curve / data-curves attributes.
(function () {
  'use strict';
  const DASHES = ['solid', 'dashed', 'dotted'];
  const SYMBOLS = ['circle', 'triangle', 'rect'];

  function seriesFor(curve, i, withBand) {
    const pts = curve.months.map((m, k) => [m, curve.s[k]]);
    const series = [{
      name: curve.name, type: 'line', data: pts, showSymbol: true, symbol: SYMBOLS[i % 3], symbolSize: 5,
      lineStyle: { width: 2, type: DASHES[i % 3] }, z: 3,
      markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dotted', color: '#888' },
        data: [{ xAxis: 6 }, { xAxis: 12 }, { xAxis: 24 }], label: { formatter: '{c} mo' } }
    }];
    if (withBand) {
      series.push({ name: curve.name + ' 90% lower', type: 'line', data: curve.months.map((m, k) => [m, curve.lo[k]]),
        lineStyle: { opacity: 0 }, showSymbol: false, stack: 'band' + i, silent: true, tooltip: { show: false } });
      series.push({ name: curve.name + ' 90% band', type: 'line',
        data: curve.months.map((m, k) => [m, Math.max(0, curve.hi[k] - curve.lo[k])]), lineStyle: { opacity: 0 },
        showSymbol: false, stack: 'band' + i, areaStyle: { opacity: 0.18 }, silent: true, tooltip: { show: false } });
    }
    if (curve.median !== undefined) {
      series[0].markPoint = { symbol: 'pin', symbolSize: 30, data: [{ coord: [curve.median, 0.5], value: curve.median.toFixed(1) }] };
    }
    return series;
  }

  function draw(el, curves, withBands) {
    if (!window.echarts || el.dataset.drawn) { return; }
    el.dataset.drawn = '1';
    const chart = echarts.init(el, null, { renderer: 'svg' });
    let series = [];
    curves.forEach((c, i) => { series = series.concat(seriesFor(c, i, withBands)); });
    chart.setOption({
      animation: false, grid: { left: 64, right: 16, top: 48, bottom: 40 },
      legend: { data: curves.map(c => c.name), top: 0, left: 'center' },
      tooltip: { trigger: 'axis', valueFormatter: v => (v * 100).toFixed(0) + '%' },
      xAxis: { type: 'value', name: 'months', nameLocation: 'middle', nameGap: 26, min: 0, max: 36 },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => (v * 100) + '%' }, name: 'progression-free', nameLocation: 'middle', nameGap: 44 },
      series: series
    });
    window.addEventListener('resize', () => chart.resize());
  }

  function drawAll(root) {
    root.querySelectorAll('.pfs-chart[data-curve]').forEach(el => {
      const open = el.closest('details');
      const render = () => draw(el, [JSON.parse(el.dataset.curve)], true);
      if (open && !open.open) { open.addEventListener('toggle', render, { once: true }); } else { render(); }
    });
    root.querySelectorAll('#compare-chart[data-curves]').forEach(el => draw(el, JSON.parse(el.dataset.curves), true));
    const model = root.querySelector('[data-model-version]');
    const hidden = document.getElementById('decision-model');
    if (model && hidden) { hidden.value = model.dataset.modelVersion; }
    root.querySelectorAll('.compare-form').forEach(form => {
      const boxes = form.querySelectorAll('.compare-box');
      const submit = form.querySelector('#compare-submit');
      const update = () => {
        const n = form.querySelectorAll('.compare-box:checked').length;
        submit.disabled = n < 2 || n > 3;
        boxes.forEach(b => { if (!b.checked) { b.disabled = n >= 3; } });
      };
      boxes.forEach(b => b.addEventListener('change', update));
      update();
    });
  }

  // A line stopped for progression needs its progression date (the server refuses it too, naming the field).
  function progressionRequired() {
    const reason = document.getElementById('decision-stopped');
    const date = document.getElementById('decision-progressed');
    if (!reason || !date) { return; }
    const update = () => { date.required = reason.value === 'PROGRESSION'; };
    reason.addEventListener('change', update);
    update();
  }

  document.addEventListener('DOMContentLoaded', progressionRequired);
  document.addEventListener('DOMContentLoaded', () => drawAll(document));
  document.addEventListener('htmx:afterSwap', e => drawAll(e.target));
})();
