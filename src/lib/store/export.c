/*
 * export.c - netra_store_export(): every case with its accused, acts, clocks, state and
 * version, as CSV or JSON, streamed one case at a time inside one read snapshot, with the
 * audit-chain head the snapshot holds. Formats: docs/data/export.md.
 *
 * Nothing of the reporters table and none of a case's fields are read here, so a
 * reporter's identity cannot reach an export.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

/* Columns of the CSV export; the multi-valued ones hold one item per accused, act or clock,
 * separated by "; " (docs/data/export.md). */
static const char *const csv_header =
    "id,version,kind,regime,election,state,region,holder,title,opened,updated,demo,"
    "accused_nip,accused_name,accused_agency,accused_position,accused_ppk,"
    "act_type,act_date,act_region,act_platform,act_url,act_stage,act_form,"
    "clocks\r\n";

typedef struct exporter {
    netra_store *st;
    netra_export_format format;
    FILE *out;
    nt_buf row;      /* the case being written */
    nt_buf cell[13]; /* gathered cells: accused 0..4, acts 5..11, clocks 12 */
    size_t n;        /* cases written */
    int err;
} exporter;

/* Appends one CSV cell: guarded against formula injection, quoted when needed. */
static int csv_cell(nt_buf *b, const char *s, int last)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int err = quote ? nt_buf_addc(b, '"') : 0;
    if (err == 0 && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'))
        err = nt_buf_addc(b, '\'');
    for (const char *p = s; err == 0 && *p; p++)
        err = quote && *p == '"' ? nt_buf_adds(b, "\"\"") : nt_buf_addc(b, *p);
    if (err == 0 && quote)
        err = nt_buf_addc(b, '"');
    return err ? err : nt_buf_adds(b, last ? "\r\n" : ",");
}

/* Appends an item to a multi-valued CSV cell. */
static int multi_add(nt_buf *b, const char *s)
{
    int err = b->len > 0 ? nt_buf_adds(b, "; ") : 0;
    return err ? err : nt_buf_adds(b, s);
}

static void date_str(char out[NETRA_DATE_STRLEN], netra_date d)
{
    if (d == 0)
        out[0] = '\0';
    else
        netra_date_format(d, out);
}

static int on_asn(const netra_case_asn_row *a, void *payload)
{
    exporter *x = payload;
    int err = 0;
    if (x->format == NETRA_EXPORT_CSV) {
        const char *v[5] = {a->nip, a->name, a->agency, a->position, a->ppk};
        for (int i = 0; err == 0 && i < 5; i++)
            err = multi_add(&x->cell[i], v[i]);
        return err;
    }
    nt_buf *b = &x->cell[0];
    err = nt_buf_adds(b, b->len > 0 ? ",{\"nip\":" : "{\"nip\":");
    if (err == 0)
        err = nt_json_str(b, a->nip);
    if (err == 0 && (err = nt_buf_adds(b, ",\"name\":")) == 0)
        err = nt_json_str(b, a->name);
    if (err == 0 && (err = nt_buf_adds(b, ",\"agency\":")) == 0)
        err = nt_json_str(b, a->agency);
    if (err == 0 && (err = nt_buf_adds(b, ",\"position\":")) == 0)
        err = nt_json_str(b, a->position);
    if (err == 0 && (err = nt_buf_adds(b, ",\"ppk\":")) == 0)
        err = nt_json_str(b, a->ppk);
    if (err == 0)
        err = nt_buf_addf(b, ",\"cases\":%d}", a->n_cases);
    return err;
}

static int on_act(const netra_case_act_row *a, void *payload)
{
    exporter *x = payload;
    char date[NETRA_DATE_STRLEN];
    date_str(date, a->date);
    const char *v[7] = {a->type, date, a->region, a->platform, a->url, a->stage, a->form};
    static const char *const names[7] = {"type", "date",  "region", "platform",
                                         "url",  "stage", "form"};
    int err = 0;
    if (x->format == NETRA_EXPORT_CSV) {
        for (int i = 0; err == 0 && i < 7; i++)
            err = multi_add(&x->cell[5 + i], v[i]);
        return err;
    }
    nt_buf *b = &x->cell[5];
    err = b->len > 0 ? nt_buf_addc(b, ',') : 0;
    if (err == 0)
        err = nt_buf_addc(b, '{');
    for (int i = 0; err == 0 && i < 7; i++) {
        err = nt_buf_addf(b, "%s\"%s\":", i > 0 ? "," : "", names[i]);
        if (err == 0)
            err = nt_json_str(b, v[i]);
    }
    return err ? err : nt_buf_addc(b, '}');
}

static int on_clock(const netra_case_clock *k, void *payload)
{
    exporter *x = payload;
    char started[NETRA_DATE_STRLEN], deadline[NETRA_DATE_STRLEN], stopped[NETRA_DATE_STRLEN];
    date_str(started, k->started);
    date_str(deadline, k->deadline);
    date_str(stopped, k->running ? 0 : k->stopped);
    nt_buf *b = &x->cell[12];
    if (x->format == NETRA_EXPORT_CSV) {
        char item[160];
        snprintf(item, sizeof item, "%s %s..%s %s%s", k->clock, started, deadline,
                 k->running ? "berjalan" : "berhenti", k->extended ? " diperpanjang" : "");
        return multi_add(b, item);
    }
    int err = b->len > 0 ? nt_buf_addc(b, ',') : 0;
    if (err == 0)
        err = nt_buf_addc(b, '{');
    if (err == 0)
        err = nt_buf_addf(b,
                          "\"clock\":\"%s\",\"started\":\"%s\",\"deadline\":\"%s\","
                          "\"running\":%s,\"stopped\":\"%s\",\"extended\":%s,\"basis\":",
                          k->clock, started, deadline, k->running ? "true" : "false", stopped,
                          k->extended ? "true" : "false");
    if (err == 0)
        err = nt_json_str(b, k->basis);
    return err ? err : nt_buf_addc(b, '}');
}

