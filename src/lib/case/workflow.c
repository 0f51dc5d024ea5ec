/*
 * workflow.c - loads the tables of data/workflow/ and answers the state machine's questions
 * (format: docs/data/workflow.md, design: docs/internals/case.md).
 *
 * Validation is strict, as for the law tables: every state, action, role, group and clock a
 * transition names must exist, every row must cite its legal basis, and no two transitions
 * may share a (from, action, regime) key with overlapping regimes.
 */
#include <string.h>

#include "case/case_int.h"

#define WF_MAX_ROWS 1000

static int is_dash(const char *s, size_t len)
{
    return len == 0 || (len == 1 && s[0] == '-');
}

static int ident_ok(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* An identifier field, or NULL for '-' when `dash_ok`. */
static int get_ident(const char **out, nt_table *tb, netra_workflow *wf, const char *col,
                     int dash_ok)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->t, col, &len);
    if (dash_ok && is_dash(s, len)) {
        *out = NULL;
        return NETRA_OK;
    }
    if (!ident_ok(s, len))
        return nt_tsv_error(&tb->t, col, "'%.*s' is not an identifier (a-z, 0-9, _)", (int)len, s);
    char *p = nt_arena_strndup(&wf->arena, s, len);
    if (p == NULL)
        return netra_error_last()->code;
    *out = p;
    return NETRA_OK;
}

static int get_str(const char **out, nt_table *tb, netra_workflow *wf, const char *col)
{
    return nt_tsv_get_str(out, &tb->t, col, &wf->arena, 0);
}

static int get_regime(const char **out, nt_table *tb, netra_workflow *wf)
{
    int err = get_ident(out, tb, wf, "regime", 0);
    if (err < 0)
        return err;
    if (strcmp(*out, "pemilu") != 0 && strcmp(*out, "pilkada") != 0 && strcmp(*out, "any") != 0)
        return nt_tsv_error(&tb->t, "regime", "'%s' is not pemilu, pilkada or any", *out);
    return NETRA_OK;
}

static int push(nt_vec *v, const void *rec)
{
    return nt_vec_push(v, rec) ? NETRA_OK : netra_error_last()->code;
}

static int open_table(nt_table *tb, netra_workflow *wf, const char *name, const char *const *cols)
{
    return nt_table_open(tb, wf->dir, name, cols, WF_MAX_ROWS);
}

static int group_known(const netra_workflow *wf, const char *s, size_t len)
{
    for (size_t i = 0; i < wf->roles.n; i++) {
        const netra_role *r = nt_vec_at(&wf->roles, i);
        if (nt_str_eq(s, len, r->id) || nt_str_eq(s, len, r->group))
            return 1;
    }
    return 0;
}

static const netra_clock_rule *clock_any(const netra_workflow *wf, const char *id)
{
    for (size_t i = 0; i < wf->clocks.n; i++) {
        const netra_clock_rule *c = nt_vec_at(&wf->clocks, i);
        if (strcmp(c->id, id) == 0)
            return c;
    }
    return NULL;
}

/* ---- the tables ------------------------------------------------------------------------ */

