/*
 * conflict.c - conflicts of interest (issue 5): when the PPK of a case's accused is a
 * contestant or the incumbent in the case's election, the case is flagged and the
 * recommendation routed to the next authority (data/org/, docs/data/org.md).
 *
 * Who the PPK is and where a conflicted PPK routes are the case module's rules
 * (netra_ppk_resolve, netra_coi_route). The store holds what an office knows: the office
 * holders (netra_store_holders_import) and the contestants of the elections it registered
 * (netra_store_election_register). A conflict is computed when an accused or an act is
 * recorded and again for every concerned case when the elections or the holders change; a
 * change of the flag is an audit entry on the case.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

int netra_store_coi(netra_coi **out, netra_store *st)
{
    NT_ASSERT_ARG(out != NULL && st != NULL);
    if (st->coi == NULL) {
        int err = netra_coi_load(&st->coi, NULL);
        if (err < 0)
            return err;
        st->own_coi = 1;
    }
    *out = st->coi;
    return NETRA_OK;
}

/* A name compared across files: lowercase letters and digits, one space between words;
 * words with a dot (titles: "H.", "S.Sos.", "Dr.") and everything after a comma dropped. */
static void name_key(char *out, size_t size, const char *name)
{
    size_t o = 0;
    const char *p = name ? name : "";
    while (*p && *p != ',') {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != ',')
            p++;
        size_t len = (size_t)(p - w);
        if (len == 0 || memchr(w, '.', len) != NULL)
            continue;
        if (o > 0 && o + 1 < size)
            out[o++] = ' ';
        for (size_t i = 0; i < len && o + 1 < size; i++) {
            unsigned char c = (unsigned char)w[i];
            if (c >= 'A' && c <= 'Z')
                out[o++] = (char)(c + 32);
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'' ||
                     c == '-')
                out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static int conflict_json(nt_buf *b, const netra_case_conflict *c)
{
    if (c == NULL)
        return nt_buf_adds(b, "null");
    const char *k[] = {
        "nip",          "ppk",    "ppk_region",       "ppk_nama",       "pemilihan", "peserta",
        "nama_peserta", "alasan", "dialihkan_kepada", "wilayah_tujuan", NULL};
    const char *v[] = {c->nip,      c->ppk_office,  c->ppk_region,      c->ppk_name,
                       c->election, c->contestant,  c->contestant_name, c->reason,
                       c->route_to, c->route_region};
    int err = nt_buf_addc(b, '{');
    for (size_t i = 0; err == 0 && k[i] != NULL; i++) {
        if (i > 0)
            err = nt_buf_addc(b, ',');
        if (err == 0)
            err = nt_json_str(b, k[i]);
        if (err == 0)
            err = nt_buf_addc(b, ':');
        if (err == 0)
            err = nt_json_str(b, v[i]);
    }
    return err ? err : nt_buf_addc(b, '}');
}

static int read_conflict(netra_case_conflict *out, netra_store *st, int64_t case_id)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT nip, ppk_office, ppk_region, ppk_agency, ppk_name, election, "
                            "contestant, contestant_name, reason, route_to, route_region FROM "
                            "case_conflicts WHERE case_id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc = nt_db_step(q, "reading a conflict of interest");
    if (rc == NT_DB_ROW) {
        memset(out, 0, sizeof *out);
        char *f[] = {out->nip,      out->ppk_office, out->ppk_region,  out->ppk_agency,
                     out->ppk_name, out->election,   out->contestant,  out->contestant_name,
                     out->reason,   out->route_to,   out->route_region};
        size_t sz[] = {sizeof out->nip,        sizeof out->ppk_office,      sizeof out->ppk_region,
                       sizeof out->ppk_agency, sizeof out->ppk_name,        sizeof out->election,
                       sizeof out->contestant, sizeof out->contestant_name, sizeof out->reason,
                       sizeof out->route_to,   sizeof out->route_region};
        for (int i = 0; i < 11; i++)
            nt_store_text(f[i], sz[i], q, i);
        err = NETRA_OK;
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, "case %lld has no conflict of interest",
                           (long long)case_id);
    } else {
        err = rc;
    }
    nt_db_finalize(q);
    return err;
}

