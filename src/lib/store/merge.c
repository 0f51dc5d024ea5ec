/*
 * merge.c - merging duplicate cases, and undoing it (issue 5). A merge moves the source
 * case's reporters, acts, evidence and accused to the target, stops the source's running
 * clocks and marks the source merged; each row it touches is listed in merge_rows, so the
 * undo moves exactly those back. Nothing is deleted but a duplicate accused link (listed
 * too, and restored). The audit entries stay where they are: the target's timeline reads
 * the source's entries through the merges table. Whether a role may merge in a state is
 * the workflow's (actions gabungkan and pisahkan of transitions.tsv).
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static void utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A write transaction; inside an import's, a savepoint (as in sqlite.c). */
static int begin(netra_store *st)
{
    return st->in_txn ? nt_db_savepoint(st->db, "nt_merge") : nt_db_begin(st->db, NT_DB_WRITE);
}

static int finish(netra_store *st, int err)
{
    if (err < 0) {
        if (st->in_txn)
            nt_db_savepoint_rollback(st->db, "nt_merge");
        else
            nt_db_rollback(st->db);
        return err;
    }
    return st->in_txn ? nt_db_savepoint_release(st->db, "nt_merge") : nt_db_commit(st->db);
}

/* Runs one statement with up to three integer parameters; `changes` (may be NULL) gets the
 * rows it changed. */
static int run3(netra_store *st, const char *sql, int n, int64_t a, int64_t b, int64_t c,
                int64_t *changes, const char *what)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, sql);
    if (err < 0)
        return err;
    int64_t v[3] = {a, b, c};
    for (int i = 0; i < n; i++)
        nt_db_bind_int64(q, i + 1, v[i]);
    err = nt_db_run(q, what);
    if (err == 0 && changes != NULL)
        *changes = nt_db_changes(q);
    nt_db_finalize(q);
    return err;
}

static int merged_into(int64_t *out, netra_store *st, int64_t id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT merged_into FROM cases WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a case");
    *out = 0;
    if (rc == NT_DB_ROW && !nt_db_col_is_null(q, 0))
        *out = nt_db_col_int64(q, 0);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no case %lld", (long long)id);
    nt_db_finalize(q);
    return rc < 0 ? rc : err;
}

int nt_store_merge_check(netra_store *st, int64_t case_id)
{
    int64_t into;
    int err = merged_into(&into, st, case_id);
    if (err < 0 || into == 0)
        return err;
    return nt_error_set(NETRA_ESTATE,
                        "case %lld was merged into case %lld: act on case %lld, or undo the "
                        "merge first (netra case unmerge %lld)",
                        (long long)case_id, (long long)into, (long long)into, (long long)case_id);
}

/* The workflow's word on a merge action for the actor's role in the case's state. */
static int wf_allows(netra_store *st, const netra_case *c, const char *action, const char *role)
{
    const netra_transition *t;
    const char *const none[] = {NULL};
    int err = netra_workflow_step(&t, st->wf, c->state, action, role, c->regime, none);
    return err < 0 ? nt_error_prefix("case %lld", (long long)c->id) : NETRA_OK;
}

/* Appends `"name":[ids]` of the rows of a merge listed under `tbl`. */
static int ids_json(nt_buf *b, netra_store *st, int64_t merge_id, const char *name, const char *tbl)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT row_id FROM merge_rows WHERE merge_id = ? AND tbl = ? "
                            "ORDER BY row_id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, merge_id);
    nt_db_bind_text(q, 2, tbl);
    err = nt_buf_addf(b, ",\"%s\":[", name);
    int rc, first = 1;
    while (err == 0 && (rc = nt_db_step(q, "reading a merge")) == NT_DB_ROW) {
        err = nt_buf_addf(b, "%s%lld", first ? "" : ",", (long long)nt_db_col_int64(q, 0));
        first = 0;
    }
    nt_db_finalize(q);
    if (err == 0 && rc < 0)
        err = rc;
    return err ? err : nt_buf_addc(b, ']');
}

