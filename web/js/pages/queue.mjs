// Review queue of detector verdicts, keyboard-driven: j / k move, c confirms (a temuan with
// the item as evidence), d dismisses with a reason, s marks for a second look. Selecting an
// entry claims it (a lease); an entry someone else holds is shown as such and cannot be
// decided here. Evidence spans are UTF-8 byte ranges, highlighted by highlight.mjs.
import { t, loc, fmtDate } from '../i18n.mjs';
import { get, post } from '../api.mjs';
import { el, errorBox } from '../app.mjs';
import { renderHighlighted } from '../highlight.mjs';

/** Who holds an entry's claim: the API's `claim.by`, '' when nobody. */
export function holderOf(e) {
  return (e && e.claim && e.claim.by) || (e && e.claimed_by) || '';
}

function parse(v) {
  if (v && typeof v === 'object') return v;
  try { return JSON.parse(v || '{}'); } catch { return {}; }
}

/** The item's text fields with the spans that point into each. */
export function fieldsWithSpans(item, verdict) {
  const spans = new Map();
  const add = (s) => {
    if (!s || !s.field) return;
    if (!spans.has(s.field)) spans.set(s.field, []);
    spans.get(s.field).push(s);
  };
  for (const c of verdict.contestants || []) (c.evidence || []).forEach(add);
  ((verdict.asn && verdict.asn.reasons) || []).forEach(add);
  const value = (path) => path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), item);
  const order = ['text', 'target.text', 'target.author', 'author.bio', 'author.name', 'author.handle'];
  const fields = [...new Set([...order.filter((f) => spans.has(f) || f === 'text'), ...spans.keys()])];
  return fields.map((f) => ({ field: f, text: value(f), spans: spans.get(f) || [] }))
    .filter((x) => typeof x.text === 'string' && x.text.length);
}

