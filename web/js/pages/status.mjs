// Receipt status (no login): the state of the report in plain words, what happens next, the
// running legal clock with its basis, the examiner's questions and a reply box. The receipt
// code is never put in the address (it would stay in the browser history); it passes
// between pages in this tab's sessionStorage only.
import { t, loc, fmtDate } from '../i18n.mjs';
import { get, post } from '../api.mjs';
import { el, errorBox } from '../app.mjs';

const KEY = 'netra.receipt';

function statusView(code, s) {
  const msgs = s.messages || [];
  const list = el('ol', { class: 'timeline', 'aria-label': t('status.messages') },
    ...msgs.map((m) => el('li', {},
      el('strong', {}, t(`status.sender.${m.sender}`, {}, m.sender)), ' · ',
      el('time', { datetime: m.at }, fmtDate(m.at, true)),
      el('p', {}, m.body))));
  return el('section', { 'aria-labelledby': 'st-h' },
    el('h2', { id: 'st-h' }, t('status.of', { code })),
    el('dl', { class: 'dl' },
      el('dt', {}, t('status.kind')), el('dd', {}, t(`kind.${s.kind}`, {}, s.kind)),
      el('dt', {}, t('status.state')), el('dd', { id: 'status-state' }, loc(s, 'state')),
      el('dt', {}, t('status.next')), el('dd', {}, loc(s, 'next')),
      s.clock ? [el('dt', {}, t('status.clock')),
        el('dd', { class: s.overdue ? 'overdue' : '' }, `${loc(s, 'clock')}: ${fmtDate(s.deadline)}`,
          s.overdue ? ` (${t('clock.overdue')})` : '', el('br'), el('small', {}, s.basis || ''))] : null,
      el('dt', {}, t('status.opened')), el('dd', {}, fmtDate(s.opened)),
      el('dt', {}, t('status.updated')), el('dd', {}, fmtDate(s.updated))),
    s.awaiting_reply ? el('p', { class: 'alert warn' }, t('status.awaiting'), ' ', s.request || '') : null,
    el('h3', {}, t('status.messages')),
    msgs.length ? list : el('p', {}, t('status.noMessages')));
}

export async function render(main) {
  const input = el('input', { id: 'code', name: 'code', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'characters', maxlength: 40, 'aria-describedby': 'code-hint' });
  input.value = sessionStorage.getItem(KEY) || '';
  const out = el('div', { id: 'status-out', 'aria-live': 'polite' });
  const form = el('form', { class: 'form-narrow' },
    el('label', { for: 'code' }, t('status.code')),
    el('p', { class: 'hint', id: 'code-hint' }, t('status.code.hint')),
    input,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('status.check'))));
  main.append(el('h1', {}, t('status.title')), form, out);

  async function show() {
    const code = input.value.trim();
    out.replaceChildren();
    if (!code) { input.focus(); return; }
    try {
      const { data } = await get(`/receipts/${encodeURIComponent(code)}`);
      sessionStorage.setItem(KEY, code);
      const canonical = data.code || code;
      const reply = el('textarea', { id: 'reply', name: 'reply', maxlength: 8000, rows: 4, required: true });
      const replyForm = el('form', { class: 'form-narrow' },
        el('label', { for: 'reply' }, t('status.reply')),
        el('p', { class: 'hint' }, t('status.reply.hint')),
        reply,
        el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('status.send'))),
        el('div', { role: 'status', 'aria-live': 'polite', id: 'reply-status' }));
      replyForm.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const body = reply.value.trim();
        const st = replyForm.querySelector('#reply-status');
        if (!body) { reply.setAttribute('aria-invalid', 'true'); reply.focus(); return; }
        try {
          await post(`/receipts/${encodeURIComponent(canonical)}/replies`, { text: body });
          await show();
          out.querySelector('h2')?.focus();
        } catch (e) {
          st.replaceChildren(errorBox(e));
        }
      });
      const view = statusView(canonical, data);
      view.querySelector('h2').setAttribute('tabindex', '-1');
      out.append(view, replyForm);
    } catch (e) {
      out.append(e.status === 404 ? el('p', { class: 'alert', role: 'alert' }, t('status.notFound')) : errorBox(e));
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); show(); });
  if (input.value) show();
}
