// Transparency portal (no login): counts of cases nationally and per province by form,
// stage and outcome, as published by the server with small cells already suppressed
// ("<5", and "x" for complementary suppression). The page never computes from cases.
import { t, fmtNumber } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';

function cell(v) {
  if (typeof v === 'number') return el('td', { class: 'num' }, fmtNumber(v));
  const s = String(v ?? '');
  return el('td', { class: 'num suppressed', title: s === 'x' ? t('tr.x') : t('tr.lt5') }, s);
}

function table(id, caption, counts) {
  const rows = Object.entries(counts || {});
  return el('div', { class: 'table-wrap card' }, el('table', { id },
    el('caption', {}, el('h3', {}, caption)),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('dash.value')), el('th', { scope: 'col', class: 'num' }, t('dash.count')))),
    el('tbody', {}, ...rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), cell(v))))));
}

export async function render(main) {
  main.append(el('h1', {}, t('tr.title')), el('p', {}, t('tr.lead')));
  let data;
  try { ({ data } = await get('/transparency')); } catch (e) { main.append(errorBox(e)); return; }
  const dims = ['form', 'stage', 'outcome'];
  const nat = data.national || {};
  main.append(el('section', { 'aria-labelledby': 'nat-h' }, el('h2', { id: 'nat-h' }, t('tr.national')),
    el('div', { class: 'cards' }, ...dims.map((d) => table(`nat-${d}`, t(`tr.by.${d}`), nat[`by_${d}`] || nat[d])))));
  const provs = data.provinces || [];
  const sel = el('select', { id: 'prov' }, ...provs.map((p, i) => el('option', { value: String(i) }, p.name || p.code)));
  const box = el('div', { id: 'prov-tables' });
  function draw() {
    const p = provs[Number(sel.value)] || {};
    box.replaceChildren(el('div', { class: 'cards' }, ...dims.map((d) => table(`prov-${d}`, t(`tr.by.${d}`), p[`by_${d}`] || p[d]))));
  }
  sel.addEventListener('change', draw);
  main.append(el('section', { 'aria-labelledby': 'prov-h' }, el('h2', { id: 'prov-h' }, t('tr.province')),
    el('label', { for: 'prov' }, t('tr.pick')), sel, box),
    el('p', { class: 'hint' }, t('tr.rule')));
  if (provs.length) draw();
}
