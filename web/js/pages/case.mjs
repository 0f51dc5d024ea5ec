// One case: what it is, the accused ASN (with their history), acts with their form, every
// legal clock with its deadline and basis, the actions the user's role may take now (the
// server's `allowed` list, nothing else), evidence with hashes, and the audit timeline.
// An action is sent with If-Match: the ETag (version) the page was drawn from; a 412 means
// someone else changed the case meanwhile: the page says so and offers a reload, it never
// overwrites.
import { t, fmtDate, loc } from '../i18n.mjs';
import { get, request } from '../api.mjs';
import { el, errorBox, PAGES, pageAvailable } from '../app.mjs';
import { labeller, regionName, stageLabeller } from '../labels.mjs';

function allowedList(c) {
  const a = c.allowed_actions ?? c.allowed;
  if (Array.isArray(a)) return a.map((x) => (typeof x === 'string' ? x : x.action));
  return String(a || '').split(',').map((x) => x.trim()).filter(Boolean);
}

/**
 * The actions of the case's allowed list that the user's role may take, by the transitions
 * of the workflow data (a transition's `roles` names roles or role groups). The server
 * checks again; this only keeps buttons the user could not use off the page.
 */
export function actionsForRole(allowed, transitions, roles, c, role) {
  const group = (roles.find((r) => (r.id ?? r.role) === role) || {}).group || '';
  return allowed.filter((a) => transitions.some((x) => x.action === a && x.from === c.state
    && (x.regime === 'any' || x.regime === c.regime)
    && String(x.roles || '').split(',').map((r) => r.trim()).some((r) => r === role || (group && r === group))));
}

/** Fields an action requires, from the workflow's transitions (data/workflow/transitions.tsv). */
function requiredFields(label, c, action) {
  const row = label.transitions.find((x) => x.action === action && x.from === c.state
    && (x.regime === 'any' || x.regime === c.regime));
  const req = row && (row.requires || row.fields);
  if (Array.isArray(req)) return req;
  return String(req || '').split(',').map((s) => s.trim()).filter((s) => s && s !== '-');
}