static int load_roles(netra_workflow *wf)
{
    static const char *const cols[] = {"role",     "group",    "escalate_to", "reporter_access",
                                       "label_id", "label_en", "basis",       NULL};
    nt_table tb;
    int err = open_table(&tb, wf, "roles.tsv", cols);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_role r = {0};
        long access = 0;
        if ((err = get_ident(&r.id, &tb, wf, "role", 0)) < 0 ||
            (err = get_ident(&r.group, &tb, wf, "group", 0)) < 0 ||
            (err = get_ident(&r.escalate_to, &tb, wf, "escalate_to", 1)) < 0 ||
            (err = nt_tsv_get_long(&access, &tb.t, "reporter_access", 0, 1)) < 0 ||
            (err = get_str(&r.label_id, &tb, wf, "label_id")) < 0 ||
            (err = get_str(&r.label_en, &tb, wf, "label_en")) < 0 ||
            (err = get_str(&r.basis, &tb, wf, "basis")) < 0)
            break;
        r.reporter_access = (int)access;
        if (netra_workflow_role(wf, r.id) != NULL) {
            err = nt_tsv_error(&tb.t, "role", "'%s' is listed twice", r.id);
            break;
        }
        if ((err = push(&wf->roles, &r)) < 0)
            break;
        if ((err = push(&wf->role_lines, &tb.t.rec.line)) < 0)
            break;
    }
    if (err == 0) {
        /* escalate_to must name a role; checked once all are read. */
        for (size_t i = 0; i < wf->roles.n; i++) {
            const netra_role *r = nt_vec_at(&wf->roles, i);
            if (r->escalate_to != NULL && netra_workflow_role(wf, r->escalate_to) == NULL) {
                tb.t.rec.line = *(unsigned *)nt_vec_at(&wf->role_lines, i);
                err = nt_tsv_error(&tb.t, "escalate_to", "unknown role '%s'", r->escalate_to);
                break;
            }
        }
    }
    if (err == 0 && wf->roles.n == 0)
        err = nt_tsv_error(&tb.t, NULL, "no roles");
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int load_states(netra_workflow *wf)
{
    static const char *const cols[] = {"state", "terminal", "label_id", "label_en", "basis", NULL};
    nt_table tb;
    int err = open_table(&tb, wf, "states.tsv", cols);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_wf_state s = {0};
        long term;
        if ((err = get_ident(&s.id, &tb, wf, "state", 0)) < 0 ||
            (err = nt_tsv_get_long(&term, &tb.t, "terminal", 0, 1)) < 0 ||
            (err = get_str(&s.label_id, &tb, wf, "label_id")) < 0 ||
            (err = get_str(&s.label_en, &tb, wf, "label_en")) < 0 ||
            (err = get_str(&s.basis, &tb, wf, "basis")) < 0)
            break;
        s.terminal = (int)term;
        if (netra_workflow_state(wf, s.id) != NULL) {
            err = nt_tsv_error(&tb.t, "state", "'%s' is listed twice", s.id);
            break;
        }
        if ((err = push(&wf->states, &s)) < 0)
            break;
    }
    if (err == 0 && wf->states.n == 0)
        err = nt_tsv_error(&tb.t, NULL, "no states");
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int load_actions(netra_workflow *wf)
{
    static const char *const cols[] = {"action", "label_id", "label_en", "basis", NULL};
    nt_table tb;
    int err = open_table(&tb, wf, "actions.tsv", cols);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_wf_action a = {0};
        if ((err = get_ident(&a.id, &tb, wf, "action", 0)) < 0 ||
            (err = get_str(&a.label_id, &tb, wf, "label_id")) < 0 ||
            (err = get_str(&a.label_en, &tb, wf, "label_en")) < 0 ||
            (err = get_str(&a.basis, &tb, wf, "basis")) < 0)
            break;
        if (netra_workflow_action(wf, a.id) != NULL) {
            err = nt_tsv_error(&tb.t, "action", "'%s' is listed twice", a.id);
            break;
        }
        if ((err = push(&wf->actions, &a)) < 0)
            break;
    }
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int get_unit(int *working, nt_table *tb, const char *col, int dash_ok)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->t, col, &len);
    if (nt_str_eq(s, len, "hari"))
        *working = 0;
    else if (nt_str_eq(s, len, "hari_kerja"))
        *working = 1;
    else if (dash_ok && is_dash(s, len))
        *working = 0;
    else
        return nt_tsv_error(&tb->t, col, "'%.*s' is not hari or hari_kerja", (int)len, s);
    return NETRA_OK;
}

