// One civil servant (by NIP or NI PPPK): identity as recorded and every case across elections.
import { t, fmtDate } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { labeller } from '../labels.mjs';

export async function render(main, ctx) {
  const nip = ctx.params.nip;
  const label = await labeller();
  main.append(el('h1', {}, t('asn.title', { nip })));
  try {
    const { data } = await get(`/asn/${encodeURIComponent(nip)}`);
    const a = data.asn || data;
    main.append(el('dl', { class: 'dl panel' },
      el('dt', {}, t('asn.name')), el('dd', {}, a.name || ''),
      el('dt', {}, t('asn.type')), el('dd', {}, a.employee_type || ''),
      el('dt', {}, t('asn.agency')), el('dd', {}, a.agency || ''),
      el('dt', {}, t('asn.position')), el('dd', {}, a.position_class || ''),
      el('dt', {}, 'PPK'), el('dd', {}, a.ppk || '')));
    const cases = data.cases || [];
    main.append(el('h2', {}, t('asn.cases', { n: cases.length })),
      el('div', { class: 'table-wrap' }, el('table', { id: 'asn-cases' },
        el('thead', {}, el('tr', {}, ...['#', t('cases.col.title'), t('case.election'), t('cases.state'), t('case.opened')].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...cases.map((c) => el('tr', {}, el('td', {}, String(c.id)),
          el('td', {}, el('a', { href: `#/kasus/${c.id}` }, c.title || '')), el('td', {}, c.election || ''),
          el('td', {}, label('state', c.state)), el('td', {}, fmtDate(c.opened))))))));
  } catch (e) {
    main.append(errorBox(e));
  }
}