export async function render(main, ctx) {
  const id = ctx.params.id;
  const [label, stage] = await Promise.all([labeller(), stageLabeller()]);
  let data;
  let etag;
  try {
    ({ data, etag } = await get(`/cases/${encodeURIComponent(id)}`));
  } catch (e) {
    main.append(el('h1', {}, t('case.title', { id })), errorBox(e));
    return;
  }
  const c = data;
  // Timeline and clocks come with the case or from their own routes.
  const extra = await Promise.all([
    c.timeline ? null : get(`/cases/${encodeURIComponent(id)}/timeline`).then((x) => x.data.timeline).catch(() => null),
    c.clocks ? null : get(`/cases/${encodeURIComponent(id)}/clocks`).then((x) => x.data.clocks).catch(() => null),
    c.evidence || !ctx.state.routes.has('get /cases/{}/evidence') ? null
      : get(`/cases/${encodeURIComponent(id)}/evidence`).then((x) => x.data).catch(() => null),
  ]);
  if (extra[0]) c.timeline = extra[0];
  if (extra[1]) c.clocks = extra[1];
  if (extra[2]) { c.evidence = extra[2].evidence; c.evidence_total = extra[2].total; }
  main.append(el('h1', {}, t('case.title', { id: c.id }), ' ', el('small', {}, c.title || '')));
  main.append(el('dl', { class: 'dl panel' },
    el('dt', {}, t('cases.state')), el('dd', { id: 'case-state' }, label('state', c.state), c.state_basis ? el('small', {}, ` (${c.state_basis})`) : ''),
    el('dt', {}, t('cases.kind')), el('dd', {}, t(`kind.${c.kind}`, {}, c.kind)),
    el('dt', {}, t('case.regime')), el('dd', {}, t(`regime.${c.regime}`, {}, c.regime), c.election ? ` · ${c.election}` : ''),
    el('dt', {}, t('case.region')), el('dd', {}, c.region ? await regionName(c.region) : t('dash.national')),
    el('dt', {}, t('case.holder')), el('dd', {}, label('role', c.holder)),
    el('dt', {}, t('case.opened')), el('dd', {}, fmtDate(c.opened)),
    el('dt', {}, t('case.version')), el('dd', {}, String(c.version))));
  if (c.kedaluwarsa) main.append(el('p', { class: 'alert warn' }, t('case.expired')));
  // The accused's PPK runs in the case's election: the recommendation goes to the next authority.
  const coi = c.conflict_of_interest;
  if (coi) {
    const office = (base, region) => `${loc(coi, base) || ''}${region ? ` ${region}` : ''}`.trim();
    main.append(el('div', { class: 'alert warn', id: 'case-conflict', role: 'note' },
      el('strong', {}, t('case.coi.title')), ' ',
      t(coi.reason === 'petahana' ? 'case.coi.incumbent' : 'case.coi.holder', {
        nip: coi.nip, ppk: office('ppk_label', coi.ppk_region) || coi.ppk,
        name: coi.contestant_name || coi.ppk_name || '-', n: coi.contestant, election: coi.election,
      }), ' ',
      t('case.coi.route', { to: office('route_label', coi.route_region) || coi.route_to }),
      coi.route_basis ? el('small', { class: 'coi-basis' }, ` ${t(coi.route_netra_default ? 'case.coi.default' : 'case.coi.basis')}: ${coi.route_basis}`) : ''));
  }

  // Actions the server says this user may take now.
  const me = ctx.state.me || {};
  // Merging and its undo have their own section (duplicates) with a preview and a confirm.
  const mayMerge = (a) => actionsForRole(allowedList(c), label.transitions, label.roles, c, me.role).includes(a);
  const actions = actionsForRole(allowedList(c), label.transitions, label.roles, c, me.role)
    .filter((a) => a !== 'gabungkan' && a !== 'pisahkan');
  const actBox = el('section', { 'aria-labelledby': 'act-h', class: 'panel' }, el('h2', { id: 'act-h' }, t('case.actions')));
  const actStatus = el('div', { id: 'action-status', 'aria-live': 'assertive' });
  if (!actions.length) actBox.append(el('p', {}, t('case.noActions')));
  const actForm = el('form', { id: 'action-form', hidden: true });
  actBox.append(el('div', { class: 'actions' }, ...actions.map((a) => el('button', {
    type: 'button', class: 'secondary', 'data-action': a,
    onclick: () => openAction(a),
  }, label('action', a)))), actForm, actStatus);
  main.append(actBox);

  function openAction(a) {
    const fields = requiredFields(label, c, a);
    actForm.replaceChildren(el('h3', {}, label('action', a)),
      ...fields.map((f) => el('div', {}, el('label', { for: `af-${f}` }, t(`field.${f}`, {}, f)),
        f.startsWith('tanggal_')
          ? el('input', { id: `af-${f}`, name: f, required: true, type: 'date' })
          : el('textarea', { id: `af-${f}`, name: f, required: true, rows: 2, maxlength: 4000 }))),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('case.do', { action: label('action', a) })),
        el('button', { type: 'button', class: 'secondary', onclick: () => { actForm.hidden = true; } }, t('case.cancel'))));
    actForm.dataset.action = a;
    actForm.hidden = false;
    (actForm.querySelector('input, textarea') || actForm).focus();
  }
  actForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fd = new FormData(actForm);
    const fields = {};
    for (const [k, v] of fd.entries()) if (String(v).trim()) fields[k] = String(v).trim();
    actStatus.replaceChildren();
    try {
      await request('POST', `/cases/${encodeURIComponent(c.id)}/actions`, {
        ifMatch: etag, body: { action: actForm.dataset.action, fields },
      });
      ctx.navigate(`/kasus/${c.id}`);
    } catch (e) {
      if (e.status === 412 || (e.status === 409 && e.code === 'conflict')) {
        actStatus.append(el('div', { class: 'alert warn', role: 'alert', id: 'stale-warning' },
          el('p', {}, el('strong', {}, t('case.stale.title'))), el('p', {}, t('case.stale.body')),
          el('button', { type: 'button', onclick: () => ctx.navigate(`/kasus/${c.id}`) }, t('case.stale.reload'))));
        actStatus.querySelector('button').focus();
      } else actStatus.append(errorBox(e));
    }
  });

  // Accused ASN (a link to their page when the server offers it) and acts.
  const asnPage = pageAvailable(PAGES.find((p) => p.mod === 'asn'));
  main.append(el('section', { 'aria-labelledby': 'acc-h' }, el('h2', { id: 'acc-h' }, t('case.accused')),
    (c.accused || []).length ? el('ul', { id: 'accused-list' }, ...(c.accused || []).map((a) => el('li', {},
      a.nip && asnPage ? el('a', { href: `#/asn/${encodeURIComponent(a.nip)}` }, a.name || a.nip) : (a.name || ''),
      ` · ${a.nip || t('case.noNip')} · ${a.agency || ''} · ${a.position || a.position_class || ''} · PPK: ${a.ppk || '-'} `,
      (a.n_cases ?? a.cases) > 1 ? el('span', { class: 'badge overdue' }, t('case.repeat', { n: a.n_cases ?? a.cases })) : '')))
      : el('p', {}, t('case.noAccused')),
    accusedForm(c, etag, ctx, actionsForRole(allowedList(c), label.transitions, label.roles, c, me.role).length > 0)));
  main.append(el('section', { 'aria-labelledby': 'acts-h' }, el('h2', { id: 'acts-h' }, t('case.acts')),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, ...[t('case.act'), t('case.date'), t('case.stage'), t('case.form'), t('case.url')].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...(c.acts || []).map((a) => el('tr', {}, el('td', {}, a.type), el('td', {}, fmtDate(a.date)),
        el('td', {}, a.stage ? stage(a.stage, a.election) : ''), el('td', {}, a.form || ''), el('td', {}, a.url || ''))))))));

  if (ctx.state.routes.has('get /cases/{}/duplicates')) {
    main.append(await duplicatesSection(c, etag, ctx, mayMerge, label));
  }

  // Clocks.
  main.append(el('section', { 'aria-labelledby': 'clk-h' }, el('h2', { id: 'clk-h' }, t('case.clocks')),
    el('div', { class: 'table-wrap' }, el('table', { id: 'clocks' },
      el('thead', {}, el('tr', {}, ...[t('case.clock'), t('case.started'), t('clock.deadline'), t('case.clockState'), t('case.basis')].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...[...(c.clocks || [])].sort((a, b) => (b.overdue && b.running) - (a.overdue && a.running)).map((k) => el('tr', {},
        el('td', {}, label('clock', k.clock)), el('td', {}, fmtDate(k.started)),
        el('td', { class: k.overdue && k.running ? 'overdue' : '' }, fmtDate(k.deadline), k.extended ? ` (${t('case.extended')})` : ''),
        el('td', {}, k.running ? (k.overdue ? t('clock.overdue') + ((k.escalates_to ?? k.escalate_to) ? ` → ${label('role', k.escalates_to ?? k.escalate_to)}` : '') : t('clock.running')) : t('clock.stopped')),
        el('td', {}, el('small', {}, k.basis || '')))))))));

  // Evidence upload (raw body, the server checks the type by the first bytes, stores it once
  // by SHA-256 and writes custody and audit entries); the hash is shown when it is stored.
  if (ctx.state.routes.has('post /cases/{}/evidence')) {
    const kinds = ['tangkapan_layar', 'foto', 'video', 'dokumen', 'teks'];
    const up = el('form', { id: 'evidence-form', class: 'panel' },
      el('h2', { id: 'up-h' }, t('case.upload')),
      el('label', { for: 'ev-kind' }, t('case.upload.kind')),
      el('select', { id: 'ev-kind', name: 'kind' }, ...kinds.map((k) => el('option', { value: k }, t(`evidence.${k}`)))),
      el('label', { for: 'ev-url' }, t('case.upload.url')),
      el('input', { id: 'ev-url', name: 'url', type: 'url', maxlength: 2000 }),
      el('label', { for: 'ev-file' }, t('case.upload.file')),
      el('p', { class: 'hint', id: 'ev-file-hint' }, t('case.upload.hint')),
      el('input', { id: 'ev-file', name: 'file', type: 'file', required: true, 'aria-describedby': 'ev-file-hint',
        accept: 'image/jpeg,image/png,image/webp,application/pdf,video/mp4,text/plain' }),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('case.upload.send'))),
      el('div', { id: 'evidence-status', 'aria-live': 'polite' }));
    up.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const st = up.querySelector('#evidence-status');
      const file = up.querySelector('#ev-file').files[0];
      st.replaceChildren();
      if (!file) { up.querySelector('#ev-file').focus(); return; }
      const kind = up.querySelector('#ev-kind').value;
      const url = up.querySelector('#ev-url').value.trim();
      try {
        const { data } = await request('POST', `/cases/${encodeURIComponent(c.id)}/evidence?${new URLSearchParams(url ? { kind, url } : { kind })}`, { body: file });
        st.append(el('p', { class: 'alert ok', id: 'evidence-stored' }, t('case.upload.done', { name: file.name }), ' ',
          el('span', { class: 'hash' }, `sha256:${data.sha256}`)));
        up.querySelector('#ev-file').value = '';
      } catch (e) {
        st.append(errorBox(e));
      }
    });
    main.append(up);
  }

  // Evidence, when the server gives it with the case.
  const ev = c.evidence || [];
  if (Array.isArray(c.evidence)) main.append(el('section', { 'aria-labelledby': 'ev-h' }, el('h2', { id: 'ev-h' }, t('case.evidence')),
    ev.length ? el('ul', { id: 'evidence-list' }, ...ev.map((x) => el('li', { class: 'evidence' },
      `${x.kind || x.media_type || ''} `, x.media_type ? el('small', {}, `(${x.media_type}${x.bytes != null ? `, ${t('case.evidenceBytes', { n: x.bytes })}` : ''}) `) : '',
      x.url ? el('span', { class: 'ev-url' }, `${x.url} `) : '',
      el('span', { class: 'hash' }, `sha256:${x.sha256 || x.hash || ''}`),
      x.captured_by ? ` · ${t('case.custody', { who: x.captured_by, at: fmtDate(x.captured_at || x.at, true) })}` : '',
      Array.isArray(x.custody) && x.custody.length ? el('details', { class: 'custody' },
        el('summary', {}, t('case.custodyChain', { n: x.custody.length })),
        el('ol', {}, ...x.custody.map((k) => el('li', {},
          el('time', { datetime: k.at }, fmtDate(k.at, true)), ' · ', k.action, ' · ', k.actor, k.note ? ` · ${k.note}` : '')))) : '')))
      : el('p', {}, t('case.noEvidence')),
    c.evidence_total > ev.length ? el('p', {}, t('case.evidenceMore', { n: c.evidence_total - ev.length })) : ''));

  // Audit timeline.
  main.append(el('section', { 'aria-labelledby': 'tl-h' }, el('h2', { id: 'tl-h' }, t('case.timeline')),
    el('ol', { class: 'timeline', id: 'timeline' }, ...(c.timeline || []).map((e) => el('li', {},
      el('time', { datetime: e.at }, fmtDate(e.at, true)), ' · ', label('action', e.action), ' · ', e.actor,
      e.seq ? el('small', {}, ` (${t('case.auditSeq', { n: e.seq })})`) : '')))));
}