static int load_clocks(netra_workflow *wf)
{
    static const char *const cols[] = {"clock",         "regime",        "days",     "unit",
                                       "extended_days", "extended_unit", "escalate", "configurable",
                                       "label_id",      "label_en",      "basis",    NULL};
    nt_table tb;
    int err = open_table(&tb, wf, "clocks.tsv", cols);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_clock_rule c = {0};
        long days, ext, conf;
        if ((err = get_ident(&c.id, &tb, wf, "clock", 0)) < 0 ||
            (err = get_regime(&c.regime, &tb, wf)) < 0 ||
            (err = nt_tsv_get_long(&days, &tb.t, "days", 1, 365)) < 0 ||
            (err = get_unit(&c.working, &tb, "unit", 0)) < 0 ||
            (err = nt_tsv_get_long(&ext, &tb.t, "extended_days", 0, 365)) < 0 ||
            (err = get_unit(&c.extended_working, &tb, "extended_unit", ext == 0)) < 0 ||
            (err = get_ident(&c.escalate, &tb, wf, "escalate", 0)) < 0 ||
            (err = nt_tsv_get_long(&conf, &tb.t, "configurable", 0, 1)) < 0 ||
            (err = get_str(&c.label_id, &tb, wf, "label_id")) < 0 ||
            (err = get_str(&c.label_en, &tb, wf, "label_en")) < 0 ||
            (err = get_str(&c.basis, &tb, wf, "basis")) < 0)
            break;
        c.days = (int)days;
        c.extended_days = (int)ext;
        c.configurable = (int)conf;
        if (ext != 0 && !c.extended_working && ext <= days) {
            err = nt_tsv_error(&tb.t, "extended_days", "%ld is not longer than days (%ld)", ext,
                               days);
            break;
        }
        if (strcmp(c.escalate, "atasan") != 0 && netra_workflow_role(wf, c.escalate) == NULL) {
            err = nt_tsv_error(&tb.t, "escalate", "'%s' is neither atasan nor a role", c.escalate);
            break;
        }
        for (size_t i = 0; i < wf->clocks.n; i++) {
            const netra_clock_rule *o = nt_vec_at(&wf->clocks, i);
            if (strcmp(o->id, c.id) == 0 && strcmp(o->regime, c.regime) == 0) {
                err = nt_tsv_error(&tb.t, "regime", "clock '%s' has two '%s' rows", c.id, c.regime);
                break;
            }
        }
        if (err < 0)
            break;
        if ((err = push(&wf->clocks, &c)) < 0)
            break;
    }
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int check_clock(nt_table *tb, const netra_workflow *wf, const char *col, const char *id)
{
    if (id != NULL && clock_any(wf, id) == NULL)
        return nt_tsv_error(&tb->t, col, "unknown clock '%s'", id);
    return NETRA_OK;
}

typedef struct split_ctx {
    nt_table *tb;
    netra_workflow *wf;
    const char *col;
    const char **out; /* NETRA_WF_MAX_FIELDS slots */
    size_t n;
    int roles; /* check against roles and groups */
} split_ctx;

static int split_one(const char *part, size_t plen, void *payload)
{
    split_ctx *sc = payload;
    if (!ident_ok(part, plen))
        return nt_tsv_error(&sc->tb->t, sc->col, "'%.*s' is not an identifier", (int)plen, part);
    if (sc->roles && !group_known(sc->wf, part, plen))
        return nt_tsv_error(&sc->tb->t, sc->col, "'%.*s' is neither a role nor a group", (int)plen,
                            part);
    if (sc->out != NULL) {
        if (sc->n + 1 >= NETRA_WF_MAX_FIELDS)
            return nt_tsv_error(&sc->tb->t, sc->col, "more than %d fields",
                                NETRA_WF_MAX_FIELDS - 1);
        char *p = nt_arena_strndup(&sc->wf->arena, part, plen);
        if (p == NULL)
            return netra_error_last()->code;
        sc->out[sc->n++] = p;
    }
    return NETRA_OK;
}

