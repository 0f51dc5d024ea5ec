// Indonesian first, English second. Every string the app shows is in the two dictionaries
// of lang/ (a test checks that both have the same keys and that every key used exists).
// The choice is remembered in localStorage and set as <html lang>.
import id from './lang/id.mjs';
import en from './lang/en.mjs';

const DICTS = { id, en };
const LOCALES = { id: 'id-ID', en: 'en-GB' };
const listeners = [];
let current = (() => {
  try {
    const saved = localStorage.getItem('netra.lang');
    if (saved === 'id' || saved === 'en') return saved;
  } catch { /* storage may be disabled */ }
  return 'id';
})();
if (typeof document !== 'undefined') document.documentElement.lang = current;

export const lang = () => current;
export const locale = () => LOCALES[current];

export function setLang(l) {
  if (!DICTS[l] || l === current) return;
  current = l;
  try { localStorage.setItem('netra.lang', l); } catch { /* not remembered */ }
  document.documentElement.lang = l;
  for (const fn of listeners) fn(l);
}

export function onLangChange(fn) { listeners.push(fn); }

/**
 * The string of `key` in the current language with {name} placeholders filled. A key missing
 * from the dictionary gives `fallback` when one is passed (for values the server defines,
 * such as a new role), else the key itself so the gap is visible.
 */
export function t(key, vars = {}, fallback) {
  let s = DICTS[current][key];
  if (s === undefined) s = DICTS.id[key];
  if (s === undefined) return fallback !== undefined ? String(fallback) : key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (vars && vars[k] !== undefined ? String(vars[k]) : m));
}

/** The server's bilingual field: obj[base_id] / obj[base_en] (or obj[base] as it is). */
export function loc(obj, base) {
  if (!obj) return '';
  const v = obj[`${base}_${current}`] ?? obj[`${base}_id`] ?? obj[base];
  return v === undefined || v === null ? '' : String(v);
}

export function fmtNumber(n) {
  return typeof n === 'number' ? n.toLocaleString(locale()) : String(n ?? '');
}

/** A date (YYYY-MM-DD or ISO 8601 time) in the current language. */
export function fmtDate(s, withTime = false) {
  if (!s) return '';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00` : s);
  if (Number.isNaN(d.getTime())) return String(s);
  const opt = { day: 'numeric', month: 'long', year: 'numeric' };
  if (withTime) Object.assign(opt, { hour: '2-digit', minute: '2-digit' });
  return d.toLocaleString(locale(), opt);
}

/** Fills [data-i18n] text and [data-i18n-attr="attr:key;..."] attributes under `root`. */
export function applyStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  root.querySelectorAll('[data-i18n-attr]').forEach((n) => {
    for (const pair of n.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) n.setAttribute(attr, t(key));
    }
  });
}

export const dictionaries = DICTS;
