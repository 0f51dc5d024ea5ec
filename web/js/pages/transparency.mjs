// Transparency portal (no login): cases counted nationally and per province, by form of
// violation, handling stage and outcome, exactly as the server publishes them
// (netra_transparency_json): cells of 1 to 4 cases arrive as "<5" and cells hidden so that
// those cannot be worked out from the totals as "x". The page never computes from cases.
import { t, fmtNumber } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { regionName } from '../labels.mjs';

function cell(v, tag = 'td', attrs = {}) {
  if (typeof v === 'number') return el(tag, { class: 'num', ...attrs }, fmtNumber(v));
  const s = String(v ?? '');
  return el(tag, { class: 'num suppressed', ...attrs }, el('abbr', { title: s === 'x' ? t('tr.x') : t('tr.lt5') }, s));
}

/** One cross table {rows, cols, row_labels, col_labels, cells, row_totals, col_totals, total}. */
async function crossTable(id, caption, tb) {
  const label = async (dim, v) => {
    if (/^tanpa_/.test(v)) return t(`tr.${dim}.${v}`, {}, v); // no region or no form recorded
    if (dim === 'province') return regionName(v);
    if (dim === 'form') return v;
    return t(`tr.${dim}.${v}`, {}, v);
  };
  const rowLabels = await Promise.all((tb.row_labels || []).map((v) => label(tb.rows, v)));
  const colLabels = await Promise.all((tb.col_labels || []).map((v) => label(tb.cols, v)));
  return el('div', { class: 'table-wrap card' }, el('table', { id },
    el('caption', {}, el('h3', {}, caption)),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t(`tr.dim.${tb.rows}`)),
      ...colLabels.map((c) => el('th', { scope: 'col', class: 'num' }, c)),
      el('th', { scope: 'col', class: 'num' }, t('tr.total')))),
    el('tbody', {}, ...rowLabels.map((r, i) => el('tr', {}, el('th', { scope: 'row' }, r),
      ...(tb.cells[i] || []).map((v) => cell(v)), cell(tb.row_totals[i])))),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, t('tr.total')),
      ...(tb.col_totals || []).map((v) => cell(v)), cell(tb.total)))));
}

export async function render(main) {
  main.append(el('h1', {}, t('tr.title')), el('p', {}, t('tr.lead')));
  let data;
  try { ({ data } = await get('/transparency')); } catch (e) { main.append(errorBox(e)); return; }
  const nat = data.national || {};
  const natTables = [];
  for (const name of ['by_form_outcome', 'by_form_stage', 'by_province_outcome', 'by_province_stage']) {
    if (nat[name]) natTables.push(await crossTable(`nat-${name}`, t(`tr.${name}`), nat[name]));
  }
  main.append(el('section', { 'aria-labelledby': 'nat-h' }, el('h2', { id: 'nat-h' }, t('tr.national')), ...natTables));

  const provs = data.provinces || [];
  const names = await Promise.all(provs.map((p) => (/^tanpa_/.test(p.province)
    ? t(`tr.province.${p.province}`, {}, p.province) : regionName(p.province))));
  const sel = el('select', { id: 'prov' }, ...provs.map((p, i) => el('option', { value: String(i) }, names[i])));
  const box = el('div', { id: 'prov-tables', 'aria-live': 'polite' });
  async function draw() {
    const p = provs[Number(sel.value)];
    if (!p) return;
    box.replaceChildren(el('p', {}, t('tr.provTotal', { name: names[Number(sel.value)] }), ' ',
      typeof p.total === 'number' ? fmtNumber(p.total) : p.total),
    await crossTable('prov-form-outcome', t('tr.by_form_outcome'), p.by_form_outcome),
    await crossTable('prov-form-stage', t('tr.by_form_stage'), p.by_form_stage));
  }
  sel.addEventListener('change', draw);
  main.append(el('section', { 'aria-labelledby': 'prov-h' }, el('h2', { id: 'prov-h' }, t('tr.province')),
    provs.length ? [el('label', { for: 'prov' }, t('tr.pick')), sel, box] : el('p', {}, t('tr.noProvince'))),
  el('p', { class: 'hint' }, t('tr.rule', { n: data.threshold ?? 5 })));
  if (provs.length) await draw();
}
