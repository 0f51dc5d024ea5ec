/*
 * api_law.c - the public, read-only endpoints: health, metrics, the law data (forms, acts,
 * sanctions, classification), elections and their stages, the working-day calendar, regions
 * and the workflow tables. Every answer comes from libnetra; nothing here decides law.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jdate(netra_date d)
{
    char b[NETRA_DATE_STRLEN];
    return json_string(netra_date_format(d, b));
}

static const char *kind_name(netra_form_kind k)
{
    return k == NETRA_FORM_KODE_ETIK ? "kode_etik" : "disiplin";
}

static const char *object_name(netra_form_object o)
{
    return o == NETRA_OBJECT_BAKAL_CALON ? "bakal_calon"
           : o == NETRA_OBJECT_CALON     ? "calon"
                                         : "any";
}

static json_t *form_json(const netra_form *f, int full)
{
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", f->id, "kind", kind_name(f->kind),
                          "object", object_name(f->object), "level", netra_level_id(f->level),
                          "label_id", f->label_id, "label_en", f->label_en, "basis", f->basis);
    if (o != NULL && full) {
        json_t *acts = json_array();
        for (size_t i = 0; i < f->n_acts; i++)
            json_array_append_new(acts, json_string(f->acts[i]));
        json_object_set_new(o, "acts", acts);
        json_object_set_new(o, "level_in_data", json_string(netra_level_id(f->level_in_data)));
        json_object_set_new(o, "stat_category", jstr(f->stat_category));
        json_object_set_new(o, "sanction_basis", jstr(f->sanction_basis));
        json_object_set_new(o, "note", jstr(f->note));
    }
    return o;
}

void h_healthz(srv *s, srv_req *r)
{
    json_t *o = json_pack("{s:s,s:s,s:I,s:i,s:b}", "status", "ok", "version", NETRA_VERSION,
                          "uptime_seconds", (json_int_t)(time(NULL) - s->started), "elections",
                          (int)s->n_el, "detector", s->det != NULL);
    srv_reply_json(r, 200, o);
}

void h_metrics(srv *s, srv_req *r)
{
    srv_metrics_write(s, r);
}

void h_openapi(srv *s, srv_req *r)
{
    srv_reply_json(r, 200, srv_openapi(s));
    srv_reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=300");
}

void h_forms(srv *s, srv_req *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < netra_law_n_forms(s->law); i++)
        json_array_append_new(a, form_json(netra_law_form_at(s->law, i), 0));
    srv_reply_json(r, 200, json_pack("{s:o}", "forms", a));
}

static json_t *sanctions_json(const netra_law *law, netra_level level, const char *emp,
                              netra_date date)
{
    const netra_sanction *rows[32];
    size_t n = 0;
    json_t *a = json_array();
    if (netra_law_sanctions(rows, 32, &n, law, level, emp, date) < 0)
        return a;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "level",
                                           netra_level_id(rows[i]->level), "employee_type",
                                           rows[i]->employee_type, "code", rows[i]->code,
                                           "label_id", rows[i]->label_id, "label_en",
                                           rows[i]->label_en, "basis", rows[i]->basis));
    return a;
}

void h_form(srv *s, srv_req *r)
{
    const char *id = srv_p(r, "id");
    const netra_form *f = netra_law_form(s->law, id);
    if (f == NULL) {
        char m_id[160], m_en[160];
        snprintf(m_id, sizeof m_id,
                 "bentuk pelanggaran '%.60s' tidak dikenal (KE-1..KE-7, D-1..D-13)", id);
        snprintf(m_en, sizeof m_en, "unknown form of violation '%.60s' (KE-1..KE-7, D-1..D-13)",
                 id);
        srv_reply_error(r, 404, "not_found", "id", m_id, m_en);
        return;
    }
    json_t *o = form_json(f, 1);
    json_object_set_new(o, "sanctions_pns",
                        sanctions_json(s->law, f->level, "pns", netra_date_today()));
    json_object_set_new(o, "sanctions_pppk",
                        sanctions_json(s->law, f->level, "pppk", netra_date_today()));
    srv_reply_json(r, 200, o);
}

void h_acts(srv *s, srv_req *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < netra_law_n_acts(s->law); i++) {
        const netra_act *x = netra_law_act_at(s->law, i);
        json_array_append_new(
            a, json_pack("{s:s,s:s,s:s,s:o,s:o,s:s}", "id", x->id, "label_id", x->label_id,
                         "label_en", x->label_en, "before", jstr(x->before ? x->before->id : NULL),
                         "after", jstr(x->after ? x->after->id : NULL), "basis", x->rule_basis));
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "acts", a));
}

void h_sanctions(srv *s, srv_req *r)
{
    const char *lv = srv_q(r, "level");
    const char *emp = srv_q(r, "employee_type");
    const char *ds = srv_q(r, "date");
    netra_level level = lv ? netra_level_from_id(lv) : NETRA_LEVEL_NONE;
    if (lv == NULL || level == NETRA_LEVEL_NONE) {
        srv_reply_error(r, 400, "bad_level", "level",
                        "'level' harus salah satu tingkat sanksi (mis. ringan, sedang, berat)",
                        "'level' must be a sanction level (e.g. ringan, sedang, berat)");
        return;
    }
    if (emp != NULL && strcmp(emp, "pns") != 0 && strcmp(emp, "pppk") != 0 &&
        strcmp(emp, "cpns") != 0) {
        srv_reply_error(r, 400, "bad_employee_type", "employee_type",
                        "'employee_type' harus pns, cpns atau pppk",
                        "'employee_type' must be pns, cpns or pppk");
        return;
    }
    netra_date date = netra_date_today();
    if (ds != NULL && srv_date_arg(r, "date", ds, &date) < 0)
        return;
    srv_reply_json(r, 200,
                   json_pack("{s:s,s:o}", "level", netra_level_id(level), "sanctions",
                             sanctions_json(s->law, level, emp ? emp : "pns", date)));
}

const char *srv_body_str(srv_req *r, const char *name, int required)
{
    json_t *v = json_object_get(r->json, name);
    if (v == NULL || json_is_null(v)) {
        if (required) {
            char id[120], en[120];
            snprintf(id, sizeof id, "'%s' wajib diisi", name);
            snprintf(en, sizeof en, "'%s' is required", name);
            srv_reply_error(r, 422, "missing_field", name, id, en);
        }
        return NULL;
    }
    if (!json_is_string(v)) {
        char id[120], en[120];
        snprintf(id, sizeof id, "'%s' harus berupa teks", name);
        snprintf(en, sizeof en, "'%s' must be a string", name);
        srv_reply_error(r, 422, "bad_field", name, id, en);
        return NULL;
    }
    return json_string_value(v);
}

/* Refuses members the route does not know, naming the first. Returns -1 after replying. */
int srv_only_fields(srv_req *r, const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v)
    {
        int ok = 0;
        for (size_t i = 0; known[i]; i++)
            ok |= strcmp(known[i], key) == 0;
        if (!ok) {
            char id[200], en[200];
            snprintf(id, sizeof id, "kolom '%.60s' tidak dikenal", key);
            snprintf(en, sizeof en, "unknown field '%.60s'", key);
            srv_reply_error(r, 422, "unknown_field", key, id, en);
            return -1;
        }
    }
    return 0;
}

