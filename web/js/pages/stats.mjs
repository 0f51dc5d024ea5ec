// National statistics (#/statistik): the shares by KASN category or form, the funnel reported
// -> registered -> forwarded -> proven -> sanctioned by agency, position class or province,
// and the days spent in each workflow state, as the server computes them (/api/v1/stats/*).
// Each chart has the same numbers as a table (for screen readers and for copying); hidden
// cells of the public variant arrive as null with their mark ("<5", "x") and are shown as such.
import { t, loc, fmtNumber } from '../i18n.mjs';
import { get, API } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { loadChart } from '../chart.mjs';

const COLOURS = ['#0b5394', '#3d85c6', '#6fa8dc', '#e69138', '#cc0000'];

function exportLinks(table, query, id) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  return el('p', { class: 'actions' }, el('span', {}, `${t('st.export')}: `),
    ...['csv', 'xlsx'].map((f) => {
      q.set('format', f);
      return el('a', { href: `${API}/stats/${table}?${q}`, download: '', class: 'button secondary', id: `${id}-${f}` }, f.toUpperCase());
    }));
}

function num(v, mark) {
  if (v === null || v === undefined) {
    const m = mark || '';
    return el('td', { class: 'num suppressed' }, el('abbr', { title: m === 'x' ? t('tr.x') : t('tr.lt5') }, m || '–'));
  }
  return el('td', { class: 'num' }, fmtNumber(v));
}

function pct(v) {
  return el('td', { class: 'num' }, v === null || v === undefined ? '' : `${fmtNumber(v)}%`);
}

function label(row) {
  return loc(row, 'label') || row.label || row.id;
}

function tableOf(id, caption, columns, rows, total) {
  // a wide table scrolls: the wrapper takes the keyboard focus so it can be scrolled without a mouse
  return el('div', { class: 'table-wrap card', tabindex: 0, role: 'region', 'aria-label': caption }, el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('st.group')),
      ...columns.flatMap((c) => [el('th', { scope: 'col', class: 'num' }, t(`st.col.${c}`)),
        el('th', { scope: 'col', class: 'num' }, c === 'cases' ? t('st.pctTotal') : t('st.pctReported'))]))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, label(r)),
      ...r.counts.flatMap((v, k) => [num(v, r.cells[k]), pct(r.pct[k])])))),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, t('st.total')),
      ...total.counts.flatMap((v, k) => [num(v, total.cells[k]), pct(total.pct[k])])))));
}