const REASONS = ['asn_act_date', 'url', 'text'];

/**
 * Duplicate suggestions (GET /cases/{id}/duplicates: only cases the user sees), the merges
 * this case holds or is part of, a merge preview with a confirm, and the undo. A merge is
 * sent with If-Match (this page's ETag) and both versions as read; a 412 means one of the
 * two cases changed meanwhile, and nothing is merged.
 */
async function duplicatesSection(c, etag, ctx, mayMerge, label) {
  const box = el('section', { 'aria-labelledby': 'dup-h', class: 'panel', id: 'duplicates' },
    el('h2', { id: 'dup-h' }, t('dup.title')));
  const status = el('div', { id: 'dup-status', 'aria-live': 'assertive' });
  let d;
  try {
    ({ data: d } = await get(`/cases/${encodeURIComponent(c.id)}/duplicates`));
  } catch (e) {
    box.append(errorBox(e));
    return box;
  }
  const reload = () => ctx.navigate(`/kasus/${c.id}`);
  const fail = (e) => {
    status.replaceChildren();
    if (e.status === 412) {
      status.append(el('div', { class: 'alert warn', role: 'alert', id: 'dup-stale' },
        el('p', {}, el('strong', {}, t('case.stale.title'))), el('p', {}, t('dup.stale')),
        el('button', { type: 'button', onclick: reload }, t('case.stale.reload'))));
      status.querySelector('button').focus();
    } else status.append(errorBox(e));
  };
  async function undo(source, version) {
    status.replaceChildren();
    try {
      await request('POST', `/cases/${encodeURIComponent(source)}/unmerge`, { ifMatch: `"v${version}"` });
      sessionStorage.setItem('netra.flash', t('dup.undone', { b: source }));
      reload();
    } catch (e) { fail(e); }
  }

  // This case went into another one: say so, and offer the undo.
  const merges = d.merges || [];
  if (d.merged_into) {
    box.append(el('p', { class: 'alert warn', id: 'merged-into' },
      t('dup.mergedInto', { a: d.merged_into }), ' ',
      el('a', { href: `#/kasus/${d.merged_into}` }, t('dup.open', { id: d.merged_into }))));
    if (mayMerge('pisahkan')) {
      box.append(el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', id: 'unmerge-self',
        onclick: () => undo(c.id, c.version) }, t('dup.undo', { b: c.id }))));
    }
  }
  // Merges this case holds (in force first) and their history.
  const held = merges.filter((m) => m.target === c.id);
  if (held.length) {
    box.append(el('h3', {}, t('dup.held')), el('ul', { id: 'merges' }, ...held.map((m) => el('li', { 'data-merge': m.merge },
      m.undone ? t('dup.heldUndone', { b: m.source, who: m.actor, at: fmtDate(m.at, true), undone: fmtDate(m.undone_at, true) })
        : t('dup.heldLive', { b: m.source, who: m.actor, at: fmtDate(m.at, true), acts: m.moved.acts, accused: m.moved.accused, evidence: m.moved.evidence, clocks: m.moved.clocks_stopped }),
      m.source_title ? ` (${m.source_title}) ` : ' ',
      !m.undone && m.source_version && mayMerge('pisahkan')
        ? el('button', { type: 'button', class: 'secondary', 'data-undo': m.source, onclick: () => undo(m.source, m.source_version) }, t('dup.undo', { b: m.source }))
        : ''))));
  }

  const list = d.duplicates || [];
  box.append(el('h3', {}, t('dup.suggested')));
  if (!list.length) box.append(el('p', { id: 'dup-none' }, t('dup.none')));
  const preview = el('div', { id: 'merge-preview', hidden: true, tabindex: '-1', role: 'region', 'aria-labelledby': 'mp-h' });
  box.append(el('ul', { id: 'dup-list' }, ...list.map((x) => el('li', { 'data-dup': x.id },
    el('a', { href: `#/kasus/${x.id}` }, `#${x.id} ${x.title || ''}`), ` · ${label('state', x.state)}`,
    el('ul', {}, ...(x.reasons || []).map((r) => el('li', {},
      REASONS.includes(r.reason) ? t(`dup.reason.${r.reason}`) : r.reason, ': ', el('span', { class: 'hash' }, r.detail))))
    , !d.merged_into && mayMerge('gabungkan')
      ? el('button', { type: 'button', class: 'secondary', 'data-preview': x.id, onclick: () => showPreview(x.id) }, t('dup.preview', { b: x.id }))
      : ''))), preview, status);

  // The preview: both cases side by side, what moves, what stops; nothing changes until the
  // confirm.
  async function showPreview(other) {
    status.replaceChildren();
    let o;
    try {
      ({ data: o } = await get(`/cases/${encodeURIComponent(other)}`));
    } catch (e) { fail(e); return; }
    const row = (k, a, b) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, a), el('td', {}, b));
    const names = (x) => (x.accused || []).map((p) => `${p.name} (${p.nip || '-'})`).join('; ') || '-';
    const acts = (x) => (x.acts || []).map((p) => `${p.type} ${p.date}${p.form ? ` ${p.form}` : ''}`).join('; ') || '-';
    preview.replaceChildren(
      el('h3', { id: 'mp-h' }, t('dup.previewTitle', { a: c.id, b: o.id })),
      el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, t('dup.kept', { id: c.id })), el('th', { scope: 'col' }, t('dup.merged', { id: o.id })))),
        el('tbody', {},
          row(t('cases.col.title'), c.title || '', o.title || ''),
          row(t('cases.state'), label('state', c.state), label('state', o.state)),
          row(t('cases.kind'), t(`kind.${c.kind}`, {}, c.kind), t(`kind.${o.kind}`, {}, o.kind)),
          row(t('case.version'), String(c.version), String(o.version)),
          row(t('case.accused'), names(c), names(o)),
          row(t('case.acts'), acts(c), acts(o))))),
      el('p', {}, t('dup.effect', { a: c.id, b: o.id })),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'merge-confirm', onclick: () => confirm(o) }, t('dup.confirm', { b: o.id })),
        el('button', { type: 'button', class: 'secondary', onclick: () => { preview.hidden = true; } }, t('case.cancel'))));
    preview.hidden = false;
    preview.focus();
  }
  async function confirm(o) {
    status.replaceChildren();
    try {
      await request('POST', `/cases/${encodeURIComponent(c.id)}/merge`, {
        ifMatch: etag, body: { source: o.id, target_version: c.version, source_version: o.version },
      });
      sessionStorage.setItem('netra.flash', t('dup.done', { a: c.id, b: o.id }));
      reload();
    } catch (e) { fail(e); }
  }
  // What the last merge or undo did, said once after the reload.
  const flash = sessionStorage.getItem('netra.flash');
  if (flash) {
    sessionStorage.removeItem('netra.flash');
    status.append(el('p', { class: 'alert ok', id: 'dup-done' }, flash));
  }
  return box;
}