void h_classify(srv *s, srv_req *r)
{
    static const char *const known[] = {"act", "date", "election", "office", "employee_type", NULL};
    if (srv_only_fields(r, known) < 0)
        return;
    netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
    if ((in.act = srv_body_str(r, "act", 1)) == NULL ||
        (in.election = srv_body_str(r, "election", 1)) == NULL)
        return;
    const char *ds = srv_body_str(r, "date", 1);
    if (ds == NULL || srv_date_arg(r, "date", ds, &in.date) < 0)
        return;
    in.office = srv_body_str(r, "office", 0);
    in.employee_type = srv_body_str(r, "employee_type", 0);
    if (r->resp != NULL)
        return;
    netra_classification c;
    int err = netra_law_classify(&c, s->law, &in);
    if (err < 0) {
        const char *msg = netra_error_last()->msg;
        const char *field = strstr(msg, "election") ? "election"
                            : strstr(msg, "act")    ? "act"
                                                    : NULL;
        srv_reply_netra(r, err == NETRA_ENOTFOUND ? NETRA_EINVAL : err, field);
        return;
    }
    json_t *steps_id = json_array(), *steps_en = json_array(), *sanctions = json_array();
    for (size_t i = 0; i < c.n_steps; i++) {
        json_array_append_new(steps_id, json_string(c.steps_id[i]));
        json_array_append_new(steps_en, json_string(c.steps_en[i]));
    }
    for (size_t i = 0; i < c.n_sanctions; i++)
        json_array_append_new(sanctions,
                              json_pack("{s:s,s:s,s:s,s:s}", "code", c.sanctions[i]->code,
                                        "label_id", c.sanctions[i]->label_id, "label_en",
                                        c.sanctions[i]->label_en, "basis", c.sanctions[i]->basis));
    json_t *o = json_pack(
        "{s:s,s:o,s:s,s:s,s:b,s:o,s:o,s:o,s:s,s:o,s:o,s:o}", "act", c.act->id, "form",
        form_json(c.form, 0), "level", netra_level_id(c.level), "election", c.election->id,
        "after_designation", c.after_designation, "designation",
        c.designation ? json_pack("{s:s,s:o,s:s}", "office", c.designation->office, "date",
                                  jdate(c.designation->date), "basis", c.designation->basis)
                      : json_null(),
        "stage", c.phase ? json_string(c.phase->id) : json_null(), "agency",
        c.agency ? json_pack("{s:s,s:s}", "id", c.agency->id, "label_id", c.agency->label_id)
                 : json_null(),
        "employee_type", c.employee_type, "sanctions", sanctions, "reasoning_id", steps_id,
        "reasoning_en", steps_en);
    srv_reply_json(r, 200, o);
}

