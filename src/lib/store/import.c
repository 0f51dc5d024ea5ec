/*
 * import.c - netra_store_import_reports(): a CSV of reports (docs/data/reports-import.md)
 * validated row by row, then imported through the workflow in one transaction.
 *
 * Pass 1 reads every row and reports each problem as "file:line: field 'x': reason"; it
 * stores nothing. Pass 2 reads the file again and creates a case per good row with
 * netra_store_case_new(), then its accused and act, each row inside a savepoint; the whole
 * import is one transaction, so without --partial either every row is imported or none.
 */
#include <stdarg.h>
#include <string.h>

#include "store/store_int.h"
#include "netra/error.h"
#include "netra/ident.h"

#define MAX_FILE ((size_t)64 << 20)

static const char *const cols[] = {
    "received_at",   "channel",  "kind",     "reporter_name", "reporter_contact",
    "reporter_type", "known_at", "region",   "accused_nip",   "accused_name",
    "act",           "act_date", "election", "platform",      "url",
    "summary",       NULL};

typedef struct checker {
    nt_csv *c;
    void (*report)(const char *message, void *payload);
    void *payload;
    size_t problems; /* in the current row */
} checker;

/* One row, validated. Strings point into the CSV reader's buffer. */
typedef struct report_row {
    const char *received_s, *channel, *kind, *reporter, *contact, *rtype, *known_s, *region;
    const char *nip, *accused, *act, *act_date_s, *election, *platform, *url, *summary;
    netra_date received, known, act_date;
    const char *regime, *action;
} report_row;

static void problem(checker *k, const char *field, const char *fmt, ...) NT_PRINTF(3, 4);

static void problem(checker *k, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (void)nt_csv_error(k->c, field, "%s", msg);
    k->problems++;
    if (k->report != NULL)
        k->report(netra_error_last()->msg, k->payload);
}

static const char *col(nt_csv *c, const char *name)
{
    return nt_csv_get(c, name, NULL);
}

/* Parses an optional or required date field; 0 when absent. */
static netra_date date_field(checker *k, const char *name, const char *v, int required)
{
    netra_date d = 0;
    if (*v == '\0') {
        if (required)
            problem(k, name, "required");
        return 0;
    }
    if (netra_date_parse(&d, v, strlen(v)) < 0) {
        problem(k, name, "'%s' is not a date (YYYY-MM-DD)", v);
        return 0;
    }
    return d;
}

static int one_of(const char *v, const char *const *set)
{
    for (size_t i = 0; set[i] != NULL; i++)
        if (strcmp(v, set[i]) == 0)
            return 1;
    return 0;
}

/* A region code: 2 digits, then optional groups of 2, 2 and 4 digits after dots. */
static int region_ok(const char *s)
{
    static const size_t groups[] = {2, 2, 2, 4};
    for (size_t g = 0; g < 4; g++) {
        for (size_t i = 0; i < groups[g]; i++, s++)
            if (*s < '0' || *s > '9')
                return 0;
        if (*s == '\0')
            return 1;
        if (*s++ != '.')
            return 0;
    }
    return 0;
}

