// Public report form (no login). Mobile first, works on a slow phone: one column, native
// controls, only this module and the shell loaded. Explains what the law requires for a
// report to be registered (UU 7/2017 Pasal 454; Perbawaslu 7/2022 Pasal 8, 15; UU 1/2015
// Pasal 134) and ends with the receipt code.
import { t } from '../i18n.mjs';
import { get, post, request } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { checkReport, FILE_TYPES } from '../report-check.mjs';


function lawPanel() {
  return el('aside', { class: 'panel law', 'aria-labelledby': 'law-h' },
    el('h2', { id: 'law-h' }, t('report.law.title')),
    el('p', {}, t('report.law.intro')),
    el('ul', {},
      el('li', {}, t('report.law.who')),
      el('li', {}, t('report.law.content')),
      el('li', {}, t('report.law.deadline')),
      el('li', {}, t('report.law.formal')),
      el('li', {}, t('report.law.incomplete')),
      el('li', {}, t('report.law.anonymous'))),
    el('p', { class: 'hint' }, t('report.law.basis')));
}

function field(id, labelKey, control, hintKey) {
  const hint = hintKey ? el('p', { class: 'hint', id: `${id}-hint` }, t(hintKey)) : null;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, t(labelKey)), hint, control,
    el('p', { class: 'field-error', id: `${id}-err`, hidden: true }));
}

/**
 * Region picker: a tolerant search (GET /regions?q=, "kab bandung", "Jabar", a code) and then
 * a step down through the children (GET /regions/{code}) to the kab/kota and kecamatan.
 */
function regionPicker() {
  const q = el('input', { name: 'region_q', maxlength: 100, autocomplete: 'off', type: 'search' });
  const found = el('select', { name: 'region_found', hidden: true });
  const child = el('select', { name: 'region_child', hidden: true });
  const chosen = el('p', { class: 'hint', id: 'region-chosen', 'aria-live': 'polite' });
  const msg = el('div');
  let value = '';
  let path = [];
  function show() {
    chosen.textContent = value ? t('report.region.chosen', { region: path.join(', ') }) : t('report.region.none');
  }
  async function pick(code, name, keepPath) {
    value = code;
    path = keepPath ? [...keepPath, name] : [name];
    show();
    child.hidden = true;
    child.replaceChildren();
    if (!code) return;
    try {
      const { data } = await get(`/regions/${encodeURIComponent(code)}`);
      if (!keepPath && data.parent) path = [data.name];
      const kids = data.children || [];
      if (kids.length) {
        child.append(el('option', { value: '' }, t(`report.region.child.${data.level}`, {}, t('report.region.child'))),
          ...kids.map((k) => el('option', { value: k.code }, k.name)));
        child.hidden = false;
      }
    } catch (e) {
      msg.replaceChildren(errorBox(e));
    }
  }
  async function search() {
    msg.replaceChildren();
    const text = q.value.trim();
    if (!text) return;
    try {
      const { data } = await get('/regions', { q: text });
      const list = data.regions || [];
      found.replaceChildren(el('option', { value: '' }, t('report.region.results', { n: list.length })),
        ...list.map((r) => el('option', { value: r.code }, `${r.name} (${r.kind || r.level}, ${r.code})`)));
      found.hidden = false;
      if (list.length === 1) { found.value = list[0].code; pick(list[0].code, list[0].name); }
      found.focus();
    } catch (e) {
      msg.replaceChildren(errorBox(e));
    }
  }
  q.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); search(); } });
  found.addEventListener('change', () => {
    const o = found.selectedOptions[0];
    pick(found.value, o ? o.textContent.replace(/ \(.*\)$/, '') : '');
  });
  child.addEventListener('change', () => {
    const o = child.selectedOptions[0];
    if (child.value) pick(child.value, o.textContent, path);
  });
  q.id = 'region-q';
  found.id = 'region-found';
  child.id = 'region-child';
  found.setAttribute('aria-label', t('report.region.found'));
  child.setAttribute('aria-label', t('report.region.child'));
  show();
  const box = el('fieldset', {}, el('legend', {}, t('report.where')),
    el('label', { for: 'region-q' }, t('report.region.search')),
    el('p', { class: 'hint', id: 'region-q-hint' }, t('report.region.hint')),
    el('div', { class: 'actions' }, q, el('button', { type: 'button', class: 'secondary', onclick: search }, t('report.region.find'))),
    found, child, chosen, msg);
  q.setAttribute('aria-describedby', 'region-q-hint region-chosen');
  box.value = () => value;
  return box;
}