void h_elections(srv *s, srv_req *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < netra_law_n_elections(s->law); i++) {
        const netra_election *e = netra_law_election_at(s->law, i);
        json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:s}", "id", e->id, "kind",
                                           e->kind, "name_id", e->name_id, "name_en", e->name_en,
                                           "voting_date", jdate(e->voting_date), "default_office",
                                           e->default_office, "basis", e->basis));
    }
    json_t *files = json_array();
    for (size_t i = 0; i < s->n_el; i++) {
        const netra_election_info *info = netra_election_get(s->el[i]);
        json_array_append_new(files, json_pack("{s:s,s:s}", "id", info->id, "kind",
                                               netra_election_kind_name(info->kind)));
    }
    srv_reply_json(r, 200, json_pack("{s:o,s:o}", "elections", a, "detector_elections", files));
}

static const netra_election *election_param(srv *s, srv_req *r)
{
    const char *id = srv_p(r, "id");
    const netra_election *e = netra_law_election(s->law, id);
    if (e == NULL) {
        char m_id[160], m_en[160];
        snprintf(m_id, sizeof m_id, "pemilihan '%.60s' tidak dikenal", id);
        snprintf(m_en, sizeof m_en, "unknown election '%.60s'", id);
        srv_reply_error(r, 404, "not_found", "id", m_id, m_en);
    }
    return e;
}

static json_t *stage_json(const netra_stage *st)
{
    json_t *o = json_pack("{s:s,s:s,s:o,s:s,s:s,s:s}", "id", st->id, "type",
                          st->is_phase ? "phase" : "event", "end", jdate(st->end), "label_id",
                          st->label_id, "label_en", st->label_en, "basis", st->basis);
    json_object_set_new(o, "start", st->has_start ? jdate(st->start) : json_null());
    return o;
}

void h_election_stages(srv *s, srv_req *r)
{
    const netra_election *e = election_param(s, r);
    if (e == NULL)
        return;
    size_t n = 0;
    const netra_stage *st = netra_law_stages(&n, s->law, e);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, stage_json(&st[i]));
    srv_reply_json(r, 200, json_pack("{s:s,s:o}", "election", e->id, "stages", a));
}

void h_election_stage_at(srv *s, srv_req *r)
{
    const netra_election *e = election_param(s, r);
    if (e == NULL)
        return;
    netra_date date;
    if (srv_date_arg(r, "date", srv_q(r, "date"), &date) < 0)
        return;
    const netra_stage *phase = NULL, *events[16];
    size_t n_events = 0;
    int err = netra_law_stage_at(&phase, events, 16, &n_events, s->law, e, date);
    if (err < 0) {
        srv_reply_netra(r, err, "date");
        return;
    }
    json_t *ev = json_array();
    for (size_t i = 0; i < n_events; i++)
        json_array_append_new(ev, stage_json(events[i]));
    const netra_designation *d = netra_law_designation(s->law, e, NULL);
    const netra_agency *ag = netra_law_agency_at(s->law, date);
    srv_reply_json(r, 200,
                   json_pack("{s:s,s:o,s:o,s:o,s:o,s:o}", "election", e->id, "date", jdate(date),
                             "phase", phase ? stage_json(phase) : json_null(), "events", ev,
                             "designation",
                             d ? json_pack("{s:s,s:o,s:b}", "office", d->office, "date",
                                           jdate(d->date), "passed", date >= d->date)
                               : json_null(),
                             "examining_agency",
                             ag ? json_pack("{s:s,s:s,s:s}", "id", ag->id, "label_id", ag->label_id,
                                            "basis", ag->basis)
                                : json_null()));
}

