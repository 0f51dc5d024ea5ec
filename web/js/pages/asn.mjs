// One civil servant (by NIP or NI PPPK): identity as recorded and every case across elections
// that the user's region or agency covers (GET /asn/{nip}): the acts with their form, the
// state, the sanction and its decree, and the repeat history. Cases outside the user's scope
// are only counted by the server, never shown. Reached from the accused of a case page and
// from the search box here (#/asn without a number): a whole NIP opens the person's page, a
// name or the first digits of a NIP list the people found (GET /asn?q=, #/asn?q=...).
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
  const input = el('input', { id: 'asn-q', name: 'q', type: 'search', autocomplete: 'off',
    maxlength: 100, value: value || '', 'aria-describedby': 'asn-q-hint asn-q-error', required: true });
  const err = el('p', { class: 'field-error', id: 'asn-q-error', 'aria-live': 'polite' });
  const form = el('form', { id: 'asn-search', role: 'search', 'aria-label': t('asn.search') },
    el('label', { for: 'asn-q' }, t('asn.search.label')),
    el('p', { class: 'hint', id: 'asn-q-hint' }, t('asn.search.hint')),
    input, err,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('asn.search.go'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const nip = nipDigits(input.value);
    if (nip) {
      ctx.navigate(`/asn/${nip}`);
      return;
    }
    const q = input.value.trim();
    const digits = q.replace(/[\s.-]/g, '');
    // the server's rules, told before asking: words of 2 letters or more, or 4 digits or more
    const bad = /^\d+$/.test(digits) ? digits.length < 4 : !q.split(/[^\p{L}\p{N}'-]+/u).some((w) => w.length >= 2);
    if (bad) {
      input.setAttribute('aria-invalid', 'true');
      err.textContent = t('asn.search.bad');
      input.focus();
      return;
    }
    ctx.navigate(`/asn?q=${encodeURIComponent(q)}`);
  });
  return form;
}

/** The people a name or the first digits of a NIP find, within the user's region or agency. */
async function results(main, ctx, q) {
  main.append(el('h1', {}, t('asn.search')), searchForm(ctx, q));
  let r;
  try {
    ({ data: r } = await get(`/asn?q=${encodeURIComponent(q)}`));
  } catch (e) {
    main.append(errorBox(e));
    return;
  }
  const found = r.results || [];
  main.append(el('h2', { id: 'asn-found-h' }, t('asn.found', { n: fmtNumber(found.length), q })));
  if (!found.length) {
    main.append(el('p', { id: 'asn-none' }, t('asn.found.none')));
    return;
  }
  const regions = await Promise.all(found.map((a) => (a.region ? regionName(a.region) : '-')));
  main.append(el('div', { class: 'table-wrap' }, el('table', { id: 'asn-found', 'aria-labelledby': 'asn-found-h' },
    el('thead', {}, el('tr', {}, ...[t('asn.name'), 'NIP', t('asn.agency'), t('case.region'), t('asn.found.cases')]
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...found.map((a, i) => el('tr', { 'data-nip': a.nip },
      el('td', {}, el('a', { href: `#/asn/${a.nip}` }, a.name || a.nip)),
      el('td', {}, a.nip),
      el('td', {}, a.agency || '-'),
      el('td', {}, regions[i]),
      el('td', { class: 'num' }, fmtNumber(a.n_cases),
        a.cases_elsewhere > 0 ? el('small', {}, ' ', t('asn.found.elsewhere', { n: fmtNumber(a.cases_elsewhere) })) : '')))))));
  if (r.more) main.append(el('p', { class: 'alert warn', id: 'asn-more' }, t('asn.found.more')));
}

export async function render(main, ctx) {
  const nip = ctx.params.nip;
  if (!nip) {
    const q = (ctx.query && ctx.query.get('q')) || '';
    if (q) {
      await results(main, ctx, q);
      return;
    }
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