static int load_transitions(netra_workflow *wf)
{
    static const char *const cols[] = {"from",       "action",       "to",       "roles",
                                       "regime",     "kind",         "requires", "clock_start",
                                       "clock_stop", "clock_extend", "basis",    NULL};
    nt_table tb;
    int err = open_table(&tb, wf, "transitions.tsv", cols);
    if (err < 0)
        return err;
    while ((err = nt_table_next(&tb)) > 0) {
        netra_transition t = {0};
        t.line = tb.t.rec.line;
        if ((err = get_ident(&t.from, &tb, wf, "from", 1)) < 0 ||
            (err = get_ident(&t.action, &tb, wf, "action", 0)) < 0 ||
            (err = get_ident(&t.to, &tb, wf, "to", 0)) < 0 ||
            (err = get_str(&t.roles, &tb, wf, "roles")) < 0 ||
            (err = get_regime(&t.regime, &tb, wf)) < 0 ||
            (err = get_ident(&t.kind, &tb, wf, "kind", 1)) < 0 ||
            (err = get_ident(&t.clock_start, &tb, wf, "clock_start", 1)) < 0 ||
            (err = get_ident(&t.clock_stop, &tb, wf, "clock_stop", 1)) < 0 ||
            (err = get_ident(&t.clock_extend, &tb, wf, "clock_extend", 1)) < 0 ||
            (err = get_str(&t.basis, &tb, wf, "basis")) < 0)
            break;
        if (t.from != NULL && netra_workflow_state(wf, t.from) == NULL) {
            err = nt_tsv_error(&tb.t, "from", "unknown state '%s'", t.from);
            break;
        }
        if (t.from != NULL && netra_workflow_state(wf, t.from)->terminal) {
            err = nt_tsv_error(&tb.t, "from", "state '%s' is terminal", t.from);
            break;
        }
        if (netra_workflow_state(wf, t.to) == NULL) {
            err = nt_tsv_error(&tb.t, "to", "unknown state '%s'", t.to);
            break;
        }
        if (netra_workflow_action(wf, t.action) == NULL) {
            err = nt_tsv_error(&tb.t, "action", "unknown action '%s'", t.action);
            break;
        }
        if (t.kind != NULL && strcmp(t.kind, "laporan") != 0 && strcmp(t.kind, "temuan") != 0 &&
            strcmp(t.kind, "informasi_awal") != 0) {
            err = nt_tsv_error(&tb.t, "kind", "'%s' is not laporan, temuan or informasi_awal",
                               t.kind);
            break;
        }
        if (t.from == NULL && t.kind == NULL) {
            err = nt_tsv_error(&tb.t, "kind", "a new case needs a kind");
            break;
        }
        split_ctx sc = {&tb, wf, "roles", NULL, 0, 1};
        if ((err = nt_str_split(t.roles, strlen(t.roles), ',', split_one, &sc)) < 0)
            break;
        size_t rlen;
        const char *req = nt_tsv_get(&tb.t, "requires", &rlen);
        if (!is_dash(req, rlen)) {
            split_ctx rc = {&tb, wf, "requires", t.requires, 0, 0};
            if ((err = nt_str_split(req, rlen, ',', split_one, &rc)) < 0)
                break;
        }
        if ((err = check_clock(&tb, wf, "clock_start", t.clock_start)) < 0 ||
            (err = check_clock(&tb, wf, "clock_stop", t.clock_stop)) < 0 ||
            (err = check_clock(&tb, wf, "clock_extend", t.clock_extend)) < 0)
            break;
        if (t.clock_extend != NULL) {
            const netra_clock_rule *c = clock_any(wf, t.clock_extend);
            int any_ext = 0;
            for (size_t i = 0; i < wf->clocks.n; i++) {
                const netra_clock_rule *o = nt_vec_at(&wf->clocks, i);
                if (strcmp(o->id, c->id) == 0 && o->extended_days > 0)
                    any_ext = 1;
            }
            if (!any_ext) {
                err = nt_tsv_error(&tb.t, "clock_extend", "clock '%s' cannot be extended",
                                   t.clock_extend);
                break;
            }
        }
        for (size_t i = 0; i < wf->transitions.n; i++) {
            const netra_transition *o = nt_vec_at(&wf->transitions, i);
            int same_from = (o->from == NULL && t.from == NULL) ||
                            (o->from != NULL && t.from != NULL && strcmp(o->from, t.from) == 0);
            int overlap = strcmp(o->regime, "any") == 0 || strcmp(t.regime, "any") == 0 ||
                          strcmp(o->regime, t.regime) == 0;
            if (same_from && overlap && strcmp(o->action, t.action) == 0) {
                err = nt_tsv_error(&tb.t, "action", "'%s' from '%s' repeats line %u", t.action,
                                   t.from ? t.from : "-", o->line);
                break;
            }
        }
        if (err < 0)
            break;
        if ((err = push(&wf->transitions, &t)) < 0)
            break;
    }
    nt_table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- public ------------------------------------------------------------------------------ */

int netra_workflow_load(netra_workflow **out, const char *dir)
{
    NT_ASSERT_ARG(out != NULL);
    *out = NULL;
    netra_workflow *wf = nt_calloc(1, sizeof *wf);
    if (wf == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&wf->arena, 16384, 0);
    nt_vec_init(&wf->roles, sizeof(netra_role), WF_MAX_ROWS);
    nt_vec_init(&wf->role_lines, sizeof(unsigned), WF_MAX_ROWS);
    nt_vec_init(&wf->states, sizeof(netra_wf_state), WF_MAX_ROWS);
    nt_vec_init(&wf->actions, sizeof(netra_wf_action), WF_MAX_ROWS);
    nt_vec_init(&wf->transitions, sizeof(netra_transition), WF_MAX_ROWS);
    nt_vec_init(&wf->clocks, sizeof(netra_clock_rule), WF_MAX_ROWS);
    nt_buf path;
    nt_buf_init(&path, 4096);
    int err =
        dir == NULL ? nt_buf_addf(&path, "%s/workflow", netra_data_dir()) : nt_buf_adds(&path, dir);
    if (err == 0) {
        wf->dir = nt_buf_detach(&path, NULL);
        if (wf->dir == NULL)
            err = NETRA_ENOMEM;
    }
    if (err == 0)
        err = load_roles(wf);
    if (err == 0)
        err = load_states(wf);
    if (err == 0)
        err = load_actions(wf);
    if (err == 0)
        err = load_clocks(wf);
    if (err == 0)
        err = load_transitions(wf);
    nt_buf_free(&path);
    if (err < 0) {
        netra_workflow_free(wf);
        return err;
    }
    *out = wf;
    return NETRA_OK;
}

void netra_workflow_free(netra_workflow *wf)
{
    if (wf == NULL)
        return;
    nt_vec_free(&wf->roles);
    nt_vec_free(&wf->role_lines);
    nt_vec_free(&wf->states);
    nt_vec_free(&wf->actions);
    nt_vec_free(&wf->transitions);
    nt_vec_free(&wf->clocks);
    nt_arena_free(&wf->arena);
    nt_free(wf->dir);
    nt_free(wf);
}

size_t netra_workflow_n_roles(const netra_workflow *wf)
{
    return wf ? wf->roles.n : 0;
}
const netra_role *netra_workflow_role_at(const netra_workflow *wf, size_t i)
{
    return wf ? nt_vec_at(&wf->roles, i) : NULL;
}
size_t netra_workflow_n_states(const netra_workflow *wf)
{
    return wf ? wf->states.n : 0;
}
const netra_wf_state *netra_workflow_state_at(const netra_workflow *wf, size_t i)
{
    return wf ? nt_vec_at(&wf->states, i) : NULL;
}
size_t netra_workflow_n_actions(const netra_workflow *wf)
{
    return wf ? wf->actions.n : 0;
}
const netra_wf_action *netra_workflow_action_at(const netra_workflow *wf, size_t i)
{
    return wf ? nt_vec_at(&wf->actions, i) : NULL;
}
size_t netra_workflow_n_transitions(const netra_workflow *wf)
{
    return wf ? wf->transitions.n : 0;
}
const netra_transition *netra_workflow_transition_at(const netra_workflow *wf, size_t i)
{
    return wf ? nt_vec_at(&wf->transitions, i) : NULL;
}
size_t netra_workflow_n_clocks(const netra_workflow *wf)
{
    return wf ? wf->clocks.n : 0;
}
const netra_clock_rule *netra_workflow_clock_at(const netra_workflow *wf, size_t i)
{
    return wf ? nt_vec_at(&wf->clocks, i) : NULL;
}

const netra_role *netra_workflow_role(const netra_workflow *wf, const char *id)
{
    for (size_t i = 0; wf != NULL && id != NULL && i < wf->roles.n; i++) {
        const netra_role *r = nt_vec_at(&wf->roles, i);
        if (strcmp(r->id, id) == 0)
            return r;
    }
    return NULL;
}

const netra_wf_state *netra_workflow_state(const netra_workflow *wf, const char *id)
{
    for (size_t i = 0; wf != NULL && id != NULL && i < wf->states.n; i++) {
        const netra_wf_state *s = nt_vec_at(&wf->states, i);
        if (strcmp(s->id, id) == 0)
            return s;
    }
    return NULL;
}

const netra_wf_action *netra_workflow_action(const netra_workflow *wf, const char *id)
{
    for (size_t i = 0; wf != NULL && id != NULL && i < wf->actions.n; i++) {
        const netra_wf_action *a = nt_vec_at(&wf->actions, i);
        if (strcmp(a->id, id) == 0)
            return a;
    }
    return NULL;
}

static int regime_matches(const char *rule, const char *regime)
{
    return strcmp(rule, "any") == 0 || (regime != NULL && strcmp(rule, regime) == 0);
}

static int from_matches(const netra_transition *t, const char *state)
{
    if (t->from == NULL || state == NULL)
        return t->from == NULL && state == NULL;
    return strcmp(t->from, state) == 0;
}

const netra_transition *netra_workflow_find(const netra_workflow *wf, const char *state,
                                            const char *action, const char *regime)
{
    for (size_t i = 0; wf != NULL && action != NULL && i < wf->transitions.n; i++) {
        const netra_transition *t = nt_vec_at(&wf->transitions, i);
        if (from_matches(t, state) && strcmp(t->action, action) == 0 &&
            regime_matches(t->regime, regime))
            return t;
    }
    return NULL;
}

size_t netra_workflow_allowed(char *buf, size_t size, const netra_workflow *wf, const char *state,
                              const char *regime)
{
    size_t n = 0, used = 0;
    if (buf != NULL && size > 0)
        buf[0] = '\0';
    for (size_t i = 0; wf != NULL && i < wf->transitions.n; i++) {
        const netra_transition *t = nt_vec_at(&wf->transitions, i);
        if (!from_matches(t, state) || !regime_matches(t->regime, regime))
            continue;
        if (buf != NULL && size > used) {
            int w = snprintf(buf + used, size - used, "%s%s", n ? ", " : "", t->action);
            if (w > 0)
                used += (size_t)w < size - used ? (size_t)w : size - used - 1;
        }
        n++;
    }
    return n;
}

typedef struct role_ctx {
    const netra_workflow *wf;
    const netra_role *role;
    int found;
} role_ctx;

static int role_one(const char *part, size_t plen, void *payload)
{
    role_ctx *rc = payload;
    if (nt_str_eq(part, plen, rc->role->id) || nt_str_eq(part, plen, rc->role->group))
        rc->found = 1;
    return NETRA_OK;
}

int netra_workflow_role_may(const netra_workflow *wf, const netra_transition *t, const char *role)
{
    const netra_role *r = netra_workflow_role(wf, role);
    if (r == NULL || t == NULL)
        return 0;
    role_ctx rc = {wf, r, 0};
    (void)nt_str_split(t->roles, strlen(t->roles), ',', role_one, &rc);
    return rc.found;
}

static int has_field(const char *const *fields, const char *name)
{
    for (size_t i = 0; fields != NULL && fields[i] != NULL; i++)
        if (strcmp(fields[i], name) == 0)
            return 1;
    return 0;
}

int netra_workflow_step(const netra_transition **out, const netra_workflow *wf, const char *state,
                        const char *action, const char *role, const char *regime,
                        const char *const *fields)
{
    NT_ASSERT_ARG(out != NULL && wf != NULL && action != NULL && role != NULL && regime != NULL);
    *out = NULL;
    if (strcmp(regime, "pemilu") != 0 && strcmp(regime, "pilkada") != 0)
        return nt_error_set(NETRA_EINVAL, "regime '%s' is not pemilu or pilkada", regime);
    if (state != NULL && netra_workflow_state(wf, state) == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown state '%s'", state);
    if (netra_workflow_action(wf, action) == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown action '%s'", action);
    if (netra_workflow_role(wf, role) == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown role '%s'", role);
    const netra_transition *t = netra_workflow_find(wf, state, action, regime);
    if (t == NULL) {
        char allowed[320];
        size_t n = netra_workflow_allowed(allowed, sizeof allowed, wf, state, regime);
        return nt_error_set(NETRA_ESTATE,
                            "action '%s' is not allowed in state '%s'; allowed there: %s", action,
                            state ? state : "(new case)", n ? allowed : "none");
    }
    if (!netra_workflow_role_may(wf, t, role))
        return nt_error_set(NETRA_EPERM,
                            "role '%s' may not take action '%s' in state '%s'; it is for: %s", role,
                            action, state ? state : "(new case)", t->roles);
    for (size_t i = 0; t->requires[i] != NULL; i++)
        if (!has_field(fields, t->requires[i]))
            return nt_error_set(NETRA_EINVAL, "action '%s' requires field '%s' (%s)", action,
                                t->requires[i], t -> basis);
    *out = t;
    return NETRA_OK;
}