static int json_kv(nt_buf *b, const char *key, const char *value, int first)
{
    int err = nt_buf_addf(b, "%s\"%s\":", first ? "" : ",", key);
    return err ? err : nt_json_str(b, value);
}

/* Writes one case (after its accused, acts and clocks are gathered into x->cell). */
static int write_case(exporter *x, const netra_case *c)
{
    nt_buf *b = &x->row;
    char opened[NETRA_DATE_STRLEN], updated[NETRA_DATE_STRLEN], num[2][24];
    date_str(opened, c->opened);
    date_str(updated, c->updated);
    snprintf(num[0], sizeof num[0], "%lld", (long long)c->id);
    snprintf(num[1], sizeof num[1], "%lld", (long long)c->version);
    const char *v[12] = {num[0],      num[1],   c->kind,   c->regime,
                         c->election, c->state, c->region, c->holder,
                         c->title,    opened,   updated,   c->demo ? "1" : "0"};
    int err = 0;
    if (x->format == NETRA_EXPORT_CSV) {
        for (int i = 0; err == 0 && i < 12; i++)
            err = csv_cell(b, v[i], 0);
        for (int i = 0; err == 0 && i < 13; i++)
            err = csv_cell(b, nt_buf_cstr(&x->cell[i]), i == 12);
    } else {
        err = nt_buf_addf(b, "%s\n{\"id\":%s,\"version\":%s", x->n > 0 ? "," : "", num[0], num[1]);
        static const char *const keys[] = {"kind",   "regime", "election", "state",  "region",
                                           "holder", "title",  "opened",   "updated"};
        for (int i = 0; err == 0 && i < 9; i++)
            err = json_kv(b, keys[i], v[2 + i], 0);
        if (err == 0)
            err = nt_buf_addf(b, ",\"demo\":%s,\"accused\":[%s],\"acts\":[%s],\"clocks\":[%s]}",
                              c->demo ? "true" : "false", nt_buf_cstr(&x->cell[0]),
                              nt_buf_cstr(&x->cell[5]), nt_buf_cstr(&x->cell[12]));
    }
    if (err == 0 && fwrite(b->ptr, 1, b->len, x->out) != b->len)
        err = nt_error_set(NETRA_EIO, "writing the export");
    return err;
}

static int on_case(const netra_case *c, void *payload)
{
    exporter *x = payload;
    nt_buf_reset(&x->row);
    for (size_t i = 0; i < sizeof x->cell / sizeof *x->cell; i++)
        nt_buf_reset(&x->cell[i]);
    int err = netra_store_case_asns(x->st, c->id, on_asn, x);
    if (err == 0)
        err = netra_store_case_acts(x->st, c->id, on_act, x);
    if (err == 0)
        err = netra_store_case_clocks(x->st, c->id, on_clock, x);
    if (err == 0)
        err = write_case(x, c);
    if (err < 0) {
        x->err = err;
        return err;
    }
    x->n++;
    return 0;
}

int netra_store_export(size_t *n_out, netra_store *st, netra_export_format format, FILE *out)
{
    NT_ASSERT_ARG(st != NULL && out != NULL &&
                  (format == NETRA_EXPORT_CSV || format == NETRA_EXPORT_JSON));
    if (n_out)
        *n_out = 0;
    /* One read transaction: the head and the rows are one snapshot. */
    int err = nt_db_begin(st->db, NT_DB_READ);
    if (err < 0)
        return err;
    int64_t seq = 0;
    char hash[65];
    if ((err = netra_store_audit_head(&seq, hash, st)) < 0) {
        nt_db_rollback(st->db);
        return err;
    }
    char built[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", &tm);

    exporter x;
    memset(&x, 0, sizeof x);
    x.st = st;
    x.format = format;
    x.out = out;
    nt_buf_init(&x.row, (size_t)64 << 20);
    for (size_t i = 0; i < sizeof x.cell / sizeof *x.cell; i++)
        nt_buf_init(&x.cell[i], (size_t)16 << 20);
    int w;
    if (format == NETRA_EXPORT_CSV)
        w = fprintf(out, "# netra export; built_at=%s; audit_head=%lld:%s\r\n%s", built,
                    (long long)seq, hash, csv_header);
    else
        w = fprintf(out,
                    "{\"format\":\"netra-export/1\",\"built_at\":\"%s\","
                    "\"audit_head\":{\"entry\":%lld,\"hash\":\"%s\"},\"cases\":[",
                    built, (long long)seq, hash);
    if (w < 0)
        err = nt_error_set(NETRA_EIO, "writing the export");
    if (err == 0)
        err = netra_store_case_list(st, NULL, on_case, &x);
    if (err == 0 && x.err < 0)
        err = x.err;
    if (err == 0 && format == NETRA_EXPORT_JSON && fprintf(out, "\n],\"count\":%zu}\n", x.n) < 0)
        err = nt_error_set(NETRA_EIO, "writing the export");
    if (err == 0 && fflush(out) != 0)
        err = nt_error_set(NETRA_EIO, "writing the export");
    (void)nt_db_commit(st->db);
    nt_buf_free(&x.row);
    for (size_t i = 0; i < sizeof x.cell / sizeof *x.cell; i++)
        nt_buf_free(&x.cell[i]);
    if (n_out && err == 0)
        *n_out = x.n;
    return err;
}