/* Validates the current record into r; returns the number of problems (reported). */
static size_t check_row(report_row *r, checker *k, netra_store *st)
{
    static const char *const kinds[] = {"laporan", "temuan", "informasi_awal", NULL};
    static const char *const rtypes[] = {"pemilih", "peserta", "pemantau", NULL};
    nt_csv *c = k->c;
    memset(r, 0, sizeof *r);
    k->problems = 0;
    r->received_s = col(c, "received_at");
    r->channel = col(c, "channel");
    r->kind = col(c, "kind");
    r->reporter = col(c, "reporter_name");
    r->contact = col(c, "reporter_contact");
    r->rtype = col(c, "reporter_type");
    r->known_s = col(c, "known_at");
    r->region = col(c, "region");
    r->nip = col(c, "accused_nip");
    r->accused = col(c, "accused_name");
    r->act = col(c, "act");
    r->act_date_s = col(c, "act_date");
    r->election = col(c, "election");
    r->platform = col(c, "platform");
    r->url = col(c, "url");
    r->summary = col(c, "summary");

    int kind_ok = one_of(r->kind, kinds);
    if (!kind_ok)
        problem(k, "kind", "'%s' is not laporan, temuan or informasi_awal", r->kind);
    int formal = kind_ok && strcmp(r->kind, "informasi_awal") != 0; /* laporan, temuan */
    int laporan = kind_ok && strcmp(r->kind, "laporan") == 0;
    r->received = date_field(k, "received_at", r->received_s, 1);
    r->known = date_field(k, "known_at", r->known_s, formal);
    r->act_date = date_field(k, "act_date", r->act_date_s, formal || *r->act != '\0');
    if (r->received && r->known && r->known > r->received)
        problem(k, "known_at", "%s is after received_at %s", r->known_s, r->received_s);
    if (r->received && r->act_date && r->act_date > r->received)
        problem(k, "act_date", "%s is after received_at %s", r->act_date_s, r->received_s);
    if (r->known && r->act_date && r->act_date > r->known)
        problem(k, "act_date", "%s is after known_at %s", r->act_date_s, r->known_s);

    if (laporan && *r->reporter == '\0')
        problem(k, "reporter_name", "required for a laporan (else file it as informasi_awal)");
    if (*r->reporter != '\0' && !st->has_key)
        problem(k, "reporter_name", "no key to encrypt the reporter (NETRA_KEY or --key-file)");
    if (*r->contact != '\0' && *r->reporter == '\0')
        problem(k, "reporter_contact", "given without reporter_name");
    if (laporan && *r->rtype == '\0')
        problem(k, "reporter_type", "required for a laporan: pemilih, peserta or pemantau");
    else if (*r->rtype != '\0' && !one_of(r->rtype, rtypes))
        problem(k, "reporter_type",
                "'%s' is not pemilih, peserta or pemantau (UU 7/2017 Pasal 454; UU 1/2015 "
                "Pasal 134)",
                r->rtype);

    if (*r->region == '\0') {
        if (formal)
            problem(k, "region", "required for a laporan or temuan (where it happened)");
    } else if (!region_ok(r->region)) {
        problem(k, "region", "'%s' is not a region code (32, 32.73, 32.73.02)", r->region);
    }
    if (*r->nip != '\0') {
        netra_id_options io = NETRA_ID_OPTIONS_INIT;
        netra_id_info info;
        int err = netra_id_check(&info, r->nip, strlen(r->nip), &io);
        if (err < 0)
            problem(k, "accused_nip", "%s", netra_error_last()->msg);
        else if (info.kind != NETRA_ID_NIP && info.kind != NETRA_ID_NIPPPK)
            problem(k, "accused_nip", "'%s' is a NIK, not a NIP or NI PPPK", r->nip);
    }
    if (*r->accused == '\0' && (formal || *r->nip != '\0'))
        problem(k, "accused_name", "required%s", *r->nip != '\0' ? " with accused_nip" : "");

    if (*r->act != '\0' && st->law != NULL && netra_law_act(st->law, r->act) == NULL)
        problem(k, "act", "'%s' is not an act of data/law/acts.tsv", r->act);
    if (*r->election == '\0') {
        problem(k, "election", "required (pemilu-2024, pilkada-2024, ...)");
    } else {
        const netra_election *e = st->law ? netra_law_election(st->law, r->election) : NULL;
        if (e != NULL)
            r->regime = e->kind;
        else if (st->law == NULL && strncmp(r->election, "pemilu-", 7) == 0)
            r->regime = "pemilu";
        else if (st->law == NULL && strncmp(r->election, "pilkada-", 8) == 0)
            r->regime = "pilkada";
        else
            problem(k, "election", "'%s' is not a known election", r->election);
    }
    if (*r->platform != '\0')
        for (const char *p = r->platform; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
                problem(k, "platform", "'%s' is not a lowercase platform id (facebook, tiktok)",
                        r->platform);
                break;
            }
    if (*r->url != '\0' && strncmp(r->url, "https://", 8) != 0 &&
        strncmp(r->url, "http://", 7) != 0)
        problem(k, "url", "'%s' does not start with http:// or https://", r->url);
    if (strlen(r->url) >= sizeof((netra_case_act_row *)0)->url)
        problem(k, "url", "longer than %zu bytes", sizeof((netra_case_act_row *)0)->url - 1);
    if (*r->summary == '\0')
        problem(k, "summary", "required (what happened)");

    r->action = !kind_ok                         ? NULL
                : laporan                        ? "terima_laporan"
                : strcmp(r->kind, "temuan") == 0 ? "tetapkan_temuan"
                                                 : "catat_informasi_awal";
    return k->problems;
}