int netra_store_case_conflict(netra_case_conflict *out, netra_store *st, int64_t case_id)
{
    NT_ASSERT_ARG(out != NULL && st != NULL);
    return read_conflict(out, st, case_id);
}

/* The accused of a case, read before the lookups (one statement at a time). */
typedef struct accused {
    char nip[24], agency[96], kind[24], region[16];
} accused;
#define MAX_ACCUSED 16

/* The contestant an office holds or whose name the holder has, in the case's elections
 * (the case's law election and its acts'). */
static int find_contestant(netra_case_conflict *c, int *found, netra_store *st, int64_t case_id,
                           const char *holder_key)
{
    nt_stmt *q;
    int err = nt_db_prepare(
        st->db, &q,
        "SELECT e.election, e.contestant, e.name, CASE WHEN e.incumbent_office = "
        "CAST(?2 AS TEXT) AND e.incumbent_region = CAST(?3 AS TEXT) AND CAST(?3 AS TEXT) <> '' "
        "THEN 'petahana' ELSE 'pemegang_jabatan' END FROM election_contestants e WHERE "
        "e.law_election IN (SELECT election FROM cases WHERE id = ?1 UNION SELECT election FROM "
        "acts WHERE case_id = ?1) AND ((e.incumbent_office = CAST(?2 AS TEXT) AND "
        "e.incumbent_region = CAST(?3 AS TEXT) AND CAST(?3 AS TEXT) <> '') OR (CAST(?4 AS TEXT) "
        "<> '' AND e.name_key = CAST(?4 AS TEXT))) ORDER BY 4 DESC, 1, 2 LIMIT 1");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    nt_db_bind_text(q, 2, c->ppk_office);
    nt_db_bind_text(q, 3, c->ppk_region);
    nt_db_bind_text(q, 4, holder_key);
    int rc = nt_db_step(q, "finding the PPK among the contestants");
    *found = rc == NT_DB_ROW;
    if (rc == NT_DB_ROW) {
        nt_store_text(c->election, sizeof c->election, q, 0);
        nt_store_text(c->contestant, sizeof c->contestant, q, 1);
        nt_store_text(c->contestant_name, sizeof c->contestant_name, q, 2);
        nt_store_text(c->reason, sizeof c->reason, q, 3);
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

/* The conflict of a case now: *found 0 when none. */
static int compute(netra_case_conflict *c, int *found, netra_store *st, int64_t case_id)
{
    *found = 0;
    netra_coi *coi;
    int err = netra_store_coi(&coi, st);
    if (err < 0)
        return err;
    accused a[MAX_ACCUSED];
    size_t n = 0;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT a.nip, a.agency, a.agency_kind, a.region FROM case_asn ca "
                             "JOIN asn a ON a.id = ca.asn_id WHERE ca.case_id = ? ORDER BY "
                             "a.nip")) < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = nt_db_step(q, "reading the accused")) == NT_DB_ROW && n < MAX_ACCUSED) {
        nt_store_text(a[n].nip, sizeof a[n].nip, q, 0);
        nt_store_text(a[n].agency, sizeof a[n].agency, q, 1);
        nt_store_text(a[n].kind, sizeof a[n].kind, q, 2);
        nt_store_text(a[n].region, sizeof a[n].region, q, 3);
        n++;
    }
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n && !*found; i++) {
        netra_ppk ppk;
        /* An accused whose PPK cannot be told (no agency, an unknown name) has no
         * conflict to compute; netra case show says why. */
        if (netra_ppk_resolve(&ppk, coi, a[i].kind, a[i].agency, a[i].region) < 0)
            continue;
        memset(c, 0, sizeof *c);
        copy(c->nip, sizeof c->nip, a[i].nip);
        copy(c->ppk_office, sizeof c->ppk_office, ppk.office->id);
        copy(c->ppk_region, sizeof c->ppk_region, ppk.region);
        copy(c->ppk_agency, sizeof c->ppk_agency, ppk.agency);
        char key[96] = "";
        if ((err = nt_db_prepare(st->db, &q,
                                 "SELECT name, name_key FROM office_holders WHERE office = ? "
                                 "AND region = ? AND agency = ?")) < 0)
            return err;
        nt_db_bind_text(q, 1, ppk.office->id);
        nt_db_bind_text(q, 2, ppk.region);
        nt_db_bind_text(q, 3, ppk.region[0] ? "" : ppk.agency);
        if ((rc = nt_db_step(q, "reading an office holder")) == NT_DB_ROW) {
            nt_store_text(c->ppk_name, sizeof c->ppk_name, q, 0);
            nt_store_text(key, sizeof key, q, 1);
        }
        nt_db_finalize(q);
        if (rc < 0)
            return rc;
        if ((err = find_contestant(c, found, st, case_id, key)) < 0)
            return err;
        if (*found) {
            netra_coi_routing r;
            if ((err = netra_coi_route(&r, coi, &ppk)) < 0)
                return err;
            copy(c->route_to, sizeof c->route_to, r.to->id);
            copy(c->route_region, sizeof c->route_region, r.region);
        }
    }
    return NETRA_OK;
}

