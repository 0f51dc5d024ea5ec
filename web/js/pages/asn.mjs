// One civil servant (by NIP or NI PPPK): identity as recorded and every case across elections
// that the user's region or agency covers (GET /asn/{nip}): the acts with their form, the
// state, the sanction and its decree, and the repeat history. Cases outside the user's scope
// are only counted by the server, never shown. Reached from the accused of a case page and
// from the search box here (#/asn without a number).
import { t, fmtDate, fmtNumber } from '../i18n.mjs';
import { get } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { labeller, regionName } from '../labels.mjs';

/** The digits of a NIP as people write it (spaces, dots, dashes), or '' when not 18 digits. */
export function nipDigits(s) {
  const d = String(s || '').replace(/[\s.-]/g, '');
  return /^\d{18}$/.test(d) ? d : '';
}

function searchForm(ctx, value) {
  const input = el('input', { id: 'asn-q', name: 'nip', inputmode: 'numeric', autocomplete: 'off',
    maxlength: 30, value: value || '', 'aria-describedby': 'asn-q-hint asn-q-error', required: true });
  const err = el('p', { class: 'field-error', id: 'asn-q-error', 'aria-live': 'polite' });
  const form = el('form', { id: 'asn-search', role: 'search', 'aria-label': t('asn.search') },
    el('label', { for: 'asn-q' }, t('asn.search.label')),
    el('p', { class: 'hint', id: 'asn-q-hint' }, t('asn.search.hint')),
    input, err,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('asn.search.go'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const nip = nipDigits(input.value);
    if (!nip) {
      input.setAttribute('aria-invalid', 'true');
      err.textContent = t('asn.search.bad');
      input.focus();
      return;
    }
    ctx.navigate(`/asn/${nip}`);
  });
  return form;
}

export async function render(main, ctx) {
  const nip = ctx.params.nip;
  if (!nip) {
    main.append(el('h1', {}, t('asn.search')), el('p', {}, t('asn.search.intro')), searchForm(ctx, ''));
    main.querySelector('#asn-q').focus();
    return;
  }
  const label = await labeller();
  const heading = el('h1', {}, t('asn.title', { nip }));
  main.append(heading);
  let a;
  try {
    ({ data: a } = await get(`/asn/${encodeURIComponent(nip)}`));
  } catch (e) {
    main.append(errorBox(e), searchForm(ctx, nip));
    return;
  }
  heading.replaceChildren(a.name || a.nip, ' ', el('small', {}, t('asn.title', { nip: a.nip })));
  const cases = a.cases || [];
  main.append(el('dl', { class: 'dl panel', id: 'asn-identity' },
    el('dt', {}, t('asn.name')), el('dd', {}, a.name || '-'),
    el('dt', {}, 'NIP'), el('dd', {}, a.nip),
    el('dt', {}, t('asn.type')), el('dd', {}, t(`asn.type.${a.employee_type}`, {}, a.employee_type || '-')),
    el('dt', {}, t('asn.agency')), el('dd', {}, a.agency || '-'),
    el('dt', {}, t('asn.position')), el('dd', {}, a.position_class || '-'),
    el('dt', {}, t('case.region')), el('dd', {}, a.region ? await regionName(a.region) : '-'),
    el('dt', {}, 'PPK'), el('dd', {}, a.ppk || '-'),
    a.accounts ? el('dt', {}, t('asn.accounts')) : null, a.accounts ? el('dd', {}, a.accounts) : null));

  const elections = a.elections || [];
  main.append(el('p', { id: 'asn-summary' },
    t('asn.summary', { n: fmtNumber(cases.length), e: fmtNumber(elections.length), s: fmtNumber(a.sanctioned || 0) }), ' ',
    a.repeat ? el('span', { class: 'badge overdue' }, t('asn.repeat')) : ''));
  if ((a.forms || []).length) main.append(el('p', {}, t('asn.forms', { f: a.forms.join(', ') })));
  if (a.cases_elsewhere > 0) {
    main.append(el('p', { class: 'alert warn', id: 'asn-elsewhere' }, t('asn.elsewhere', { n: fmtNumber(a.cases_elsewhere) })));
  }

  main.append(el('h2', { id: 'asn-cases-h' }, t('asn.cases', { n: cases.length })),
    el('div', { class: 'table-wrap' }, el('table', { id: 'asn-cases', 'aria-labelledby': 'asn-cases-h' },
      el('thead', {}, el('tr', {}, ...['#', t('cases.col.title'), t('case.election'), t('case.acts'), t('cases.state'), t('asn.sanction'), t('case.opened')]
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...cases.map((c) => el('tr', { 'data-case': c.id },
        el('td', {}, String(c.id)),
        el('td', {}, el('a', { href: `#/kasus/${c.id}` }, c.title || `#${c.id}`)),
        el('td', {}, c.election || '-'),
        el('td', {}, el('ul', { class: 'plain' }, ...(c.acts || []).map((x) => el('li', {},
          `${fmtDate(x.date)} · ${x.type}`, x.form ? ` · ${t('case.form')} ${x.form}` : '', x.stage ? ` · ${x.stage}` : '')))),
        el('td', {}, label('state', c.state)),
        el('td', { class: 'sanction' }, c.sanction
          ? [c.sanction, c.decree ? el('br') : '', c.decree ? t('asn.decree', { sk: c.decree, d: c.decree_date ? fmtDate(c.decree_date) : '-' }) : '']
          : (c.terminal ? t('asn.noSanction') : t('asn.pending'))),
        el('td', {}, fmtDate(c.opened))))))));
  main.append(searchForm(ctx, ''));
}