function showFieldError(form, name, message) {
  const input = form.querySelector(`[name="${name}"]`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  const err = form.querySelector(`#${input.id}-err`);
  if (err) {
    err.textContent = message;
    err.hidden = false;
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${err.id}`.trim());
  }
  input.focus();
  return true;
}

export async function render(main) {
  const region = regionPicker();
  const anon = el('input', { type: 'checkbox', name: 'anonymous', id: 'anonymous' });
  const who = el('fieldset', { id: 'reporter' }, el('legend', {}, t('report.you')),
    field('reporter-kind', 'report.kind', el('select', { name: 'reporter_kind' },
      ...['pemilih', 'pemantau', 'peserta'].map((k) => el('option', { value: k }, t(`report.kind.${k}`))))),
    field('reporter-name', 'report.name', el('input', { name: 'reporter_name', autocomplete: 'name', maxlength: 200 })),
    field('reporter-address', 'report.address', el('textarea', { name: 'reporter_address', autocomplete: 'street-address', maxlength: 500, rows: 2 })),
    field('reporter-contact', 'report.contact', el('input', { name: 'reporter_contact', autocomplete: 'tel', maxlength: 200 }), 'report.contact.hint'));
  anon.addEventListener('change', () => {
    who.disabled = anon.checked;
    who.hidden = anon.checked;
  });
  const form = el('form', { class: 'form-narrow', novalidate: true },
    el('fieldset', {}, el('legend', {}, t('report.what')),
      field('regime', 'report.regime', el('select', { name: 'regime' },
        ...['pemilu', 'pilkada'].map((k) => el('option', { value: k }, t(`report.regime.${k}`)))), 'report.regime.hint'),
      field('description', 'report.description', el('textarea', { name: 'description', required: true, maxlength: 8000, rows: 6 }), 'report.description.hint'),
      field('occurred-on', 'report.when', el('input', { type: 'date', name: 'occurred_on', required: true })),
      field('known-on', 'report.known', el('input', { type: 'date', name: 'known_on' }), 'report.known.hint'),
      field('place', 'report.place', el('input', { name: 'place', maxlength: 300 }), 'report.place.hint')),
    region,
    el('fieldset', {}, el('legend', {}, t('report.who')),
      field('accused-name', 'report.accused.name', el('input', { name: 'accused_name', maxlength: 200 })),
      field('accused-agency', 'report.accused.agency', el('input', { name: 'accused_agency', maxlength: 200 })),
      field('accused-position', 'report.accused.position', el('input', { name: 'accused_position', maxlength: 200 })),
      field('accused-nip', 'report.accused.nip', el('input', { name: 'accused_nip', inputmode: 'numeric', maxlength: 18 }), 'report.accused.nip.hint')),
    el('fieldset', {}, el('legend', {}, t('report.evidence')),
      field('links', 'report.links', el('textarea', { name: 'links', rows: 3, maxlength: 4000 }), 'report.links.hint'),
      field('files', 'report.files', el('input', { type: 'file', name: 'files', multiple: true, accept: FILE_TYPES.join(',') }),
        'report.files.hint')),
    el('div', { class: 'field' }, el('label', { class: 'choice', for: 'anonymous' }, anon, t('report.anonymous')),
      el('p', { class: 'hint' }, t('report.anonymous.hint'))),
    who,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('report.submit'))),
    el('div', { id: 'report-status', role: 'status', 'aria-live': 'polite' }));

  main.append(el('h1', {}, t('report.title')), el('p', {}, t('report.lead')), lawPanel(), form);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach((n) => { n.hidden = true; });
    const status = form.querySelector('#report-status');
    status.replaceChildren();
    const fd = new FormData(form);
    const v = {
      anonymous: anon.checked,
      reporter_kind: anon.checked ? '' : String(fd.get('reporter_kind') || ''),
      reporter_name: anon.checked ? '' : String(fd.get('reporter_name') || ''),
      reporter_address: anon.checked ? '' : String(fd.get('reporter_address') || ''),
      reporter_contact: anon.checked ? '' : String(fd.get('reporter_contact') || ''),
      description: String(fd.get('description') || ''),
      occurred_on: String(fd.get('occurred_on') || ''),
      known_on: String(fd.get('known_on') || ''),
      place: String(fd.get('place') || ''),
      region_code: region.value(),
      accused_name: String(fd.get('accused_name') || ''),
      accused_agency: String(fd.get('accused_agency') || ''),
      accused_position: String(fd.get('accused_position') || ''),
      accused_nip: String(fd.get('accused_nip') || '').trim(),
      links: String(fd.get('links') || '').split(/\s+/).filter(Boolean),
    };
    const files = [...form.querySelector('[name="files"]').files];
    const bad = checkReport(v, files);
    if (bad) {
      showFieldError(form, bad[0], t(bad[1], bad[2]));
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = t('report.sending');
    try {
      // netrad's report (POST /api/v1/reports): the form's fields in the API's names
      const joined = (...xs) => xs.map((x) => x.trim()).filter(Boolean).join(', ');
      const links = v.links.length ? `\n\nTautan: ${v.links.join(' ')}` : '';
      const payload = {
        regime: String(fd.get('regime') || ''),
        what: v.description + links,
        when: v.occurred_on,
        known: v.known_on,
        where: v.place,
        region: v.region_code,
        accused: joined(v.accused_name, v.accused_agency, v.accused_position, v.accused_nip ? `NIP ${v.accused_nip}` : ''),
      };
      if (!v.anonymous) {
        payload.reporter = joined(v.reporter_name, v.reporter_address);
        payload.eligibility = v.reporter_kind;
        if (v.reporter_contact.trim()) payload.contact = v.reporter_contact.trim();
      }
      for (const k of Object.keys(payload)) if (payload[k] === '') delete payload[k];
      const { data } = await post('/reports', payload);
      const receipt = data.receipt;
      sessionStorage.setItem('netra.receipt', receipt); // for the status page, this tab only
      for (let i = 0; i < files.length; i++) {
        status.textContent = t('report.uploading', { i: i + 1, n: files.length });
        // the raw file: netrad accepts it by its first bytes, never by its name
        await request('POST', `/receipts/${encodeURIComponent(receipt)}/evidence`,
          { body: files[i] });
      }
      main.replaceChildren(...[
        el('h1', {}, t('report.done.title')),
        el('p', {}, t('report.done.lead')),
        el('p', {}, el('output', { class: 'receipt', id: 'receipt-code' }, receipt)),
        el('p', { class: 'alert warn' }, t('report.done.keep')),
        data.status_text ? el('p', {}, data.status_text) : null,
        el('p', {}, el('a', { href: '#/status' }, t('report.done.check'))),
      ].filter(Boolean));
      main.focus();
    } catch (e) {
      button.disabled = false;
      status.replaceChildren();
      if (!(e.field && showFieldError(form, e.field, e.message))) status.append(errorBox(e));
    }
  });
}
