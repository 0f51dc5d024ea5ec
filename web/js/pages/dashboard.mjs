// Dashboard: open cases by state, overdue clocks first, counts by form, stage and region,
// and the trend of cases opened per month (Chart.js, loaded from /vendor). Only the cases
// the user may see are fetched (the server scopes /cases by office region and agency).
import { t, fmtNumber, fmtDate } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { labeller, regionName } from '../labels.mjs';
import { loadChart } from '../chart.mjs';

const MAX_CASES = 5000;

async function allCases(query) {
  const out = [];
  let cursor = '';
  do {
    const { data } = await get('/cases', { ...query, limit: 500, cursor });
    out.push(...(data.cases || []));
    cursor = data.next_cursor || data.next || '';
  } while (cursor && out.length < MAX_CASES);
  return { cases: out, truncated: Boolean(cursor) };
}

function countBy(list, keyFn) {
  const m = new Map();
  for (const x of list) {
    for (const k of [].concat(keyFn(x)).filter(Boolean)) m.set(k, (m.get(k) || 0) + 1);
  }
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

function countTable(id, caption, rows, label) {
  if (!rows.length) return null; // e.g. no form or stage in what the server lists
  return el('div', { class: 'card table-wrap' },
    el('table', { id },
      el('caption', {}, el('h2', {}, caption)),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('dash.value')), el('th', { scope: 'col', class: 'num' }, t('dash.count')))),
      el('tbody', {}, ...rows.map(([k, n]) => el('tr', {}, el('th', { scope: 'row' }, label(k)), el('td', { class: 'num' }, fmtNumber(n)))))));
}

export async function render(main, ctx) {
  main.append(el('h1', {}, t('dash.title')));
  const label = await labeller();
  let cases;
  let overdue;
  try {
    [cases, overdue] = await Promise.all([allCases({}), get('/cases', { overdue: 'true', limit: 100 })]);
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const list = cases.cases;
  const open = list.filter((c) => !label.terminal(c.state));
  if (cases.truncated) main.append(el('p', { class: 'alert warn' }, t('dash.truncated', { n: fmtNumber(list.length) })));

  const od = (overdue.data.cases || []);
  main.append(el('section', { 'aria-labelledby': 'od-h', class: 'panel' },
    el('h2', { id: 'od-h' }, t('dash.overdue', { n: fmtNumber(od.length) })),
    od.length ? el('ul', {}, ...od.map((c) => el('li', {},
      el('a', { href: `#/kasus/${c.id}` }, `#${c.id} ${c.title}`), ' · ',
      el('span', { class: 'badge overdue' }, label('state', c.state)), ' · ',
      t('dash.holder', { who: label('role', c.holder) }),
      c.deadline ? ` · ${t('clock.deadline')}: ${fmtDate(c.deadline)}` : '')))
      : el('p', {}, t('dash.noOverdue'))));

  const province = (c) => (c.region || '').split('.')[0] || '';
  const provNames = new Map();
  await Promise.all([...new Set(open.map(province))].filter(Boolean)
    .map(async (p) => provNames.set(p, await regionName(p))));
  const month = (c) => (c.opened || '').slice(0, 7);
  const byMonth = countBy(list, month).sort((a, b) => a[0].localeCompare(b[0]));
  const canvas = el('canvas', { id: 'trend', role: 'img', 'aria-label': t('dash.trend.aria', { n: fmtNumber(list.length) }) });
  const trendTable = el('table', { class: 'visually-hidden' },
    el('caption', {}, t('dash.trend')),
    el('tbody', {}, ...byMonth.map(([m, n]) => el('tr', {}, el('th', { scope: 'row' }, m), el('td', {}, String(n))))));

  main.append(
    el('p', { id: 'dash-summary' }, t('dash.summary', { open: fmtNumber(open.length), all: fmtNumber(list.length) })),
    el('div', { class: 'cards' },
      countTable('by-state', t('dash.byState'), countBy(open, (c) => c.state), (k) => label('state', k)),
      countTable('by-kind', t('dash.byKind'), countBy(open, (c) => c.kind), (k) => t(`kind.${k}`, {}, k)),
      countTable('by-region', t('dash.byRegion'), countBy(open, (c) => province(c) || '-'), (k) => provNames.get(k) || t('dash.national')),
      countTable('by-form', t('dash.byForm'), countBy(list, (c) => c.forms || c.form), (k) => k),
      countTable('by-stage', t('dash.byStage'), countBy(list, (c) => c.stages || c.stage), (k) => k)),
    el('section', { 'aria-labelledby': 'trend-h', class: 'card' },
      el('h2', { id: 'trend-h' }, t('dash.trend')),
      el('div', { class: 'chart-box' }, canvas), trendTable));

  const Chart = await loadChart();
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: byMonth.map(([m]) => m), datasets: [{ label: t('dash.opened'), data: byMonth.map(([, n]) => n), backgroundColor: '#0b5394' }] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  return () => chart.destroy();
}