/**
 * Recording an accused civil servant by NIP (POST /cases/{id}/accused, with If-Match): part
 * of the kajian awal, for the office handling the case now (the server checks again).
 */
function accusedForm(c, etag, ctx, handles) {
  if (!handles || !ctx.state.routes.has('post /cases/{}/accused')) return null;
  const input = (id, key, attrs = {}) => el('div', {}, el('label', { for: id }, t(key)), el('input', { id, ...attrs }));
  const status = el('div', { id: 'accused-status', 'aria-live': 'assertive' });
  const form = el('form', { id: 'accused-form', class: 'panel' },
    el('h3', {}, t('case.accused.add')),
    el('p', { class: 'hint' }, t('case.accused.hint')),
    el('div', { class: 'cards' },
      input('acc-nip', 'case.accused.nip', { name: 'nip', required: true, inputmode: 'numeric', maxlength: 30, autocomplete: 'off' }),
      input('acc-name', 'asn.name', { name: 'name', required: true, maxlength: 95 }),
      input('acc-agency', 'asn.agency', { name: 'agency', maxlength: 95 }),
      input('acc-position', 'asn.position', { name: 'position_class', maxlength: 31 }),
      input('acc-ppk', 'case.accused.ppk', { name: 'ppk', maxlength: 95 })),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('case.accused.save'))), status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    const body = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) body[k] = String(v).trim();
    try {
      await request('POST', `/cases/${encodeURIComponent(c.id)}/accused`, { ifMatch: etag, body });
      ctx.navigate(`/kasus/${c.id}`);
    } catch (e) {
      if (e.status === 412) {
        status.append(el('div', { class: 'alert warn', role: 'alert' }, el('p', {}, t('case.stale.title')),
          el('button', { type: 'button', onclick: () => ctx.navigate(`/kasus/${c.id}`) }, t('case.stale.reload'))));
      } else status.append(errorBox(e));
    }
  });
  return form;
}