/* The audit record of a merge or its undo, on the target and on the source. */
static int audit_pair(netra_store *st, const netra_actor *actor, const char *action,
                      int64_t merge_id, const netra_case *target, const netra_case *source,
                      int undo)
{
    nt_buf before, after;
    nt_buf_init(&before, 1 << 16);
    nt_buf_init(&after, 1 << 20);
    int err = nt_buf_addf(&before, "{\"version\":%lld}", (long long)target->version);
    if (err == 0)
        err = nt_buf_addf(&after, "{\"version\":%lld,\"merge\":%lld,\"%s\":%lld",
                          (long long)target->version + 1, (long long)merge_id,
                          undo ? "separated" : "merged", (long long)source->id);
    static const char *const lists[][2] = {
        {"reporters", "reporters"},   {"acts", "acts"},
        {"evidence", "evidence"},     {"asn_moved", "asn_moved"},
        {"asn_shared", "asn_shared"}, {"clocks_stopped", "clocks"}};
    for (size_t i = 0; err == 0 && i < sizeof lists / sizeof lists[0]; i++)
        err = ids_json(&after, st, merge_id, lists[i][0], lists[i][1]);
    if (err == 0)
        err = nt_buf_addc(&after, '}');
    if (err == 0)
        err = nt_store_audit(st, actor, action, "case", target->id, nt_buf_cstr(&before),
                             nt_buf_cstr(&after));
    nt_buf_reset(&before);
    nt_buf_reset(&after);
    if (err == 0)
        err = undo ? nt_buf_addf(&before, "{\"version\":%lld,\"merged_into\":%lld}",
                                 (long long)source->version, (long long)target->id)
                   : nt_buf_addf(&before, "{\"version\":%lld,\"merged_into\":null}",
                                 (long long)source->version);
    if (err == 0)
        err = undo ? nt_buf_addf(&after, "{\"version\":%lld,\"merged_into\":null,\"merge\":%lld}",
                                 (long long)source->version + 1, (long long)merge_id)
                   : nt_buf_addf(&after, "{\"version\":%lld,\"merged_into\":%lld,\"merge\":%lld}",
                                 (long long)source->version + 1, (long long)target->id,
                                 (long long)merge_id);
    if (err == 0)
        err = nt_store_audit(st, actor, action, "case", source->id, nt_buf_cstr(&before),
                             nt_buf_cstr(&after));
    nt_buf_free(&before);
    nt_buf_free(&after);
    return err;
}

/* Bumps a case's version (checked when `version` > 0) and sets merged_into. */
static int bump(netra_store *st, int64_t id, int64_t version, int64_t into, netra_date today)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "UPDATE cases SET version = version + 1, updated = ?, merged_into = ? "
                            "WHERE id = ? AND (? = 0 OR version = ?)");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, today);
    if (into > 0)
        nt_db_bind_int64(q, 2, into);
    else
        nt_db_bind_null(q, 2);
    nt_db_bind_int64(q, 3, id);
    nt_db_bind_int64(q, 4, version);
    nt_db_bind_int64(q, 5, version);
    err = nt_db_run(q, "updating a case");
    if (err == 0 && nt_db_changes(q) != 1)
        err = nt_error_set(NETRA_ECONFLICT, "case %lld changed since version %lld; read it again",
                           (long long)id, (long long)version);
    nt_db_finalize(q);
    return err;
}

static int read_merge(netra_case_merge *m, nt_stmt *q)
{
    memset(m, 0, sizeof *m);
    m->id = nt_db_col_int64(q, 0);
    m->target = nt_db_col_int64(q, 1);
    m->source = nt_db_col_int64(q, 2);
    snprintf(m->at, sizeof m->at, "%s", nt_db_col_text(q, 3));
    snprintf(m->actor, sizeof m->actor, "%s", nt_db_col_text(q, 4));
    m->undone = !nt_db_col_is_null(q, 5);
    if (m->undone)
        snprintf(m->undone_at, sizeof m->undone_at, "%s", nt_db_col_text(q, 5));
    m->n_reporters = (size_t)nt_db_col_int64(q, 6);
    m->n_acts = (size_t)nt_db_col_int64(q, 7);
    m->n_evidence = (size_t)nt_db_col_int64(q, 8);
    m->n_asn = (size_t)nt_db_col_int64(q, 9);
    m->n_clocks = (size_t)nt_db_col_int64(q, 10);
    return NETRA_OK;
}

