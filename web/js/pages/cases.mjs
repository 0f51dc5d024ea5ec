// Case list with filters and saved searches. Filters go to the server (GET /cases with the
// query); saved searches are named filter sets kept in this browser's localStorage.
import { t, fmtDate } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { labeller } from '../labels.mjs';

const SAVED = 'netra.savedSearches';
const FILTERS = ['state', 'kind', 'region', 'overdue', 'sort'];

export function loadSaved() {
  try {
    const v = JSON.parse(localStorage.getItem(SAVED) || '[]');
    return Array.isArray(v) ? v.filter((s) => s && typeof s.name === 'string' && s.filter) : [];
  } catch { return []; }
}
function storeSaved(list) { localStorage.setItem(SAVED, JSON.stringify(list.slice(0, 50))); }

export async function render(main, ctx) {
  const label = await labeller();
  const wfStates = [...new Set(label.transitions.map((x) => x.to).filter(Boolean))];
  const f = {};
  for (const k of FILTERS) f[k] = ctx.query.get(k) || '';

  const stateSel = el('select', { id: 'f-state', name: 'state' }, el('option', { value: '' }, t('cases.any')),
    ...wfStates.map((s) => el('option', { value: s, selected: s === f.state }, label('state', s))));
  const kindSel = el('select', { id: 'f-kind', name: 'kind' }, el('option', { value: '' }, t('cases.any')),
    ...['laporan', 'temuan', 'informasi_awal'].map((k) => el('option', { value: k, selected: k === f.kind }, t(`kind.${k}`))));
  const sortSel = el('select', { id: 'f-sort', name: 'sort' },
    ...['-updated', 'updated', '-opened', 'opened', 'id', '-id'].map((k) => el('option', { value: k, selected: k === (f.sort || '-updated') }, t(`cases.sort.${k}`))));
  const form = el('form', { id: 'filters', role: 'search', 'aria-label': t('cases.filters') },
    el('div', { class: 'cards' },
      el('div', {}, el('label', { for: 'f-state' }, t('cases.state')), stateSel),
      el('div', {}, el('label', { for: 'f-kind' }, t('cases.kind')), kindSel),
      el('div', {}, el('label', { for: 'f-sort' }, t('cases.sort')), sortSel),
      el('div', {}, el('label', { for: 'f-region' }, t('cases.region')),
        el('input', { id: 'f-region', name: 'region', value: f.region, maxlength: 13, 'aria-describedby': 'f-region-hint' }),
        el('p', { class: 'hint', id: 'f-region-hint' }, t('cases.region.hint'))),
      el('div', {}, el('label', { class: 'choice', for: 'f-overdue' },
        el('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue', value: 'true', checked: f.overdue === 'true' }), t('cases.overdue')))),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('cases.apply'))),
    el('div', {}, el('label', { for: 'save-name' }, t('cases.save.name')),
      el('input', { id: 'save-name', maxlength: 80 }),
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', id: 'save-search' }, t('cases.save')))));

  const savedBox = el('nav', { 'aria-label': t('cases.saved'), id: 'saved' });
  const results = el('div', { id: 'results', 'aria-live': 'polite' });
  main.append(el('h1', {}, t('cases.title')), form, savedBox, results);

  function currentFilter() {
    const fd = new FormData(form);
    const out = {};
    for (const k of FILTERS) { const v = String(fd.get(k) || '').trim(); if (v) out[k] = v; }
    return out;
  }
  function toHash(filter) { return `/kasus?${new URLSearchParams(filter)}`; }

  function drawSaved() {
    const list = loadSaved();
    savedBox.replaceChildren(el('h2', {}, t('cases.saved')));
    if (!list.length) { savedBox.append(el('p', { class: 'hint' }, t('cases.saved.none'))); return; }
    savedBox.append(el('ul', {}, ...list.map((s, i) => el('li', {},
      el('a', { href: `#${toHash(s.filter)}` }, s.name), ' ',
      el('button', { type: 'button', class: 'secondary', 'aria-label': t('cases.saved.delete', { name: s.name }),
        onclick: () => { const l = loadSaved(); l.splice(i, 1); storeSaved(l); drawSaved(); } }, '×')))));
  }
  form.querySelector('#save-search').addEventListener('click', () => {
    const input = form.querySelector('#save-name');
    const name = input.value;
    if (!name.trim()) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
    input.removeAttribute('aria-invalid');
    input.value = '';
    const l = loadSaved().filter((s) => s.name !== name.trim());
    l.unshift({ name: name.trim().slice(0, 80), filter: currentFilter() });
    storeSaved(l);
    drawSaved();
  });
  form.addEventListener('submit', (ev) => { ev.preventDefault(); ctx.navigate(toHash(currentFilter())); });
  drawSaved();

  let cursor = '';
  const count = el('p', { id: 'case-count' });
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, t('cases.more'));
  results.append(count, el('div', { class: 'table-wrap' }, el('table', { id: 'case-table' },
    el('caption', { class: 'visually-hidden' }, t('cases.title')),
    el('thead', {}, el('tr', {}, ...['#', t('cases.col.title'), t('cases.state'), t('cases.kind'), t('cases.region'), t('cases.col.updated')]
      .map((h) => el('th', { scope: 'col' }, h)))),
    tbody)), more);
  async function page() {
    try {
      const { data } = await get('/cases', { ...currentFilter(), limit: 50, cursor });
      for (const c of data.cases || []) {
        tbody.append(el('tr', {},
          el('td', {}, String(c.id)),
          el('td', {}, el('a', { href: `#/kasus/${c.id}` }, c.title || t('cases.untitled'))),
          el('td', {}, label('state', c.state)),
          el('td', {}, t(`kind.${c.kind}`, {}, c.kind)),
          el('td', {}, c.region || ''),
          el('td', {}, fmtDate(c.updated))));
      }
      if (!tbody.children.length) tbody.append(el('tr', {}, el('td', { colspan: 6 }, t('cases.none'))));
      cursor = data.next_cursor || data.next || '';
      if (typeof data.total === 'number') count.textContent = t('cases.count', { n: data.total });
      more.hidden = !cursor;
    } catch (e) {
      results.append(errorBox(e));
    }
  }
  more.addEventListener('click', page);
  await page();
}
