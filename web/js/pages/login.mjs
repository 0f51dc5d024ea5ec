// Login for supervisors, examiners, PPK and analysts. The session is an HttpOnly cookie set
// by netrad; the answer carries the CSRF token that every write must send back.
import { t } from '../i18n.mjs';
import { post, setCsrf } from '../api.mjs';
import { el, errorBox } from '../app.mjs';

export async function render(main, ctx) {
  const form = el('form', { class: 'form-narrow', id: 'login-form' },
    el('label', { for: 'login' }, t('login.user')),
    el('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, maxlength: 100 }),
    el('label', { for: 'password' }, t('login.password')),
    el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 }),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('login.submit'))),
    el('div', { id: 'login-status', 'aria-live': 'assertive' }));
  main.append(el('h1', {}, t('login.title')), form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const st = form.querySelector('#login-status');
    st.replaceChildren();
    const fd = new FormData(form);
    try {
      const { data } = await post('/session', { login: fd.get('login'), password: fd.get('password') });
      setCsrf((data && (data.csrf || data.csrf_token)) || '');
      await ctx.refreshSession();
      const next = ctx.query.get('next');
      ctx.navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/dasbor');
    } catch (e) {
      st.append(e.status === 401 ? el('p', { class: 'alert', role: 'alert' }, t('login.failed')) : errorBox(e));
      form.querySelector('#password').value = '';
      form.querySelector('#password').focus();
    }
  });
  form.querySelector('#login').focus();
}