#define MERGE_COLS                                                                                 \
    "m.id, m.target, m.source, m.at, m.actor, m.undone_at, "                                       \
    "(SELECT count(*) FROM merge_rows r WHERE r.merge_id = m.id AND r.tbl = 'reporters'), "        \
    "(SELECT count(*) FROM merge_rows r WHERE r.merge_id = m.id AND r.tbl = 'acts'), "             \
    "(SELECT count(*) FROM merge_rows r WHERE r.merge_id = m.id AND r.tbl = 'evidence'), "         \
    "(SELECT count(*) FROM merge_rows r WHERE r.merge_id = m.id AND r.tbl IN ('asn_moved', "       \
    "'asn_shared')), "                                                                             \
    "(SELECT count(*) FROM merge_rows r WHERE r.merge_id = m.id AND r.tbl = 'clocks')"

static int merge_get(netra_case_merge *out, netra_store *st, int64_t merge_id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " MERGE_COLS " FROM merges m WHERE m.id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, merge_id);
    int rc = nt_db_step(q, "reading a merge");
    if (rc == NT_DB_ROW)
        read_merge(out, q);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no merge %lld", (long long)merge_id);
    nt_db_finalize(q);
    return rc < 0 ? rc : err;
}

/* The rows of the source a merge moves, by table: listed, then moved. */
static const char *const moved_tables[] = {"reporters", "acts", "evidence", NULL};

static int move_rows(netra_store *st, int64_t merge_id, int64_t target, int64_t source,
                     netra_date today)
{
    char sql[256];
    int err = NETRA_OK;
    for (size_t i = 0; err == 0 && moved_tables[i] != NULL; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO merge_rows(merge_id, tbl, row_id) SELECT ?, '%s', id FROM %s "
                 "WHERE case_id = ?",
                 moved_tables[i], moved_tables[i]);
        if ((err = run3(st, sql, 2, merge_id, source, 0, NULL, "recording a merge")) < 0)
            break;
        snprintf(sql, sizeof sql, "UPDATE %s SET case_id = ? WHERE case_id = ?", moved_tables[i]);
        err = run3(st, sql, 2, target, source, 0, NULL, "merging cases");
    }
    /* The accused: a link the target lacks moves; one it has is dropped from the source. */
    if (err == 0)
        err = run3(st,
                   "INSERT INTO merge_rows(merge_id, tbl, row_id) SELECT ?1, CASE WHEN EXISTS "
                   "(SELECT 1 FROM case_asn t WHERE t.case_id = ?2 AND t.asn_id = s.asn_id) "
                   "THEN 'asn_shared' ELSE 'asn_moved' END, s.asn_id FROM case_asn s "
                   "WHERE s.case_id = ?3",
                   3, merge_id, target, source, NULL, "recording a merge");
    if (err == 0)
        err = run3(st,
                   "UPDATE case_asn SET case_id = ?1 WHERE case_id = ?2 AND asn_id IN (SELECT "
                   "row_id FROM merge_rows WHERE merge_id = ?3 AND tbl = 'asn_moved')",
                   3, target, source, merge_id, NULL, "merging cases");
    if (err == 0)
        err = run3(st, "DELETE FROM case_asn WHERE case_id = ?", 1, source, 0, 0, NULL,
                   "merging cases");
    /* The source's running clocks stop: the target's clocks carry the incident on. */
    if (err == 0)
        err = run3(st,
                   "INSERT INTO merge_rows(merge_id, tbl, row_id) SELECT ?, 'clocks', id FROM "
                   "clocks WHERE case_id = ? AND running = 1",
                   2, merge_id, source, 0, NULL, "recording a merge");
    if (err == 0)
        err =
            run3(st, "UPDATE clocks SET running = 0, stopped = ? WHERE case_id = ? AND running = 1",
                 2, today, source, 0, NULL, "stopping a clock");
    if (err == 0)
        err = nt_store_case_due(st, source);
    return err;
}