int nt_store_case_addressee(char office[32], char region[16], int *conflicted, netra_store *st,
                            int64_t case_id)
{
    office[0] = region[0] = '\0';
    *conflicted = 0;
    netra_case_conflict c;
    int err = read_conflict(&c, st, case_id);
    if (err == 0) {
        *conflicted = 1;
        copy(office, 32, c.route_to);
        copy(region, 16, c.route_region);
        return NETRA_OK;
    }
    if (err != NETRA_ENOTFOUND)
        return err;
    netra_coi *coi;
    if ((err = netra_store_coi(&coi, st)) < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT a.agency, a.agency_kind, a.region FROM case_asn ca JOIN asn "
                             "a ON a.id = ca.asn_id WHERE ca.case_id = ? ORDER BY a.nip")) < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = nt_db_step(q, "reading the accused")) == NT_DB_ROW) {
        netra_ppk ppk;
        if (netra_ppk_resolve(&ppk, coi, nt_db_col_text(q, 1), nt_db_col_text(q, 0),
                              nt_db_col_text(q, 2)) == 0) {
            copy(office, 32, ppk.office->id);
            copy(region, 16, ppk.region);
            break;
        }
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : NETRA_OK;
}

static int same(const netra_case_conflict *a, const netra_case_conflict *b)
{
    return strcmp(a->nip, b->nip) == 0 && strcmp(a->ppk_office, b->ppk_office) == 0 &&
           strcmp(a->ppk_region, b->ppk_region) == 0 && strcmp(a->ppk_name, b->ppk_name) == 0 &&
           strcmp(a->election, b->election) == 0 && strcmp(a->contestant, b->contestant) == 0 &&
           strcmp(a->reason, b->reason) == 0 && strcmp(a->route_to, b->route_to) == 0 &&
           strcmp(a->route_region, b->route_region) == 0;
}

