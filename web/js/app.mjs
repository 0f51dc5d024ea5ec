// Netra web app shell: hash router, navigation, language switch, session. Each page is an ES
// module under pages/ loaded on first visit (a citizen on a slow phone downloads only the
// report form). A page declares the API routes it needs; the shell reads netrad's OpenAPI
// document and leaves out of the navigation every page whose routes the server lacks.
import { t, lang, setLang, applyStatic, onLangChange } from './i18n.mjs';
import { get, request, setCsrf, ApiError } from './api.mjs';
import { labeller } from './labels.mjs';

/** Pages: path pattern, module, title key, whether a login is needed, routes used. */
export const PAGES = [
  { path: '/', mod: 'home', title: 'nav.home', login: false, routes: [], nav: false },
  { path: '/lapor', mod: 'report', title: 'nav.report', login: false,
    routes: ['post /reports', 'get /regions'] },
  { path: '/status', mod: 'status', title: 'nav.status', login: false,
    routes: ['get /receipts/{}'] },
  { path: '/transparansi', mod: 'transparency', title: 'nav.transparency', login: false,
    routes: ['get /transparency'] },
  { path: '/masuk', mod: 'login', title: 'nav.login', login: false, routes: ['post /session'],
    hideWhenIn: true },
  { path: '/dasbor', mod: 'dashboard', title: 'nav.dashboard', login: true,
    routes: ['get /me', 'get /dashboard'] },
  { path: '/antrean', mod: 'queue', title: 'nav.queue', login: true,
    routes: ['get /queue', 'post /queue/{}/claim'] },
  { path: '/kasus', mod: 'cases', title: 'nav.cases', login: true, routes: ['get /cases'] },
  { path: '/kasus/:id', mod: 'case', title: 'nav.case', login: true, nav: false,
    routes: ['get /cases/{}'] },
  { path: '/asn', mod: 'asn', title: 'nav.asnSearch', login: true, routes: ['get /asn/{}', 'get /asn'] },
  { path: '/asn/:nip', mod: 'asn', title: 'nav.asn', login: true, nav: false,
    routes: ['get /asn/{}'] },
  { path: '/peta', mod: 'map', title: 'nav.map', login: true,
    routes: ['get /index', 'get /index/tilemap'] },
  { path: '/statistik', mod: 'stats', title: 'nav.stats', login: true,
    routes: ['get /stats/shares', 'get /stats/funnel', 'get /stats/durations'] },
  { path: '/peta/laporan/:code', mod: 'mapreport', title: 'nav.mapReport', login: true, nav: false,
    routes: ['get /index', 'get /index/prevention/{}'] },
];

export const state = { me: null, routes: null };

/** Normalises an OpenAPI path or a page's route to "method /path/{}". */
function routeKey(method, path) {
  return `${method.toLowerCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{[^}]*\}/g, '{}')}`;
}

async function loadRoutes() {
  try {
    const { data } = await get('/openapi.json');
    const keys = new Set();
    for (const [p, ops] of Object.entries((data && data.paths) || {})) {
      for (const m of Object.keys(ops)) keys.add(routeKey(m, p));
    }
    state.routes = keys;
  } catch {
    state.routes = new Set();
  }
}

export function pageAvailable(page) {
  return page.routes.every((r) => state.routes.has(routeKey(r.split(' ')[0], r.split(' ')[1])));
}

async function loadMe() {
  if (!state.routes.has('get /me')) { state.me = null; return; }
  try {
    const { data } = await get('/me');
    state.me = data;
    if (data && data.csrf_token) setCsrf(data.csrf_token);
    state.roleLabel = data ? (await labeller())('role', data.role) : '';
  } catch (e) {
    state.me = null;
    if (!(e instanceof ApiError)) throw e;
  }
}

function match(hashPath) {
  const parts = hashPath.split('/').filter(Boolean);
  for (const page of PAGES) {
    const pat = page.path.split('/').filter(Boolean);
    if (pat.length !== parts.length) continue;
    const params = {};
    let ok = true;
    pat.forEach((seg, i) => {
      if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(parts[i]);
      else if (seg !== parts[i]) ok = false;
    });
    if (ok) return { page, params };
  }
  return null;
}