int netra_store_case_merge(netra_case_merge *out, netra_store *st, int64_t target,
                           int64_t target_version, int64_t source, int64_t source_version,
                           const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && actor != NULL && actor->name != NULL && actor->role != NULL);
    if (target == source)
        return nt_error_set(NETRA_EINVAL, "case %lld cannot be merged into itself",
                            (long long)target);
    netra_case t, s;
    int err;
    if ((err = netra_store_case_get(&t, st, target)) < 0 ||
        (err = netra_store_case_get(&s, st, source)) < 0)
        return err;
    if ((err = nt_store_merge_check(st, target)) < 0 ||
        (err = nt_store_merge_check(st, source)) < 0)
        return err;
    int64_t holding = 0;
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM merges WHERE target = %lld AND undone_at IS NULL",
             (long long)source);
    if ((err = nt_db_query_int64(st->db, &holding, sql)) < 0)
        return err;
    if (holding > 0)
        return nt_error_set(NETRA_ESTATE,
                            "case %lld holds %lld merged case(s): merge into case %lld instead, "
                            "or undo those merges first",
                            (long long)source, (long long)holding, (long long)source);
    if (strcmp(t.regime, s.regime) != 0)
        return nt_error_set(NETRA_EINVAL,
                            "case %lld is under %s and case %lld under %s: not the same incident",
                            (long long)target, t.regime, (long long)source, s.regime);
    if (t.election[0] != '\0' && s.election[0] != '\0' && strcmp(t.election, s.election) != 0)
        return nt_error_set(NETRA_EINVAL,
                            "case %lld is about election %s and case %lld about %s: not the "
                            "same incident",
                            (long long)target, t.election, (long long)source, s.election);
    if (t.version != target_version || s.version != source_version)
        return nt_error_set(NETRA_ECONFLICT,
                            "the cases changed: you read %lld v%lld and %lld v%lld, they are now "
                            "v%lld and v%lld; read them again",
                            (long long)target, (long long)target_version, (long long)source,
                            (long long)source_version, (long long)t.version, (long long)s.version);
    if ((err = wf_allows(st, &t, "gabungkan", actor->role)) < 0 ||
        (err = wf_allows(st, &s, "gabungkan", actor->role)) < 0)
        return err;
    if ((err = begin(st)) < 0)
        return err;
    int64_t merge_id = 0;
    err = bump(st, source, source_version, target, actor->today);
    if (err == 0)
        err = bump(st, target, target_version, 0, actor->today);
    nt_stmt *q;
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO merges(target, source, at, actor) "
                                         "VALUES (?,?,?,?) RETURNING id")) == 0) {
        char at[32];
        utc_now(at);
        nt_db_bind_int64(q, 1, target);
        nt_db_bind_int64(q, 2, source);
        nt_db_bind_text(q, 3, at);
        nt_db_bind_text(q, 4, actor->name);
        err = nt_db_run_id(q, &merge_id, "recording a merge");
        nt_db_finalize(q);
    }
    if (err == 0)
        err = move_rows(st, merge_id, target, source, actor->today);
    if (err == 0)
        err = audit_pair(st, actor, "gabungkan", merge_id, &t, &s, 0);
    if ((err = finish(st, err)) < 0)
        return err;
    return out != NULL ? merge_get(out, st, merge_id) : NETRA_OK;
}