static const char *day_kind(netra_day_kind k)
{
    switch (k) {
    case NETRA_DAY_WORKING:
        return "hari_kerja";
    case NETRA_DAY_WEEKEND:
        return "akhir_pekan";
    case NETRA_DAY_HOLIDAY:
        return "libur_nasional";
    case NETRA_DAY_CUTI_BERSAMA:
        return "cuti_bersama";
    }
    return "?";
}

static void calendar_missing(srv_req *r, const srv *s, const char *field)
{
    int first, last;
    netra_calendar_years(s->cal, &first, &last);
    char id[200], en[200];
    snprintf(id, sizeof id, "kalender hanya mencakup tahun %d-%d", first, last);
    snprintf(en, sizeof en, "the calendar covers only %d-%d", first, last);
    srv_reply_error(r, 422, "calendar_range", field, id, en);
}

void h_calendar_day(srv *s, srv_req *r)
{
    netra_date d;
    if (srv_date_arg(r, "date", srv_p(r, "date"), &d) < 0)
        return;
    netra_day_kind k;
    const netra_holiday *h = NULL;
    if (netra_calendar_day(&k, &h, s->cal, d) < 0) {
        calendar_missing(r, s, "date");
        return;
    }
    json_t *o = json_pack("{s:o,s:s,s:b}", "date", jdate(d), "kind", day_kind(k), "working",
                          k == NETRA_DAY_WORKING);
    if (h != NULL)
        json_object_set_new(o, "holiday",
                            json_pack("{s:s,s:s,s:s}", "name_id", h->name_id, "name_en", h->name_en,
                                      "basis", h->basis));
    srv_reply_json(r, 200, o);
}

void h_calendar_add(srv *s, srv_req *r)
{
    netra_date from, to;
    if (srv_date_arg(r, "from", srv_q(r, "from"), &from) < 0)
        return;
    const char *ds = srv_q(r, "days");
    char *end = NULL;
    long days = ds ? strtol(ds, &end, 10) : 0;
    if (ds == NULL || end == ds || *end != '\0' || days < -3650 || days > 3650) {
        srv_reply_error(r, 400, "bad_days", "days",
                        "'days' harus bilangan bulat antara -3650 dan 3650",
                        "'days' must be a whole number between -3650 and 3650");
        return;
    }
    if (netra_calendar_add_working_days(&to, s->cal, from, (int)days) < 0) {
        calendar_missing(r, s, "days");
        return;
    }
    srv_reply_json(r, 200,
                   json_pack("{s:o,s:i,s:o,s:s}", "from", jdate(from), "working_days", (int)days,
                             "deadline", jdate(to), "rule",
                             "the start day is not counted; weekends, national holidays and cuti "
                             "bersama are skipped"));
}

static json_t *region_json(const netra_region *g)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:o}", "code", g->code, "name", g->name, "level",
                     netra_region_level_name(g->level), "kind", netra_region_kind(g), "parent",
                     g->parent ? json_string(g->parent->code) : json_null());
}