int nt_store_conflict_update(netra_store *st, int64_t case_id, const netra_actor *actor)
{
    netra_case_conflict now, before;
    int found, had;
    int err = compute(&now, &found, st, case_id);
    if (err < 0)
        return err;
    err = read_conflict(&before, st, case_id);
    if (err < 0 && err != NETRA_ENOTFOUND)
        return err;
    had = err == NETRA_OK;
    if (had == found && (!found || same(&before, &now)))
        return NETRA_OK;
    nt_stmt *q;
    if (had) {
        if ((err = nt_db_prepare(st->db, &q, "DELETE FROM case_conflicts WHERE case_id = ?")) < 0)
            return err;
        nt_db_bind_int64(q, 1, case_id);
        err = nt_db_run(q, "clearing a conflict of interest");
        nt_db_finalize(q);
        if (err < 0)
            return err;
    }
    if (found) {
        if ((err = nt_db_prepare(st->db, &q,
                                 "INSERT INTO case_conflicts(case_id, nip, ppk_office, "
                                 "ppk_region, ppk_agency, ppk_name, election, contestant, "
                                 "contestant_name, reason, route_to, route_region) VALUES "
                                 "(?,?,?,?,?,?,?,?,?,?,?,?)")) < 0)
            return err;
        nt_db_bind_int64(q, 1, case_id);
        const char *v[] = {now.nip,      now.ppk_office, now.ppk_region,  now.ppk_agency,
                           now.ppk_name, now.election,   now.contestant,  now.contestant_name,
                           now.reason,   now.route_to,   now.route_region};
        for (int i = 0; i < 11; i++)
            nt_db_bind_text(q, i + 2, v[i]);
        err = nt_db_run(q, "recording a conflict of interest");
        nt_db_finalize(q);
        if (err < 0)
            return err;
    }
    nt_buf b, a;
    nt_buf_init(&b, 1 << 14);
    nt_buf_init(&a, 1 << 14);
    err = conflict_json(&b, had ? &before : NULL);
    if (err == 0)
        err = conflict_json(&a, found ? &now : NULL);
    if (err == 0)
        err = nt_store_audit(st, actor, "konflik_kepentingan", "case", case_id, nt_buf_cstr(&b),
                             nt_buf_cstr(&a));
    nt_buf_free(&b);
    nt_buf_free(&a);
    return err;
}

/* Recomputes the conflicts of the cases with an accused (of one law election when given);
 * counts the cases flagged after it. Inside the caller's transaction. */
static int recompute(size_t *n_flagged, netra_store *st, const char *law_election,
                     const netra_actor *actor)
{
    /* Case ids in pages, each page read whole before its updates. */
    enum { PAGE = 500 };
    int64_t after = 0;
    int err = NETRA_OK;
    for (;;) {
        int64_t ids[PAGE];
        size_t n = 0;
        nt_stmt *q;
        if ((err = nt_db_prepare(st->db, &q,
                                 "SELECT DISTINCT ca.case_id FROM case_asn ca JOIN cases c ON "
                                 "c.id = ca.case_id WHERE ca.case_id > ?1 AND (CAST(?2 AS TEXT) "
                                 "IS NULL OR c.election = ?2 OR EXISTS (SELECT 1 FROM acts x "
                                 "WHERE x.case_id = c.id AND x.election = ?2)) ORDER BY "
                                 "ca.case_id LIMIT ?3")) < 0)
            return err;
        nt_db_bind_int64(q, 1, after);
        if (law_election != NULL)
            nt_db_bind_text(q, 2, law_election);
        else
            nt_db_bind_null(q, 2);
        nt_db_bind_int64(q, 3, PAGE);
        int rc;
        while ((rc = nt_db_step(q, "reading cases to check")) == NT_DB_ROW)
            ids[n++] = nt_db_col_int64(q, 0);
        nt_db_finalize(q);
        if (rc < 0)
            return rc;
        for (size_t i = 0; i < n; i++)
            if ((err = nt_store_conflict_update(st, ids[i], actor)) < 0)
                return err;
        if (n < PAGE)
            break;
        after = ids[n - 1];
    }
    if (n_flagged != NULL) {
        nt_stmt *q;
        if ((err = nt_db_prepare(st->db, &q, "SELECT count(*) FROM case_conflicts")) < 0)
            return err;
        int rc = nt_db_step(q, "counting conflicts");
        *n_flagged = rc == NT_DB_ROW ? (size_t)nt_db_col_int64(q, 0) : 0;
        nt_db_finalize(q);
        if (rc < 0)
            return rc;
    }
    return NETRA_OK;
}