/* The fields of the creating action (names and values point into r). */
static size_t row_fields(netra_case_field *f, const report_row *r)
{
    size_t n = 0;
    const struct {
        const char *name, *value;
    } map[] = {
        {NETRA_FIELD_REPORTER, r->reporter},
        {NETRA_FIELD_CONTACT, r->contact},
        {"kelayakan", r->rtype},
        {"terlapor", r->accused},
        {"waktu_kejadian", r->act_date_s},
        {"tempat_kejadian", r->region},
        {"uraian", r->summary},
        {strcmp(r->kind, "temuan") == 0 ? "tanggal_ditemukan" : "tanggal_diketahui", r->known_s},
        {"tanggal_diterima", r->received_s},
        {"kanal", r->channel}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (*map[i].value != '\0') {
            f[n].name = map[i].name;
            f[n].value = map[i].value;
            n++;
        }
    f[n].name = NULL;
    f[n].value = NULL;
    return n;
}

/* The workflow's verdict on the creating action, reported against the row. */
static void check_workflow(checker *k, netra_store *st, const report_row *r, const char *role)
{
    netra_case_field f[12];
    size_t n = row_fields(f, r);
    const char *names[12];
    for (size_t i = 0; i < n; i++)
        names[i] = f[i].name;
    names[n] = NULL;
    const netra_transition *t;
    if (netra_workflow_step(&t, st->wf, NULL, r->action, role, r->regime, names) < 0)
        problem(k, "kind", "%s", netra_error_last()->msg);
}

/* Creates the case of a valid row, its accused and its act. */
static int import_row(netra_store *st, const report_row *r, const char *role,
                      const char *actor_name)
{
    netra_case_field f[12];
    row_fields(f, r);
    char title[152];
    size_t len = strlen(r->summary);
    if (len > 150) {
        len = 150;
        while (len > 0 && ((unsigned char)r->summary[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(title, r->summary, len);
    title[len] = '\0';
    netra_case_new c = {r->action, r->regime, r->election, r->region, title, 0};
    netra_actor a = {actor_name, role, r->received};
    int64_t id;
    int err = netra_store_case_new(&id, st, &c, f, &a);
    if (err == 0 && *r->nip != '\0') {
        netra_asn asn = {r->nip, r->accused, "", "", "", r->region, "", ""};
        err = netra_store_case_add_asn(NULL, st, id, &asn, &a);
    }
    if (err == 0 && *r->act != '\0') {
        netra_case_act act = {r->act, r->act_date, r->region, r->platform, r->url,
                              "",     r->election, NULL,      NULL};
        err = netra_store_case_add_act(NULL, st, id, &act, &a);
    }
    return err;
}

/* Reads the file once; with `st_write`, imports the good rows. */
static int walk(netra_import_result *res, netra_store *st, const char *path, int import,
                int partial, const char *role, const char *actor_name, checker *k)
{
    nt_csv c;
    int err = nt_csv_open(&c, path, NULL, 0, MAX_FILE, cols);
    if (err < 0) {
        if (k->report != NULL && err == NETRA_EDATA)
            k->report(netra_error_last()->msg, k->payload);
        return err;
    }
    k->c = &c;
    int rc;
    while ((rc = nt_csv_next(&c)) == 1) {
        report_row r;
        size_t bad = check_row(&r, k, st);
        if (bad == 0)
            check_workflow(k, st, &r, role);
        if (k->problems > 0) {
            if (import && !partial) {
                err = nt_error_set(NETRA_EDATA, "%s:%u: the file changed during the import", path,
                                   c.rec.line);
                break;
            }
            if (!import)
                res->bad++;
            res->rows += !import;
            continue;
        }
        res->rows += !import;
        if (!import)
            continue;
        if ((err = nt_db_savepoint(st->db, "nt_row")) < 0)
            break;
        err = import_row(st, &r, role, actor_name);
        if (err < 0) {
            nt_db_savepoint_rollback(st->db, "nt_row");
            netra_error saved = *netra_error_last();
            char where[64];
            snprintf(where, sizeof where, "%u", c.rec.line);
            err = nt_error_set(saved.code, "%s:%s: %s", path, where, saved.msg);
            if (k->report != NULL)
                k->report(netra_error_last()->msg, k->payload);
            if (!partial)
                break;
            res->bad++;
            err = 0;
            continue;
        }
        if ((err = nt_db_savepoint_release(st->db, "nt_row")) < 0)
            break;
        res->imported++;
    }
    if (rc < 0) {
        err = rc;
        if (k->report != NULL)
            k->report(netra_error_last()->msg, k->payload);
    }
    nt_csv_close(&c);
    return err;
}

int netra_store_import_reports(netra_import_result *result, netra_store *st, const char *path,
                               int partial, const char *role, const char *actor_name,
                               void (*report)(const char *message, void *payload), void *payload)
{
    NT_ASSERT_ARG(result != NULL && st != NULL && path != NULL && role != NULL &&
                  actor_name != NULL);
    memset(result, 0, sizeof *result);
    checker k = {NULL, report, payload, 0};
    int err = walk(result, st, path, 0, partial, role, actor_name, &k);
    if (err < 0)
        return err;
    if (result->bad > 0 && !partial)
        return nt_error_set(NETRA_EDATA, "%s: %zu of %zu rows are bad; nothing imported", path,
                            result->bad, result->rows);
    if (result->bad == result->rows)
        return NETRA_OK;
    /* Pass 2 re-validates quietly (the file may not have changed, but nothing is assumed). */
    checker quiet = {NULL, NULL, NULL, 0};
    if ((err = nt_db_begin(st->db, NT_DB_WRITE)) < 0)
        return err;
    st->in_txn = 1;
    netra_import_result pass2 = {0, 0, 0};
    err = walk(&pass2, st, path, 1, partial, role, actor_name, &quiet);
    st->in_txn = 0;
    if (err < 0) {
        nt_db_rollback(st->db);
        return err;
    }
    if ((err = nt_db_commit(st->db)) < 0)
        return err;
    result->imported = pass2.imported;
    result->bad += pass2.bad;
    return NETRA_OK;
}