export async function render(main, ctx) {
  const me = ctx.state.me || {};
  let reasons = [];
  try { reasons = ((await get('/queue/reasons')).data.reasons) || []; } catch { reasons = []; }
  const stateSel = el('select', { id: 'q-state' },
    ...['baru', 'tinjau_ulang', 'dikonfirmasi', 'ditolak'].map((s) => el('option', { value: s }, t(`queue.state.${s}`))));
  stateSel.value = ctx.query.get('state') || 'baru';
  const listEl = el('ol', { id: 'queue-list', role: 'listbox', tabindex: '0', 'aria-label': t('queue.list') });
  const detail = el('section', { id: 'queue-detail', 'aria-live': 'polite', 'aria-label': t('queue.detail') });
  const status = el('div', { id: 'queue-status', role: 'status', 'aria-live': 'polite' });
  main.append(el('h1', {}, t('queue.title')),
    el('p', { class: 'hint' }, t('queue.keys.lead'), ' ',
      el('kbd', {}, 'j'), '/', el('kbd', {}, 'k'), ` ${t('queue.keys.move')} · `,
      el('kbd', {}, 'c'), ` ${t('queue.keys.confirm')} · `, el('kbd', {}, 'd'), ` ${t('queue.keys.dismiss')} · `,
      el('kbd', {}, 's'), ` ${t('queue.keys.second')}`),
    el('div', {}, el('label', { for: 'q-state' }, t('queue.filter')), stateSel),
    status, el('div', { class: 'queue' }, listEl, detail));

  let entries = [];
  let sel = -1;

  async function load() {
    try {
      const { data } = await get('/queue', { state: stateSel.value, limit: 200 });
      entries = data.entries || data.items || [];
    } catch (e) {
      status.replaceChildren(errorBox(e));
      entries = [];
    }
    listEl.replaceChildren(...entries.map((e, i) => {
      const held = holderOf(e) && holderOf(e) !== me.login;
      return el('li', { role: 'option', id: `q-${e.id}`, 'aria-selected': 'false', class: held ? 'held' : '',
        onclick: () => select(i) },
        el('strong', {}, `${e.form || '?'} · ${e.contestant || ''}`), ' ', e.item_id || '',
        held ? el('div', { class: 'hint' }, t('queue.heldBy', { who: holderOf(e) })) : '');
    }));
    if (!entries.length) listEl.append(el('li', {}, t('queue.empty')));
    select(entries.length ? 0 : -1);
  }

  async function select(i) {
    if (i < 0 || i >= entries.length) { sel = -1; detail.replaceChildren(); return; }
    [...listEl.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    sel = i;
    const e = entries[i];
    listEl.setAttribute('aria-activedescendant', `q-${e.id}`);
    listEl.children[i].scrollIntoView({ block: 'nearest' });
    if ((e.state === 'baru' || e.state === 'tinjau_ulang') && (!holderOf(e) || holderOf(e) === me.login)) {
      try {
        const { data } = await post(`/queue/${e.id}/claim`, {});
        Object.assign(e, data || {});
      } catch (err) {
        if (err.status === 409) e.claimed_by = err.message;
        else status.replaceChildren(errorBox(err));
      }
    }
    if (!e.item) {
      // the list carries only the text; the item and verdict come with the entry itself
      try { Object.assign(e, (await get(`/queue/${e.id}`)).data || {}); } catch (err) { status.replaceChildren(errorBox(err)); }
    }
    if (sel === i) drawDetail(e);
  }

  function drawDetail(e) {
    const item = parse(e.item || e.item_json);
    const verdict = parse(e.verdict || e.verdict_json);
    const held = holderOf(e) && holderOf(e) !== me.login;
    const fields = fieldsWithSpans(item, verdict).map((f) => {
      const p = el('p', { class: 'item-text', 'data-field': f.field });
      const rejected = renderHighlighted(p, f.text, f.spans);
      return el('div', {}, el('h3', {}, t(`queue.field.${f.field}`, {}, f.field)), p,
        rejected.length ? el('p', { class: 'hint' }, t('queue.badSpans', { n: rejected.length })) : null);
    });
    const v = verdict.violation || {};
    const asn = verdict.asn || {};
    detail.replaceChildren(...[
      el('h2', {}, `${item.platform || ''} · ${item.act || verdict.act || ''} · ${fmtDate(verdict.date || item.created_at)}`),
      held ? el('p', { class: 'alert warn', id: 'held' }, t('queue.heldBy', { who: holderOf(e) })) : null,
      ...fields,
      el('dl', { class: 'dl' },
        el('dt', {}, t('queue.contestant')), el('dd', {}, `${e.contestant || v.contestant || ''} (${e.election || v.election || ''})`),
        el('dt', {}, t('queue.asn')), el('dd', {}, `${asn.likely ? t('queue.asn.likely') : t('queue.asn.unlikely')} (${t('queue.score')} ${Number(asn.score || e.asn_score || 0).toFixed(2)}, ${asn.source || ''})`,
          el('br'), ((asn.reasons || []).map((r) => r.what)).join(', ')),
        el('dt', {}, t('queue.form')), el('dd', {}, `${v.form || e.form || ''} · ${v.level || e.level || ''}`, el('br'), el('small', {}, v.basis || '')),
        el('dt', {}, t('queue.why')), el('dd', {}, loc(verdict.explanation || {}, '') || (verdict.explanation && verdict.explanation.id) || '')),
      e.case ? el('p', {}, el('a', { href: `#/kasus/${e.case}` }, t('queue.case', { id: e.case }))) : null,
    ].filter(Boolean));
  }

  async function decide(kind) {
    if (sel < 0) return;
    const e = entries[sel];
    if (holderOf(e) && holderOf(e) !== me.login) {
      status.replaceChildren(el('p', { class: 'alert warn' }, t('queue.heldBy', { who: holderOf(e) })));
      return;
    }
    let body = {};
    if (kind === 'dismiss') {
      const picked = await askReason();
      if (!picked) return;
      body = picked;
    }
    try {
      const { data } = await post(`/queue/${e.id}/${kind}`, body);
      status.replaceChildren(el('p', { class: 'alert ok' },
        kind === 'confirm' ? t('queue.confirmed', { id: (data && data.case) || '?' }) : t(`queue.done.${kind}`)));
      entries.splice(sel, 1);
      listEl.children[sel].remove();
      if (!entries.length) listEl.append(el('li', {}, t('queue.empty')));
      select(Math.min(sel, entries.length - 1));
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  }

  function askReason() {
    return new Promise((resolve) => {
      const selR = el('select', { id: 'reason' }, ...reasons.map((r) => el('option', { value: r.reason }, loc(r, 'label'))));
      const note = el('input', { id: 'reason-note', maxlength: 1000 });
      const dlg = el('dialog', { id: 'dismiss-dialog', 'aria-labelledby': 'dd-h' },
        el('form', { method: 'dialog' }, el('h2', { id: 'dd-h' }, t('queue.dismiss.title')),
          el('label', { for: 'reason' }, t('queue.reason')), selR,
          el('label', { for: 'reason-note' }, t('queue.note')), note,
          el('div', { class: 'actions' }, el('button', { value: 'ok' }, t('queue.keys.dismiss')),
            el('button', { value: 'cancel', class: 'secondary' }, t('case.cancel')))));
      document.body.append(dlg);
      dlg.addEventListener('close', () => {
        const ok = dlg.returnValue === 'ok' && selR.value;
        const out = ok ? { reason: selR.value, note: note.value } : null;
        dlg.remove();
        listEl.focus();
        resolve(out);
      });
      dlg.showModal();
      selR.focus();
    });
  }

  function onKey(ev) {
    if (ev.target.closest('input, textarea, select, dialog') || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const k = ev.key;
    if (k === 'j' || k === 'ArrowDown') { ev.preventDefault(); select(Math.min(sel + 1, entries.length - 1)); }
    else if (k === 'k' || k === 'ArrowUp') { ev.preventDefault(); select(Math.max(sel - 1, 0)); }
    else if (k === 'c') { ev.preventDefault(); decide('confirm'); }
    else if (k === 'd') { ev.preventDefault(); decide('dismiss'); }
    else if (k === 's') { ev.preventDefault(); decide('second'); }
  }
  document.addEventListener('keydown', onKey);
  stateSel.addEventListener('change', load);
  await load();
  listEl.focus();
  return () => document.removeEventListener('keydown', onKey);
}