static int begin(netra_store *st)
{
    return st->in_txn ? nt_db_savepoint(st->db, "nt_coi") : nt_db_begin(st->db, NT_DB_WRITE);
}

static int finish(netra_store *st, int err)
{
    if (err < 0) {
        if (st->in_txn)
            nt_db_savepoint_rollback(st->db, "nt_coi");
        else
            nt_db_rollback(st->db);
        return err;
    }
    return st->in_txn ? nt_db_savepoint_release(st->db, "nt_coi") : nt_db_commit(st->db);
}

int netra_store_election_register(size_t *n_flagged_out, netra_store *st,
                                  const netra_election_file *ef, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && ef != NULL && actor != NULL && actor->name != NULL);
    const netra_election_info *info = netra_election_get(ef);
    if (info->law_election == NULL || *info->law_election == '\0')
        return nt_error_set(NETRA_EINVAL, "election '%s' names no law election (law_election)",
                            info->id);
    netra_coi *coi;
    int err = netra_store_coi(&coi, st);
    if (err < 0)
        return err;
    if ((err = begin(st)) < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q, "DELETE FROM election_contestants WHERE election = ?")) ==
        0) {
        nt_db_bind_text(q, 1, info->id);
        err = nt_db_run(q, "replacing an election's contestants");
        nt_db_finalize(q);
    }
    size_t rows = 0, incumbents = 0;
    for (size_t i = 0; err == 0 && i < info->n_contestants; i++) {
        const netra_contestant *k = &info->contestants[i];
        char region[16] = "";
        if (k->incumbent_office != NULL) {
            if (netra_coi_authority(coi, k->incumbent_office) == NULL) {
                err = nt_error_set(NETRA_EINVAL,
                                   "contestants[%zu].incumbent.office: '%s' is not an office of "
                                   "data/org/authorities.tsv",
                                   i, k->incumbent_office);
                break;
            }
            if ((err = netra_region_code_normalize(region, sizeof region, k->incumbent_region)) <
                0) {
                err = nt_error_prefix("contestants[%zu].incumbent.region", i);
                break;
            }
            incumbents++;
        }
        for (size_t j = 0; err == 0 && j < k->names.n; j++) {
            char key[96];
            name_key(key, sizeof key, k->names.items[j]);
            if (key[0] == '\0')
                continue;
            if ((err = nt_db_prepare(st->db, &q,
                                     "INSERT INTO election_contestants(election, law_election, "
                                     "contestant, ballot_number, name, name_key, "
                                     "incumbent_office, incumbent_region) VALUES "
                                     "(?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) < 0)
                break;
            nt_db_bind_text(q, 1, info->id);
            nt_db_bind_text(q, 2, info->law_election);
            nt_db_bind_text(q, 3, k->id);
            nt_db_bind_int64(q, 4, k->ballot_number);
            nt_db_bind_text(q, 5, k->names.items[j]);
            nt_db_bind_text(q, 6, key);
            /* The incumbency is the first name's: the head of a pair holds the office. */
            nt_db_bind_text(q, 7, j == 0 && k->incumbent_office ? k->incumbent_office : "");
            nt_db_bind_text(q, 8, j == 0 ? region : "");
            err = nt_db_run(q, "registering a contestant");
            nt_db_finalize(q);
            rows++;
        }
    }
    if (err == 0) {
        nt_buf after;
        nt_buf_init(&after, 4096);
        err = nt_buf_adds(&after, "{\"pemilihan\":");
        if (err == 0)
            err = nt_json_str(&after, info->id);
        if (err == 0)
            err = nt_buf_adds(&after, ",\"pemilihan_hukum\":");
        if (err == 0)
            err = nt_json_str(&after, info->law_election);
        if (err == 0)
            err = nt_buf_addf(&after, ",\"nama\":%zu,\"petahana\":%zu}", rows, incumbents);
        if (err == 0)
            err = nt_store_audit(st, actor, "daftarkan_pemilihan", "election", 0, "null",
                                 nt_buf_cstr(&after));
        nt_buf_free(&after);
    }
    if (err == 0)
        err = recompute(n_flagged_out, st, info->law_election, actor);
    return finish(st, err);
}

int netra_store_asn_set_agency_kind(netra_store *st, const char *nip, const char *kind,
                                    const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && nip != NULL && kind != NULL && actor != NULL);
    netra_coi *coi;
    int err = netra_store_coi(&coi, st);
    if (err < 0)
        return err;
    int known = *kind == '\0';
    for (size_t i = 0; !known && i < netra_coi_n_rules(coi); i++)
        known = strcmp(netra_coi_rule_at(coi, i)->agency_kind, kind) == 0;
    if (!known)
        return nt_error_set(NETRA_EINVAL,
                            "agency kind '%s': one of kementerian, lembaga, kesekretariatan, "
                            "pemprov, pemkab, pemkot (data/org/ppk.tsv)",
                            kind);
    if ((err = begin(st)) < 0)
        return err;
    nt_stmt *q;
    int64_t asn_id = 0;
    if ((err = nt_db_prepare(st->db, &q, "SELECT id FROM asn WHERE nip = ?")) == 0) {
        nt_db_bind_text(q, 1, nip);
        int rc = nt_db_step(q, "reading an ASN");
        if (rc == NT_DB_ROW)
            asn_id = nt_db_col_int64(q, 0);
        else
            err = rc < 0 ? rc : nt_error_set(NETRA_ENOTFOUND, "no accused ASN with NIP %s", nip);
        nt_db_finalize(q);
    }
    if (err == 0 &&
        (err = nt_db_prepare(st->db, &q, "UPDATE asn SET agency_kind = ? WHERE id = ?")) == 0) {
        nt_db_bind_text(q, 1, kind);
        nt_db_bind_int64(q, 2, asn_id);
        err = nt_db_run(q, "setting an agency kind");
        nt_db_finalize(q);
    }
    if (err == 0) {
        nt_buf after;
        nt_buf_init(&after, 1024);
        err = nt_buf_adds(&after, "{\"nip\":");
        if (err == 0)
            err = nt_json_str(&after, nip);
        if (err == 0)
            err = nt_buf_adds(&after, ",\"jenis_instansi\":");
        if (err == 0)
            err = nt_json_str(&after, kind);
        if (err == 0)
            err = nt_buf_addc(&after, '}');
        if (err == 0)
            err = nt_store_audit(st, actor, "ubah_jenis_instansi", "asn", asn_id, "null",
                                 nt_buf_cstr(&after));
        nt_buf_free(&after);
    }
    /* Every case of the accused. */
    int64_t ids[NETRA_ASN_MAX_CASES];
    size_t n = 0;
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "SELECT case_id FROM case_asn WHERE asn_id = ? ORDER "
                                         "BY case_id")) == 0) {
        nt_db_bind_int64(q, 1, asn_id);
        int rc;
        while ((rc = nt_db_step(q, "reading an ASN's cases")) == NT_DB_ROW &&
               n < NETRA_ASN_MAX_CASES)
            ids[n++] = nt_db_col_int64(q, 0);
        nt_db_finalize(q);
        if (rc < 0)
            err = rc;
    }
    for (size_t i = 0; err == 0 && i < n; i++)
        err = nt_store_conflict_update(st, ids[i], actor);
    return finish(st, err);
}

