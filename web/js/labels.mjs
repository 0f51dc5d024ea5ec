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

let stageCache = null;

/**
 * stage(id, election): the label of an election stage (phase) in the current language, from the
 * law data (GET /elections and GET /elections/{id}/stages: label_id / label_en of
 * data/law/stages.tsv). With an election, that election's own label; without one (counts over
 * every election), the label of the first election that has the phase. The id when unknown.
 */
export async function stageLabeller() {
  if (!stageCache) {
    stageCache = get('/elections')
      .then(({ data }) => Promise.all((data.elections || []).map((e) => get(`/elections/${encodeURIComponent(e.id)}/stages`)
        .then((x) => x.data).catch(() => null))))
      .catch(() => []);
  }
  const lists = await stageCache;
  const byElection = new Map();
  const any = new Map();
  for (const l of lists) {
    if (!l) continue;
    const m = new Map();
    for (const st of l.stages || []) {
      if (st.type !== 'phase') continue;
      m.set(st.id, st);
      if (!any.has(st.id)) any.set(st.id, st);
    }
    byElection.set(l.election, m);
  }
  return (id, election) => {
    const row = (election && byElection.has(election) && byElection.get(election).get(id)) || any.get(id);
    return (row && loc(row, 'label')) || id;
  };
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
