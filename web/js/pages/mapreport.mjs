// The printable report of one region (laporan kerawanan wilayah): its score and zone, its
// kab/kota when it is a province, and the prevention list (issues, stages, agencies and
// position classes driving the score), laid out for paper by css/map.css (@media print).
import { t, fmtNumber } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el } from '../app.mjs';

function driverTable(id, title, rows) {
  return el('section', { class: 'report-part' }, el('h2', {}, title),
    rows.length === 0 ? el('p', {}, t('map.none')) : el('table', { id },
      el('thead', {}, el('tr', {}, ...['map.col.driver', 'map.col.value', 'map.col.share', 'map.col.events'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, ...rows.map((d) => el('tr', {}, el('th', { scope: 'row' }, d.id || t('map.unrecorded')),
        el('td', { class: 'num' }, fmtNumber(Math.round(d.value * 100) / 100)),
        el('td', { class: 'num' }, `${fmtNumber(Math.round(d.share * 1000) / 10)} %`),
        el('td', { class: 'num' }, fmtNumber(d.events)))))));
}

export async function render(main, ctx) {
  if (!document.querySelector('link[href="/css/map.css"]')) document.head.append(el('link', { rel: 'stylesheet', href: '/css/map.css' }));
  const code = ctx.params.code;
  const province = !code.includes('.');
  const [{ data: p }, { data: idx }] = await Promise.all([
    get(`/index/prevention/${encodeURIComponent(code)}`),
    get('/index', { level: province ? 'province' : 'kabkota' }),
  ]);
  const row = (idx.regions || []).find((r) => r.code === code);
  let kab = [];
  if (province) {
    const { data } = await get('/index', { level: 'kabkota' });
    kab = (data.regions || []).filter((r) => r.code.startsWith(`${code}.`) && r.events > 0);
  }
  main.append(el('article', { id: 'region-report', class: 'report' },
    el('h1', {}, t('map.reportTitle', { name: p.name || code, code })),
    el('p', { class: 'hint' }, t('map.reportMeta', { at: p.meta.computed_at, n: p.events })),
    row ? el('p', { id: 'report-score', class: `zone-box zone-${row.zone}` },
      t('map.reportScore', { s: fmtNumber(row.score), z: t(`map.zone.${row.zone}`) })) : null,
    el('p', {}, t('map.colourNote')),
    province && kab.length ? el('section', { class: 'report-part' }, el('h2', {}, t('map.kabkotaOf', { p: p.name || code })),
      el('table', {}, el('thead', {}, el('tr', {}, ...['map.col.code', 'map.col.name', 'map.col.score', 'map.col.zone', 'map.col.events'].map((k) => el('th', { scope: 'col' }, t(k))))),
        el('tbody', {}, ...kab.map((r) => el('tr', {}, el('td', {}, r.code), el('th', { scope: 'row' }, r.name),
          el('td', { class: 'num' }, fmtNumber(r.score)), el('td', {}, t(`map.zone.${r.zone}`)), el('td', { class: 'num' }, fmtNumber(r.events))))))) : null,
    driverTable('rep-issues', t('map.drivers.issues'), p.issues),
    driverTable('rep-stages', t('map.drivers.stages'), p.stages),
    driverTable('rep-agencies', t('map.drivers.agencies'), p.agencies),
    driverTable('rep-positions', t('map.drivers.positions'), p.positions),
    el('p', { class: 'actions no-print' },
      el('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('map.print')), ' ',
      el('a', { href: `#/kasus?region=${encodeURIComponent(code)}` }, t('map.cases')))));
}