/* ---- office holders --------------------------------------------------------------------- */

typedef struct holder_row {
    const char *office, *region, *agency, *name, *source;
    char region_norm[16];
    netra_date since; /* 0 when unknown */
} holder_row;

#define HOLDERS_MAX_ROWS 20000

static void report_err(void (*report)(const char *, void *), void *payload)
{
    if (report != NULL)
        report(netra_error_last()->msg, payload);
}

int netra_store_holders_import(netra_holders_result *result, netra_store *st, const char *path,
                               const netra_actor *actor,
                               void (*report)(const char *message, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && path != NULL && actor != NULL && actor->name != NULL);
    netra_holders_result res = {0};
    netra_coi *coi;
    int err = netra_store_coi(&coi, st);
    if (err < 0)
        return err;
    static const char *const cols[] = {"office", "region", "agency", "name",
                                       "since",  "source", NULL};
    nt_tsv t;
    if ((err = nt_tsv_open(&t, path, NULL, 0, cols)) < 0)
        return err;
    nt_vec rows;
    nt_vec_init(&rows, sizeof(holder_row), HOLDERS_MAX_ROWS);
    nt_arena arena;
    nt_arena_init(&arena, 16384, 0);
    int rc;
    while ((rc = nt_tsv_next(&t)) > 0) {
        res.rows++;
        if (res.rows > HOLDERS_MAX_ROWS) {
            nt_tsv_error(&t, NULL, "more than %d rows", HOLDERS_MAX_ROWS);
            report_err(report, payload);
            res.bad++;
            break;
        }
        holder_row h;
        memset(&h, 0, sizeof h);
        int bad = 0;
        if (nt_tsv_get_str(&h.office, &t, "office", &arena, 0) < 0 ||
            nt_tsv_get_str(&h.region, &t, "region", &arena, 0) < 0 ||
            nt_tsv_get_str(&h.agency, &t, "agency", &arena, 0) < 0 ||
            nt_tsv_get_str(&h.name, &t, "name", &arena, 0) < 0 ||
            nt_tsv_get_str(&h.source, &t, "source", &arena, 0) < 0) {
            report_err(report, payload);
            res.bad++;
            continue;
        }
        const netra_authority *au = netra_coi_authority(coi, h.office);
        if (au == NULL) {
            nt_tsv_error(&t, "office", "'%s' is not an office of data/org/authorities.tsv",
                         h.office);
            bad = 1;
        } else if (strcmp(h.region, "-") == 0) {
            h.region = "";
            if (strcmp(au->level, "nasional") != 0) {
                nt_tsv_error(&t, "region", "a %s governs a region: give its Kemendagri code",
                             h.office);
                bad = 1;
            }
        } else if (netra_region_code_normalize(h.region_norm, sizeof h.region_norm, h.region) < 0) {
            nt_tsv_error(&t, "region", "%s", netra_error_last()->msg);
            bad = 1;
        } else if ((strcmp(au->level, "provinsi") == 0 && strlen(h.region_norm) != 2) ||
                   (strcmp(au->level, "kabkota") == 0 && strlen(h.region_norm) != 5) ||
                   strcmp(au->level, "nasional") == 0) {
            nt_tsv_error(&t, "region", "'%s' is not the code of the region a %s governs (%s)",
                         h.region, h.office,
                         strcmp(au->level, "provinsi") == 0  ? "PP"
                         : strcmp(au->level, "kabkota") == 0 ? "PP.KK"
                                                             : "'-': a national office");
            bad = 1;
        } else if (strcmp(h.office, "bupati") == 0 || strcmp(h.office, "wali_kota") == 0) {
            int kk = (h.region_norm[3] - '0') * 10 + (h.region_norm[4] - '0');
            int kota = kk >= 71;
            if (kota != (strcmp(h.office, "wali_kota") == 0)) {
                nt_tsv_error(&t, "region", "%s is a %s: its head is not a %s", h.region_norm,
                             kota ? "kota" : "kabupaten", h.office);
                bad = 1;
            }
        }
        if (!bad && strcmp(h.agency, "-") == 0)
            h.agency = "";
        if (!bad && au != NULL && strcmp(au->level, "nasional") == 0 && h.agency[0] == '\0' &&
            strcmp(h.office, "presiden") != 0 && strcmp(h.office, "mendagri") != 0 &&
            strcmp(h.office, "menpanrb") != 0 && strcmp(h.office, "kepala_bkn") != 0) {
            nt_tsv_error(&t, "agency", "a %s is the PPK of one agency: name it", h.office);
            bad = 1;
        }
        if (!bad && au != NULL && strcmp(au->level, "nasional") != 0)
            h.region = h.region_norm;
        if (!bad) {
            int present = 0;
            size_t len;
            const char *v = nt_tsv_get(&t, "since", &len);
            if (!(len == 1 && v[0] == '-') &&
                nt_tsv_get_date(&h.since, &t, "since", 1, &present) < 0)
                bad = 1;
        }
        if (!bad) {
            char key[96];
            name_key(key, sizeof key, h.name);
            if (key[0] == '\0') {
                nt_tsv_error(&t, "name", "'%s' has no name left without titles", h.name);
                bad = 1;
            }
        }
        if (bad) {
            report_err(report, payload);
            res.bad++;
            continue;
        }
        /* The region points into the row: keep a copy that survives the vector's growth. */
        if (h.region == h.region_norm)
            h.region = nt_arena_strdup(&arena, h.region_norm);
        if (h.region == NULL || !nt_vec_push(&rows, &h)) {
            err = netra_error_last()->code;
            break;
        }
    }
    nt_tsv_close(&t);
    if (err == 0 && rc < 0) {
        report_err(report, payload);
        err = rc;
    }
    if (err == 0 && res.bad > 0)
        err = nt_error_set(NETRA_EDATA, "%s: %zu of %zu rows are bad; nothing imported", path,
                           res.bad, res.rows);
    if (err == 0 && (err = begin(st)) == 0) {
        for (size_t i = 0; err == 0 && i < rows.n; i++) {
            const holder_row *h = nt_vec_at(&rows, i);
            char key[96];
            name_key(key, sizeof key, h->name);
            nt_stmt *q;
            if ((err = nt_db_prepare(st->db, &q,
                                     "INSERT INTO office_holders(office, region, agency, name, "
                                     "name_key, since, source) VALUES (?,?,?,?,?,?,?) ON "
                                     "CONFLICT(office, region, agency) DO UPDATE SET name = "
                                     "excluded.name, name_key = excluded.name_key, since = "
                                     "excluded.since, source = excluded.source")) < 0)
                break;
            nt_db_bind_text(q, 1, h->office);
            nt_db_bind_text(q, 2, h->region);
            nt_db_bind_text(q, 3, h->agency);
            nt_db_bind_text(q, 4, h->name);
            nt_db_bind_text(q, 5, key);
            if (h->since)
                nt_db_bind_int64(q, 6, h->since);
            else
                nt_db_bind_null(q, 6);
            nt_db_bind_text(q, 7, h->source);
            err = nt_db_run(q, "storing an office holder");
            nt_db_finalize(q);
            res.imported++;
        }
        if (err == 0) {
            nt_buf after;
            nt_buf_init(&after, 4096);
            err = nt_buf_adds(&after, "{\"berkas\":");
            if (err == 0)
                err = nt_json_str(&after, path);
            if (err == 0)
                err = nt_buf_addf(&after, ",\"pejabat\":%zu}", res.imported);
            if (err == 0)
                err = nt_store_audit(st, actor, "impor_pejabat_ppk", "office_holders", 0, "null",
                                     nt_buf_cstr(&after));
            nt_buf_free(&after);
        }
        if (err == 0)
            err = recompute(&res.n_flagged, st, NULL, actor);
        err = finish(st, err);
        if (err < 0)
            res.imported = 0;
    }
    nt_vec_free(&rows);
    nt_arena_free(&arena);
    if (result != NULL)
        *result = res;
    return err;
}