function currentHash() {
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = h.split('?');
  return { path, query: new URLSearchParams(query) };
}

function renderNav() {
  const ul = document.querySelector('#nav ul');
  ul.replaceChildren();
  const { path } = currentHash();
  for (const page of PAGES) {
    if (page.nav === false || !pageAvailable(page)) continue;
    if (page.login && !state.me) continue;
    if (page.hideWhenIn && state.me) continue;
    const a = document.createElement('a');
    a.href = `#${page.path}`;
    a.textContent = t(page.title);
    if (path === page.path || path.startsWith(`${page.path}/`)) a.setAttribute('aria-current', 'page');
    const li = document.createElement('li');
    li.append(a);
    ul.append(li);
  }
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  who.textContent = state.me ? `${state.me.display_name || state.me.login} (${state.roleLabel || state.me.role})` : '';
  logout.hidden = !state.me || !state.routes.has('delete /session');
  const langBtn = document.getElementById('lang');
  langBtn.textContent = lang() === 'id' ? 'English' : 'Bahasa Indonesia';
  langBtn.lang = lang() === 'id' ? 'en' : 'id';
  langBtn.title = t('nav.switchLang');
}

let cleanup = null;
let routed = false;

export async function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  const main = document.getElementById('main');
  const { path, query } = currentHash();
  const m = match(path);
  const dash = PAGES.find((p) => p.mod === 'dashboard');
  if (path === '/' && state.me && pageAvailable(dash)) { location.replace(`#${dash.path}`); return; }
  renderNav();
  main.replaceChildren();
  if (!m) {
    document.title = `${t('notFound.title')} · Netra`;
    main.append(el('h1', {}, t('notFound.title')), el('p', {}, t('notFound.body')));
    document.body.dataset.page = 'notfound';
    return;
  }
  if (!pageAvailable(m.page)) {
    document.title = `${t(m.page.title)} · Netra`;
    main.append(el('h1', {}, t(m.page.title)), el('p', { class: 'alert warn' }, t('unavailable')));
    document.body.dataset.page = 'unavailable';
    return;
  }
  if (m.page.login && !state.me) {
    location.replace(`#/masuk?next=${encodeURIComponent(path)}`);
    return;
  }
  document.title = `${t(m.page.title)} · Netra`;
  try {
    const mod = await import(`./pages/${m.page.mod}.mjs`);
    cleanup = (await mod.render(main, { params: m.params, query, state, navigate, refreshSession })) || null;
  } catch (e) {
    main.append(errorBox(e));
  }
  // After a navigation, focus moves to the new content (screen readers announce it); on the
  // first load it stays at the top of the document, so the skip link is the first Tab stop.
  if (routed && !main.contains(document.activeElement)) main.focus();
  routed = true;
  document.body.dataset.page = m.page.mod; // lets the browser tests wait for a page
}

export function navigate(hashPath) {
  if (location.hash === `#${hashPath}`) route();
  else location.hash = hashPath;
}

export async function refreshSession() {
  await loadMe();
  renderNav();
}

/** Small element builder: el('p', {class:'x'}, 'text', child, ...). Text is never parsed. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** An error box: the server's message (already Indonesian first), or a network error. */
export function errorBox(e) {
  let msg;
  if (e instanceof ApiError) {
    msg = e.message;
    if (e.status === 401) msg = t('err.login');
    else if (e.status === 403) msg = t('err.forbidden');
    else if (e.status === 429) msg = t('err.throttled', { s: e.retryAfter || '?' });
    if (e.field) msg += ` (${t('err.field')}: ${e.field})`;
  } else msg = t('err.network');
  return el('p', { class: 'alert', role: 'alert' }, msg);
}

async function start() {
  applyStatic(document);
  document.getElementById('lang').addEventListener('click', () => {
    setLang(lang() === 'id' ? 'en' : 'id');
  });
  onLangChange(() => { applyStatic(document); route(); });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await request('DELETE', '/session'); } catch { /* the session is gone either way */ }
    setCsrf('');
    state.me = null;
    navigate('/masuk');
  });
  await loadRoutes();
  await loadMe();
  window.addEventListener('hashchange', route);
  await route();
  document.documentElement.dataset.ready = '1';
}

start();