void h_regions_find(srv *s, srv_req *r)
{
    const char *q = srv_q(r, "q");
    const char *lv = srv_q(r, "level");
    if (q == NULL || q[0] == '\0') {
        srv_reply_error(r, 400, "missing_query", "q", "'q' (nama atau kode wilayah) wajib diisi",
                        "'q' (a region name or code) is required");
        return;
    }
    netra_region_level level = NETRA_REGION_ANY;
    if (lv != NULL) {
        if (strcmp(lv, "province") == 0)
            level = NETRA_REGION_PROVINCE;
        else if (strcmp(lv, "regency") == 0)
            level = NETRA_REGION_REGENCY;
        else if (strcmp(lv, "district") == 0)
            level = NETRA_REGION_DISTRICT;
        else {
            srv_reply_error(r, 400, "bad_level", "level",
                            "'level' harus province, regency atau district",
                            "'level' must be province, regency or district");
            return;
        }
    }
    netra_region_match m[20];
    size_t n = 0;
    int err = netra_regions_find(m, 20, &n, s->regs, q, level);
    if (err < 0 && err != NETRA_ENOTFOUND) {
        srv_reply_netra(r, err, "q");
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = region_json(m[i].region);
        json_object_set_new(o, "score", json_integer(m[i].score));
        json_object_set_new(o, "reason", json_string(netra_region_reason_name(m[i].reason)));
        json_array_append_new(a, o);
    }
    srv_reply_json(r, 200, json_pack("{s:s,s:o}", "query", q, "regions", a));
}

void h_region(srv *s, srv_req *r)
{
    const netra_region *g = NULL;
    int err = netra_regions_get(&g, s->regs, srv_p(r, "code"));
    if (err < 0) {
        srv_reply_netra(r, err, "code");
        return;
    }
    json_t *o = region_json(g);
    size_t n = 0;
    const netra_region *ch = netra_region_children(g, &n);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "code", ch[i].code, "name", ch[i].name));
    json_object_set_new(o, "children", a);
    srv_reply_json(r, 200, o);
}

void h_workflow(srv *s, srv_req *r)
{
    const netra_workflow *wf = s->wf;
    json_t *roles = json_array(), *states = json_array(), *actions = json_array(),
           *trans = json_array(), *clocks = json_array();
    for (size_t i = 0; i < netra_workflow_n_roles(wf); i++) {
        const netra_role *x = netra_workflow_role_at(wf, i);
        json_array_append_new(roles,
                              json_pack("{s:s,s:s,s:o,s:b,s:s,s:s,s:s}", "id", x->id, "group",
                                        x->group, "escalate_to", jstr(x->escalate_to),
                                        "reporter_access", x->reporter_access, "label_id",
                                        x->label_id, "label_en", x->label_en, "basis", x->basis));
    }
    for (size_t i = 0; i < netra_workflow_n_states(wf); i++) {
        const netra_wf_state *x = netra_workflow_state_at(wf, i);
        json_array_append_new(states, json_pack("{s:s,s:b,s:s,s:s,s:s}", "id", x->id, "terminal",
                                                x->terminal, "label_id", x->label_id, "label_en",
                                                x->label_en, "basis", x->basis));
    }
    for (size_t i = 0; i < netra_workflow_n_actions(wf); i++) {
        const netra_wf_action *x = netra_workflow_action_at(wf, i);
        json_array_append_new(actions,
                              json_pack("{s:s,s:s,s:s,s:s}", "id", x->id, "label_id", x->label_id,
                                        "label_en", x->label_en, "basis", x->basis));
    }
    for (size_t i = 0; i < netra_workflow_n_transitions(wf); i++) {
        const netra_transition *x = netra_workflow_transition_at(wf, i);
        json_t *req = json_array();
        for (size_t k = 0; k < NETRA_WF_MAX_FIELDS && x->requires[k]; k++)
            json_array_append_new(req, json_string(x->requires[k]));
        json_array_append_new(trans, json_pack("{s:o,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s}", "from",
                                               jstr(x->from), "action", x->action, "to", x->to,
                                               "roles", x->roles, "regime", x->regime, "requires",
                                               req, "clock_start", jstr(x->clock_start),
                                               "clock_stop", jstr(x->clock_stop), "clock_extend",
                                               jstr(x->clock_extend), "basis", x->basis));
    }
    for (size_t i = 0; i < netra_workflow_n_clocks(wf); i++) {
        const netra_clock_rule *x = netra_workflow_clock_at(wf, i);
        json_array_append_new(clocks,
                              json_pack("{s:s,s:s,s:i,s:b,s:i,s:s,s:s,s:s}", "id", x->id, "regime",
                                        x->regime, "days", x->days, "working_days", x->working,
                                        "extended_days", x->extended_days, "escalate", x->escalate,
                                        "label_id", x->label_id, "basis", x->basis));
    }
    srv_reply_json(r, 200,
                   json_pack("{s:o,s:o,s:o,s:o,s:o}", "roles", roles, "states", states, "actions",
                             actions, "transitions", trans, "clocks", clocks));
}
