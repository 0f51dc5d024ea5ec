// Labels of workflow states, actions, clocks and roles come from the law data through
// GET /api/v1/workflow (label_id / label_en of data/workflow/*.tsv), never from the web app.
import { get } from './api.mjs';
import { loc } from './i18n.mjs';

let cache = null;

export async function workflow() {
  if (!cache) {
    cache = get('/workflow').then(({ data }) => data).catch(() => ({}));
  }
  return cache;
}

function index(list, key) {
  const m = new Map();
  for (const x of list || []) if (!m.has(x.id ?? x[key])) m.set(x.id ?? x[key], x);
  return m;
}

/** label(kind, code): the label of a state, action, clock or role in the current language. */
export async function labeller() {
  const wf = await workflow();
  const maps = {
    state: index(wf.states, 'state'),
    action: index(wf.actions, 'action'),
    clock: index(wf.clocks, 'clock'),
    role: index(wf.roles, 'role'),
  };
  const fn = (kind, code) => {
    const row = maps[kind] && maps[kind].get(code);
    return (row && loc(row, 'label')) || code;
  };
  fn.terminal = (state) => {
    const row = maps.state.get(state);
    return Boolean(row && (row.terminal === true || row.terminal === 1 || row.terminal === '1'));
  };
  fn.transitions = wf.transitions || [];
  fn.roles = wf.roles || [];
  return fn;
}

const regionCache = new Map();

/** The official name of a Kemendagri region code (GET /regions/{code}), or the code itself. */
export function regionName(code) {
  if (!code) return Promise.resolve('');
  if (!regionCache.has(code)) {
    regionCache.set(code, get(`/regions/${encodeURIComponent(code)}`)
      .then(({ data }) => (data && data.name ? `${data.name} (${code})` : code))
      .catch(() => code));
  }
  return regionCache.get(code);
}