/* Moves a merge's rows back to the source and restarts the clocks it stopped. */
static int restore_rows(netra_store *st, int64_t merge_id, int64_t target, int64_t source)
{
    char sql[256];
    int err = NETRA_OK;
    for (size_t i = 0; err == 0 && moved_tables[i] != NULL; i++) {
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET case_id = ?1 WHERE id IN (SELECT row_id FROM merge_rows WHERE "
                 "merge_id = ?2 AND tbl = '%s')",
                 moved_tables[i], moved_tables[i]);
        err = run3(st, sql, 2, source, merge_id, 0, NULL, "undoing a merge");
    }
    if (err == 0)
        err = run3(st,
                   "INSERT INTO case_asn(case_id, asn_id) SELECT ?1, row_id FROM merge_rows "
                   "WHERE merge_id = ?2 AND tbl IN ('asn_moved', 'asn_shared') "
                   "ON CONFLICT DO NOTHING",
                   2, source, merge_id, 0, NULL, "undoing a merge");
    /* A moved link leaves the target, unless another merge in force brought the same
     * accused: that merge then owns the link (its entry becomes a move). */
    if (err == 0)
        err = run3(st,
                   "UPDATE merge_rows SET tbl = 'asn_moved' WHERE tbl = 'asn_shared' AND "
                   "merge_id IN (SELECT id FROM merges WHERE target = ?1 AND undone_at IS NULL "
                   "AND id <> ?2) AND row_id IN (SELECT row_id FROM merge_rows WHERE merge_id "
                   "= ?2 AND tbl = 'asn_moved')",
                   2, target, merge_id, 0, NULL, "undoing a merge");
    if (err == 0)
        err = run3(st,
                   "DELETE FROM case_asn WHERE case_id = ?1 AND asn_id IN (SELECT row_id FROM "
                   "merge_rows WHERE merge_id = ?2 AND tbl = 'asn_moved') AND asn_id NOT IN "
                   "(SELECT r.row_id FROM merge_rows r JOIN merges m ON m.id = r.merge_id "
                   "WHERE m.target = ?1 AND m.undone_at IS NULL AND m.id <> ?2 AND r.tbl = "
                   "'asn_moved')",
                   2, target, merge_id, 0, NULL, "undoing a merge");
    if (err == 0)
        err = run3(st,
                   "UPDATE clocks SET running = 1, stopped = NULL WHERE id IN (SELECT row_id "
                   "FROM merge_rows WHERE merge_id = ? AND tbl = 'clocks')",
                   1, merge_id, 0, 0, NULL, "restarting a clock");
    if (err == 0)
        err = nt_store_case_due(st, source);
    return err;
}

int netra_store_case_unmerge(netra_case_merge *out, netra_store *st, int64_t source,
                             const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && actor != NULL && actor->name != NULL && actor->role != NULL);
    netra_case s, t;
    int err = netra_store_case_get(&s, st, source);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT id, target FROM merges WHERE source = ? AND undone_at IS "
                             "NULL ORDER BY id DESC LIMIT 1")) < 0)
        return err;
    nt_db_bind_int64(q, 1, source);
    int64_t merge_id = 0, target = 0;
    int rc = nt_db_step(q, "reading a merge");
    if (rc == NT_DB_ROW) {
        merge_id = nt_db_col_int64(q, 0);
        target = nt_db_col_int64(q, 1);
    }
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    if (merge_id == 0)
        return nt_error_set(NETRA_ENOTFOUND, "case %lld is not merged into another case",
                            (long long)source);
    if ((err = netra_store_case_get(&t, st, target)) < 0)
        return err;
    if ((err = wf_allows(st, &t, "pisahkan", actor->role)) < 0 ||
        (err = wf_allows(st, &s, "pisahkan", actor->role)) < 0)
        return err;
    if ((err = begin(st)) < 0)
        return err;
    err = restore_rows(st, merge_id, target, source);
    if (err == 0)
        err = bump(st, source, s.version, 0, actor->today);
    if (err == 0)
        err = bump(st, target, t.version, 0, actor->today);
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "UPDATE merges SET undone_at = ?, undone_by = ? "
                                         "WHERE id = ? AND undone_at IS NULL")) == 0) {
        char at[32];
        utc_now(at);
        nt_db_bind_text(q, 1, at);
        nt_db_bind_text(q, 2, actor->name);
        nt_db_bind_int64(q, 3, merge_id);
        err = nt_db_run(q, "undoing a merge");
        if (err == 0 && nt_db_changes(q) != 1)
            err = nt_error_set(NETRA_ECONFLICT, "merge %lld was undone meanwhile",
                               (long long)merge_id);
        nt_db_finalize(q);
    }
    if (err == 0)
        err = audit_pair(st, actor, "pisahkan", merge_id, &t, &s, 1);
    if ((err = finish(st, err)) < 0)
        return err;
    return out != NULL ? merge_get(out, st, merge_id) : NETRA_OK;
}

int netra_store_case_merges(netra_store *st, int64_t id,
                            int (*fn)(const netra_case_merge *m, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT " MERGE_COLS
                            " FROM merges m WHERE m.target = ?1 OR m.source = ?1 ORDER BY m.id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc;
    while ((rc = nt_db_step(q, "reading merges")) == NT_DB_ROW) {
        netra_case_merge m;
        read_merge(&m, q);
        if ((err = fn(&m, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}