export async function render(main, ctx) {
  const { data: els } = await get('/elections');
  const elections = (els && els.elections) || [];
  const st = {
    election: ctx.query.get('election') || '',
    region: ctx.query.get('region') || '',
    from: ctx.query.get('from') || '',
    to: ctx.query.get('to') || '',
    variant: ctx.query.get('variant') === 'public' ? 'public' : '',
    shareBy: 'category',
    groupBy: ctx.query.get('by') || 'agency',
  };
  const elSel = el('select', { id: 's-election' }, el('option', { value: '' }, t('st.allElections')),
    ...elections.map((e) => el('option', { value: e.id, selected: e.id === st.election }, loc(e, 'name'))));
  const region = el('input', { id: 's-region', value: st.region, inputmode: 'numeric', placeholder: '32', size: 8 });
  const from = el('input', { id: 's-from', type: 'date', value: st.from });
  const to = el('input', { id: 's-to', type: 'date', value: st.to });
  const pub = el('input', { id: 's-public', type: 'checkbox', checked: st.variant === 'public' });
  const shareSel = el('select', { id: 's-share-by' },
    ...['category', 'form'].map((b) => el('option', { value: b }, t(`st.by.${b}`))));
  const groupSel = el('select', { id: 's-group-by' },
    ...['none', 'agency', 'position', 'province'].map((b) => el('option', { value: b, selected: b === st.groupBy }, t(`st.group.${b}`))));
  const form = el('form', { class: 'filters card', 'aria-label': t('st.filters') },
    el('div', {}, el('label', { for: 's-election' }, t('map.election')), elSel),
    el('div', {}, el('label', { for: 's-region' }, t('st.region')), region),
    el('div', {}, el('label', { for: 's-from' }, t('st.from')), from),
    el('div', {}, el('label', { for: 's-to' }, t('st.to')), to),
    el('div', { class: 'check' }, pub, ' ', el('label', { for: 's-public' }, t('st.public'))),
    el('button', { type: 'submit', id: 's-apply' }, t('st.apply')));
  const shareBox = el('section', { 'aria-labelledby': 'sh-h', id: 'st-shares' });
  const funnelBox = el('section', { 'aria-labelledby': 'fu-h', id: 'st-funnel' });
  const durBox = el('section', { 'aria-labelledby': 'du-h', id: 'st-durations' });
  const metaBox = el('p', { class: 'hint', id: 'st-meta', 'aria-live': 'polite' });
  main.append(el('h1', {}, t('st.title')), el('p', {}, t('st.lead')), form, metaBox, shareBox, funnelBox, durBox,
    el('p', { class: 'hint' }, t('st.method')));

  const Chart = await loadChart();
  const charts = [];
  const chartIn = (box, id, config) => {
    const canvas = el('canvas', { id, role: 'img', 'aria-label': config.aria });
    box.append(el('div', { class: 'chart-box' }, canvas));
    charts.push(new Chart(canvas, { ...config.chart, options: { maintainAspectRatio: false, animation: false, ...config.chart.options } }));
  };
  const filters = () => ({ election: st.election, region: st.region, from: st.from, to: st.to, variant: st.variant });

  async function drawShares() {
    const q = { ...filters(), by: st.shareBy };
    const { data } = await get('/stats/shares', q);
    const rows = data.rows.filter((r) => r.counts[0] !== 0);
    shareBox.replaceChildren(el('h2', { id: 'sh-h' }, t('st.shares')),
      el('div', {}, el('label', { for: 's-share-by' }, t('st.shareBy')), shareSel));
    chartIn(shareBox, 'chart-shares', {
      aria: t('st.shares'),
      chart: { type: 'bar', data: { labels: rows.map(label), datasets: [{ label: t('st.col.cases'), data: rows.map((r) => r.counts[0] ?? 0), backgroundColor: COLOURS[0] }] },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } },
    });
    shareBox.append(tableOf('t-shares', t('st.sharesCaption'), data.columns, data.rows, data.total), exportLinks('shares', q, 'x-shares'));
    metaBox.textContent = t('st.computed', { at: data.meta.computed_at, n: data.meta.matched ?? '–', scope: data.meta.region });
  }

  async function drawFunnel() {
    const q = { ...filters(), by: st.groupBy };
    const { data } = await get('/stats/funnel', q);
    funnelBox.replaceChildren(el('h2', { id: 'fu-h' }, t('st.funnel')),
      el('div', {}, el('label', { for: 's-group-by' }, t('st.groupBy')), groupSel));
    const top = data.rows.slice(0, 10);
    const groups = st.groupBy === 'none' ? [data.total] : top;
    chartIn(funnelBox, 'chart-funnel', {
      aria: t('st.funnel'),
      chart: { type: 'bar', data: { labels: data.columns.map((c) => t(`st.col.${c}`)),
        datasets: groups.map((g, i) => ({ label: g.id === 'total' ? t('st.total') : label(g), data: g.counts.map((v) => v ?? 0), backgroundColor: COLOURS[i % COLOURS.length] })) },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
    });
    funnelBox.append(tableOf('t-funnel', t('st.funnelCaption'), data.columns, data.rows, data.total), exportLinks('funnel', q, 'x-funnel'));
  }

  async function drawDurations() {
    const q = filters();
    const { data } = await get('/stats/durations', q);
    const rows = data.states;
    durBox.replaceChildren(el('h2', { id: 'du-h' }, t('st.durations')));
    const shown = rows.filter((r) => r.median_days !== null);
    chartIn(durBox, 'chart-durations', {
      aria: t('st.durations'),
      chart: { type: 'bar', data: { labels: shown.map(label),
        datasets: [{ label: t('st.median'), data: shown.map((r) => r.median_days), backgroundColor: COLOURS[0] },
          { label: t('st.p90'), data: shown.map((r) => r.p90_days), backgroundColor: COLOURS[3] }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, title: { display: true, text: t('st.days') } } } } },
    });
    const d = (v) => el('td', { class: 'num' }, v === null || v === undefined ? '–' : fmtNumber(v));
    durBox.append(el('div', { class: 'table-wrap card', tabindex: 0, role: 'region', 'aria-label': t('st.durationsCaption') }, el('table', { id: 't-durations' },
      el('caption', {}, t('st.durationsCaption')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('st.state')),
        ...['n', 'open', 'median', 'p90', 'mean'].map((c) => el('th', { scope: 'col', class: 'num' }, t(`st.${c}`))))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, label(r)),
        r.n === null ? num(null, '<5') : d(r.n), r.open === null ? num(null, '<5') : d(r.open),
        d(r.median_days), d(r.p90_days), d(r.mean_days)))))), exportLinks('durations', q, 'x-durations'));
  }

  async function refresh() {
    for (const c of charts.splice(0)) c.destroy();
    try {
      await drawShares();
      await drawFunnel();
      await drawDurations();
    } catch (e) {
      metaBox.replaceChildren(errorBox(e));
    }
    document.body.dataset.stats = String(Date.now());
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    st.election = elSel.value;
    st.region = region.value.trim();
    st.from = from.value;
    st.to = to.value;
    st.variant = pub.checked ? 'public' : '';
    refresh();
  });
  shareSel.addEventListener('change', () => { st.shareBy = shareSel.value; refresh(); });
  groupSel.addEventListener('change', () => { st.groupBy = groupSel.value; refresh(); });
  await refresh();
  return () => { for (const c of charts.splice(0)) c.destroy(); };
}
