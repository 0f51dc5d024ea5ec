// Dashboard: overdue cases first (the most days past a legal deadline on top, with the clock,
// its basis and who it escalates to), then open cases by state, form of violation, election
// stage and province, and cases opened per month by kind. The counts come from
// GET /dashboard, computed by netrad over the cases the user may see (the same scope as
// GET /cases). Each chart (Chart.js, loaded from /vendor) has its table for screen readers.
import { t, fmtNumber, fmtDate, loc } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { labeller, stageLabeller } from '../labels.mjs';
import { loadChart } from '../chart.mjs';

const KINDS = ['laporan', 'temuan', 'informasi_awal'];
const KIND_COLOURS = { laporan: '#0b5394', temuan: '#a4161a', informasi_awal: '#5f6b00' };

/** A chart with its data table (visually hidden, read by screen readers). */
function chartCard(id, title, rows, labelFn, shortFn = labelFn) {
  if (!rows.length) return { card: null };
  const canvas = el('canvas', { id: `${id}-chart`, role: 'img',
    'aria-label': t('dash.chart.aria', { title, n: fmtNumber(rows.length) }) });
  const table = el('table', { id, class: 'visually-hidden' },
    el('caption', {}, title),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('dash.value')), el('th', { scope: 'col', class: 'num' }, t('dash.count')))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, labelFn(r)), el('td', { class: 'num' }, fmtNumber(r.count))))));
  const hId = `${id}-h`;
  const card = el('section', { class: 'card', 'aria-labelledby': hId },
    el('h2', { id: hId }, title),
    el('div', { class: 'chart-box' }, canvas), table);
  return { card, canvas, labels: rows.map(shortFn), data: rows.map((r) => r.count) };
}

export async function render(main, ctx) {
  main.append(el('h1', {}, t('dash.title')));
  const [label, stage] = await Promise.all([labeller(), stageLabeller()]);
  let d;
  let forms = [];
  try {
    [{ data: d }, forms] = await Promise.all([get('/dashboard'),
      ctx.state.routes.has('get /forms') ? get('/forms').then((x) => x.data.forms || []).catch(() => []) : []]);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const formLabel = new Map(forms.map((f) => [f.id, loc(f, 'label')]));

  main.append(el('p', { id: 'dash-summary' }, t('dash.summary', { open: fmtNumber(d.open), all: fmtNumber(d.total) })));

  // Overdue first.
  const od = d.overdue || [];
  main.append(el('section', { 'aria-labelledby': 'od-h', class: 'panel', id: 'overdue' },
    el('h2', { id: 'od-h' }, t('dash.overdue', { n: fmtNumber(od.length) })),
    od.length ? el('ol', { id: 'overdue-list' }, ...od.map((c) => el('li', { 'data-case': c.id },
      el('a', { href: `#/kasus/${c.id}` }, `#${c.id} ${c.title}`), ' · ',
      el('span', { class: 'badge overdue' }, t('dash.late', { n: fmtNumber(c.days_over) })), ' · ',
      `${label('clock', c.clock)}: ${t('clock.deadline')} ${fmtDate(c.deadline)}`, ' · ',
      t('dash.holder', { who: label('role', c.holder) }),
      c.escalates_to ? ` · ${t('dash.escalates', { who: label('role', c.escalates_to) })}` : '',
      el('br'), el('small', {}, c.basis || ''))))
      : el('p', {}, t('dash.noOverdue'))));

  const human = (s) => String(s).replace(/_/g, ' ');
  const cards = [
    chartCard('by-state', t('dash.byState'), d.by_state || [], (r) => label('state', r.key)),
    chartCard('by-form', t('dash.byForm'), d.by_form || [], (r) => (formLabel.get(r.key) ? `${r.key} ${formLabel.get(r.key)}` : r.key), (r) => r.key),
    chartCard('by-stage', t('dash.byStage'), d.by_stage || [], (r) => (stage(r.key) !== r.key ? stage(r.key) : human(r.key))),
    chartCard('by-region', t('dash.byRegion'), d.by_region || [], (r) => (r.key === '-' ? t('dash.national') : `${r.name || r.key} (${r.key})`)),
    chartCard('by-kind', t('dash.byKind'), d.by_kind || [], (r) => t(`kind.${r.key}`, {}, r.key)),
  ].filter((x) => x.card);

  // Trend: cases opened per month, stacked by kind, with its month x kind table.
  const trend = d.trend || [];
  const canvas = el('canvas', { id: 'trend', role: 'img', 'aria-label': t('dash.trend.aria', { n: fmtNumber(d.total) }) });
  const trendTable = el('table', { class: 'visually-hidden', id: 'trend-table' },
    el('caption', {}, t('dash.trend')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('dash.month')),
      ...KINDS.map((k) => el('th', { scope: 'col', class: 'num' }, t(`kind.${k}`))),
      el('th', { scope: 'col', class: 'num' }, t('dash.count')))),
    el('tbody', {}, ...trend.map((m) => el('tr', {}, el('th', { scope: 'row' }, m.key),
      ...KINDS.map((k) => el('td', { class: 'num' }, fmtNumber((m.by_kind || {})[k] || 0))),
      el('td', { class: 'num' }, fmtNumber(m.count))))));

  main.append(
    el('div', { class: 'cards' }, ...cards.map((x) => x.card)),
    el('section', { 'aria-labelledby': 'trend-h', class: 'card' },
      el('h2', { id: 'trend-h' }, t('dash.trend')),
      el('div', { class: 'chart-box' }, canvas), trendTable));

  const Chart = await loadChart();
  const charts = cards.map((x) => new Chart(x.canvas, {
    type: 'bar',
    data: { labels: x.labels, datasets: [{ label: t('dash.count'), data: x.data, backgroundColor: '#0b5394' }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  }));
  charts.push(new Chart(canvas, {
    type: 'bar',
    data: { labels: trend.map((m) => m.key),
      datasets: KINDS.map((k) => ({ label: t(`kind.${k}`), data: trend.map((m) => (m.by_kind || {})[k] || 0), backgroundColor: KIND_COLOURS[k] })) },
    options: { maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  }));
  return () => charts.forEach((c) => c.destroy());
}
