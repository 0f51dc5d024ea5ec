/*
 * cmd_id.c - `netra id check`: validates NIP, NI PPPK and NIK numbers given on the command
 * line or one per line on standard input ("-"), decodes their segments, and points at the
 * wrong digits with a caret line. Rules: docs/internals/ident.md (libnetra's ident module).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "netra/region.h"
#include "netra/date.h"
#include "netra/error.h"
#include "netra/ident.h"

static const char *help_id =
    "Penggunaan: netra id check [--kind auto|nip|pppk|nik] [--today TGL] [--min-age N]\n"
    "                           [--json] ID...\n"
    "\n"
    "Memeriksa NIP (PNS), NI PPPK, dan NIK (KTP) angka demi angka, lalu menguraikan isinya.\n"
    "Untuk nomor yang salah, disebutkan segmen yang salah, posisi angkanya, dan alasannya.\n"
    "ID '-' membaca satu nomor per baris dari masukan standar (baris kosong dilewati).\n"
    "\n"
    "  NIP      18 angka: tanggal lahir TTTTBBHH, TMT CPNS TTTTBB, jenis kelamin (1 laki-laki,\n"
    "           2 perempuan), nomor urut 001-999 (Perka BKN 22/2007 dan 43/2007)\n"
    "  NI PPPK  18 angka: tanggal lahir, tahun pengangkatan TTTT, kode (21 PPPK, 24 PPPK\n"
    "           paruh waktu; bukan bulan), jenis kelamin, nomor urut\n"
    "  NIK      16 angka: kode kecamatan PPKKCC, tanggal lahir HHBBTT (tanggal + 40 untuk\n"
    "           perempuan), nomor urut 0001-9999\n"
    "\n"
    "Spasi, titik, dan tanda hubung boleh dipakai sebagai pemisah (\"19860926 201505 1 001\").\n"
    "Tidak ada angka pemeriksa: nomor yang lolos berarti wajar, bukan pasti terdaftar.\n"
    "\n"
    "Opsi:\n"
    "  --kind JENIS     auto (bawaan), nip, pppk, atau nik\n"
    "  --today TGL      tanggal 'hari ini' TTTT-BB-HH untuk pemeriksaan (bawaan: hari ini, WIB)\n"
    "  --min-age N      usia minimal saat pengangkatan, aturan kewajaran (bawaan: 18)\n"
    "  --json           keluaran JSON\n"
    "\n"
    "Kode keluar: 0 semua sah, 3 ada yang tidak sah, 2 penggunaan salah, 5 galat baca.\n"
    "\n"
    "Contoh:\n"
    "  netra id check 198609262015051001\n"
    "  netra id check '19900913 2025 24 2 014' 3273016609860002\n"
    "  netra id check --kind nip - < daftar-nip.txt\n";

static const char *help_en =
    "Usage: netra id check [--kind auto|nip|pppk|nik] [--today DATE] [--min-age N]\n"
    "                      [--json] ID...\n"
    "\n"
    "Checks NIP (civil servant), NI PPPK (contract employee) and NIK (identity card) numbers\n"
    "digit by digit and decodes them. For a wrong number it names the wrong segment, the\n"
    "positions of its digits and the reason. ID '-' reads one number per line from standard\n"
    "input (blank lines are skipped).\n"
    "\n"
    "  NIP      18 digits: date of birth YYYYMMDD, TMT CPNS YYYYMM, sex (1 male, 2 female),\n"
    "           sequence 001-999 (Perka BKN 22/2007 and 43/2007)\n"
    "  NI PPPK  18 digits: date of birth, appointment year YYYY, code (21 PPPK, 24 PPPK\n"
    "           paruh waktu; not a month), sex, sequence\n"
    "  NIK      16 digits: district code PPKKCC, date of birth DDMMYY (day + 40 for women),\n"
    "           sequence 0001-9999\n"
    "\n"
    "Spaces, dots and dashes may be used as separators (\"19860926 201505 1 001\").\n"
    "There is no check digit: a number that passes is plausible, not proven to exist.\n"
    "\n"
    "Options:\n"
    "  --kind KIND      auto (default), nip, pppk or nik\n"
    "  --today DATE     the 'today' YYYY-MM-DD used by the checks (default: today, WIB)\n"
    "  --min-age N      minimum age at appointment, a plausibility rule (default: 18)\n"
    "  --json           JSON output\n"
    "\n"
    "Exit codes: 0 all valid, 3 some invalid, 2 usage error, 5 read error.\n"
    "\n"
    "Examples:\n"
    "  netra id check 198609262015051001\n"
    "  netra id check '19900913 2025 24 2 014' 3273016609860002\n"
    "  netra id check --kind nip - < nip-list.txt\n";

/* State of one `netra id check` run. */
typedef struct id_run {
    cli_ctx *ctx;          /* output and language */
    netra_id_options opts; /* library options */
    json_t *results;       /* --json: the array of results; NULL otherwise */
    int oom;               /* a JSON allocation failed */
    unsigned n;            /* numbers checked */
    unsigned n_invalid;    /* of which invalid */
} id_run;

static const char *kind_token(netra_id_kind k)
{
    switch (k) {
    case NETRA_ID_NIP:
        return "nip";
    case NETRA_ID_NIPPPK:
        return "pppk";
    case NETRA_ID_NIK:
        return "nik";
    default:
        return NULL;
    }
}

static const char *reason_token(netra_id_reason r)
{
    switch (r) {
    case NETRA_ID_REASON_EXPECTED:
        return "expected";
    case NETRA_ID_REASON_LENGTH_NIK:
        return "length_nik";
    case NETRA_ID_REASON_MONTH:
        return "month";
    case NETRA_ID_REASON_NOT_MONTH:
        return "not_month";
    case NETRA_ID_REASON_NIP_FAILED:
        return "nip_failed";
    case NETRA_ID_REASON_NEITHER:
        return "neither";
    default:
        return NULL;
    }
}

static const char *segment_token(netra_id_segment s)
{
    static const char *const names[] = {NULL,        "birth",    "tmt",      "pppk_year",
                                        "pppk_code", "sex",      "sequence", "province",
                                        "regency",   "district", "region",   "nik_birth"};
    if ((int)s < 0 || (size_t)s >= sizeof names / sizeof *names)
        return NULL;
    return names[s];
}

/* Writes `s` with every byte that is not printable ASCII shown as '?', so that one byte is
 * one column and a caret line stays aligned. */
static void put_plain(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        fputc(c >= 0x20 && c < 0x7f ? c : '?', f);
    }
}

static void put_caret(FILE *f, size_t col, size_t width)
{
    fputs("  ", f);
    for (size_t i = 0; i < col; i++)
        fputc(' ', f);
    for (size_t i = 0; i < width; i++)
        fputc('^', f);
    fputc('\n', f);
}

/* A JSON string of the input: as is when it is valid UTF-8, else with bad bytes as '?'. */
static json_t *input_json(const char *s, size_t len)
{
    json_t *v = json_stringn(s, len);
    if (v != NULL)
        return v;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        copy[i] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
    }
    v = json_stringn(copy, len);
    free(copy);
    return v;
}

static void jset(id_run *r, json_t *obj, const char *key, json_t *v)
{
    if (obj == NULL || v == NULL || json_object_set_new(obj, key, v) < 0)
        r->oom = 1;
}

static json_t *jstr_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *problem_json(id_run *r, const netra_id_problem *p)
{
    char msg[512];
    json_t *o = json_object();
    netra_id_explain_problem(msg, sizeof msg, p, r->ctx->lang == CLI_LANG_EN);
    jset(r, o, "code", json_string(netra_id_problem_name(p->code)));
    jset(r, o, "kind", jstr_or_null(kind_token(p->kind)));
    jset(r, o, "segment", jstr_or_null(segment_token(p->segment)));
    if (p->start > 0) {
        jset(r, o, "segment_name",
             json_string(netra_id_segment_name(p->segment, r->ctx->lang == CLI_LANG_EN)));
        jset(r, o, "start", json_integer(p->start));
        jset(r, o, "end", json_integer(p->end));
        jset(r, o, "bad_start", json_integer(p->bad_start));
        jset(r, o, "bad_end", json_integer(p->bad_end));
    }
    if (p->code == NETRA_ID_PROBLEM_CHAR) {
        jset(r, o, "offset", json_integer((json_int_t)p->offset));
        jset(r, o, "byte", json_integer(p->byte));
    }
    if (p->code == NETRA_ID_PROBLEM_LENGTH) {
        jset(r, o, "found", json_integer(p->value));
        jset(r, o, "expected", p->expected ? json_integer(p->expected) : json_null());
    }
    jset(r, o, "message", json_string(msg));
    return o;
}

static json_t *result_json(id_run *r, const netra_id_info *info, const char *text, size_t len,
                           const char *explanation)
{
    int en = r->ctx->lang == CLI_LANG_EN;
    json_t *o = json_object();
    jset(r, o, "input", input_json(text, len));
    jset(r, o, "valid", json_boolean(info->valid));
    jset(r, o, "kind", jstr_or_null(kind_token(info->kind)));
    jset(r, o, "reason", jstr_or_null(reason_token(info->reason)));
    jset(r, o, "digits", json_string(info->digits));
    if (info->valid) {
        char d[NETRA_DATE_STRLEN];
        netra_date_format(info->birth, d);
        jset(r, o, "birth_date", json_string(d));
        jset(r, o, "sex", json_string(info->sex == NETRA_ID_SEX_MALE ? "male" : "female"));
        jset(r, o, "sequence", json_integer(info->sequence));
        if (info->kind == NETRA_ID_NIP) {
            jset(r, o, "tmt_year", json_integer(info->tmt_year));
            jset(r, o, "tmt_month", json_integer(info->tmt_month));
        } else if (info->kind == NETRA_ID_NIPPPK) {
            jset(r, o, "pppk_year", json_integer(info->pppk_year));
            jset(r, o, "pppk_code", json_integer(info->pppk_code));
            jset(r, o, "pppk_code_meaning",
                 jstr_or_null(netra_id_pppk_code_meaning(info->pppk_code, en)));
        } else if (info->kind == NETRA_ID_NIK) {
            jset(r, o, "region", json_string(info->region));
            jset(r, o, "region_checked", json_boolean(info->region_checked));
            jset(r, o, "birth_year_2digit", json_integer(info->birth_year_2digit));
        }
        if (info->alt.code != NETRA_ID_PROBLEM_NONE)
            jset(r, o, "alt", problem_json(r, &info->alt));
    } else {
        jset(r, o, "problem", problem_json(r, &info->problem));
        if (info->alt.code != NETRA_ID_PROBLEM_NONE)
            jset(r, o, "alt", problem_json(r, &info->alt));
    }
    jset(r, o, "explanation", json_string(explanation));
    return o;
}

static void print_field(const cli_ctx *ctx, const char *id, const char *en, const char *value)
{
    fprintf(ctx->out, "  %-18s %s\n", cli_t(ctx, id, en), value);
}

/* Region table for checking a NIK's kecamatan code; NULL when the data is not installed. */
static netra_regions *g_regs;

static int region_exists(const char *code6, void *payload)
{
    const netra_region *r;
    int err = netra_regions_get(&r, (const netra_regions *)payload, code6);
    if (err == NETRA_OK)
        return r->level == NETRA_REGION_DISTRICT;
    return err == NETRA_ENOTFOUND ? 0 : -1;
}

static void print_valid(const cli_ctx *ctx, const netra_id_info *info)
{
    static const char *const mon_id[12] = {"Januari",   "Februari", "Maret",    "April",
                                           "Mei",       "Juni",     "Juli",     "Agustus",
                                           "September", "Oktober",  "November", "Desember"};
    static const char *const mon_en[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
    int en = ctx->lang == CLI_LANG_EN;
    char v[128], d[NETRA_DATE_STRLEN];
    if (info->kind == NETRA_ID_NIK) {
        snprintf(v, sizeof v, "%.2s.%.2s.%.2s", info->region, info->region + 2, info->region + 4);
        print_field(ctx, "kode kecamatan", "district code", v);
        const netra_region *kec;
        if (info->region_checked && g_regs != NULL &&
            netra_regions_get(&kec, g_regs, info->region) == NETRA_OK && kec->parent != NULL) {
            snprintf(v, sizeof v, "%s, %s", kec->name, kec->parent->name);
            print_field(ctx, "kecamatan", "district", v);
        }
    }
    print_field(ctx, "tanggal lahir", "date of birth", netra_date_format(info->birth, d));
    if (info->kind == NETRA_ID_NIP) {
        int m = info->tmt_month >= 1 && info->tmt_month <= 12 ? info->tmt_month : 1;
        snprintf(v, sizeof v, "%04d-%02d (%s %d)", info->tmt_year, info->tmt_month,
                 en ? mon_en[m - 1] : mon_id[m - 1], info->tmt_year);
        print_field(ctx, "TMT CPNS", "TMT CPNS", v);
    } else if (info->kind == NETRA_ID_NIPPPK) {
        snprintf(v, sizeof v, "%04d", info->pppk_year);
        print_field(ctx, "tahun pengangkatan", "appointed in", v);
        const char *meaning = netra_id_pppk_code_meaning(info->pppk_code, en);
        snprintf(v, sizeof v, "%02d (%s)", info->pppk_code,
                 meaning != NULL ? meaning
                                 : cli_t(ctx, "artinya tidak diketahui", "meaning unknown"));
        print_field(ctx, "kode PPPK", "PPPK code", v);
    }
    print_field(ctx, "jenis kelamin", "sex",
                info->sex == NETRA_ID_SEX_MALE ? cli_t(ctx, "laki-laki", "male")
                                               : cli_t(ctx, "perempuan", "female"));
    snprintf(v, sizeof v, info->kind == NETRA_ID_NIK ? "%04d" : "%03d", info->sequence);
    print_field(ctx, "nomor urut", "sequence", v);
}

static void print_invalid(const cli_ctx *ctx, const netra_id_info *info, const char *text,
                          size_t len)
{
    const netra_id_problem *p = &info->problem;
    if (p->code == NETRA_ID_PROBLEM_CHAR) {
        fputs("  ", ctx->out);
        put_plain(ctx->out, text, len);
        fputc('\n', ctx->out);
        put_caret(ctx->out, p->offset, 1);
    } else if (p->start > 0) {
        fprintf(ctx->out, "  %s\n", info->digits);
        put_caret(ctx->out, (size_t)(p->bad_start - 1), (size_t)(p->bad_end - p->bad_start + 1));
    } else if (p->code == NETRA_ID_PROBLEM_LENGTH) {
        fprintf(ctx->out, "  %s%s\n", info->digits,
                info->n_digits > NETRA_ID_MAX_DIGITS ? "..." : "");
    }
}

/* Checks one number and reports it. Returns 0 when valid, 1 when not, -1 on an internal
 * error (already reported). */
static int check_one(id_run *r, const char *text, size_t len)
{
    netra_id_info info;
    char explanation[1024];
    int rc = netra_id_check(&info, text, len, &r->opts);
    if (rc != NETRA_OK && info.problem.code == NETRA_ID_PROBLEM_NONE) {
        cli_fail(r->ctx, rc, "pemeriksaan nomor", "checking a number");
        return -1;
    }
    netra_id_explain(explanation, sizeof explanation, &info, r->ctx->lang == CLI_LANG_EN);
    r->n++;
    if (!info.valid)
        r->n_invalid++;
    if (r->results != NULL) {
        json_t *o = result_json(r, &info, text, len, explanation);
        if (o == NULL || json_array_append_new(r->results, o) < 0)
            r->oom = 1;
        return info.valid ? 0 : 1;
    }
    const cli_ctx *ctx = r->ctx;
    put_plain(ctx->out, text, len);
    if (info.valid)
        fprintf(ctx->out, ": %s (%s)\n", cli_t(ctx, "sah", "valid"), netra_id_kind_name(info.kind));
    else if (info.kind != NETRA_ID_UNKNOWN)
        fprintf(ctx->out, ": %s (%s)\n", cli_t(ctx, "TIDAK SAH", "INVALID"),
                netra_id_kind_name(info.kind));
    else
        fprintf(ctx->out, ": %s\n", cli_t(ctx, "TIDAK SAH", "INVALID"));
    if (info.valid)
        print_valid(ctx, &info);
    else
        print_invalid(ctx, &info, text, len);
    fprintf(ctx->out, "  %s\n", explanation);
    return info.valid ? 0 : 1;
}

/* Reads numbers one per line from stdin. Returns CLI_EXIT_OK or an exit code. */
static int check_stdin(id_run *r)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = CLI_EXIT_OK;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        if (check_one(r, line, len) < 0) {
            rc = CLI_EXIT_ERROR;
            break;
        }
    }
    if (rc == CLI_EXIT_OK && ferror(stdin)) {
        cli_errorf(r->ctx, "gagal membaca masukan standar: %s", "cannot read standard input: %s",
                   strerror(errno));
        rc = CLI_EXIT_ENV;
    }
    free(line);
    return rc;
}

static int parse_kind(const char *s, netra_id_kind *out)
{
    if (strcmp(s, "auto") == 0)
        *out = NETRA_ID_AUTO;
    else if (strcmp(s, "nip") == 0)
        *out = NETRA_ID_NIP;
    else if (strcmp(s, "pppk") == 0 || strcmp(s, "nipppk") == 0)
        *out = NETRA_ID_NIPPPK;
    else if (strcmp(s, "nik") == 0)
        *out = NETRA_ID_NIK;
    else
        return -1;
    return 0;
}

/* --kind, --today and --min-age (cli_opts_parse hands them here). */
static int check_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    id_run *r = p;
    if (key == 'k') {
        if (parse_kind(arg, &r->opts.expect) < 0)
            return cli_usage(ctx, cmd, "--kind menerima auto, nip, pppk, atau nik: %s",
                             "--kind takes auto, nip, pppk or nik: %s", arg);
    } else if (key == 't') {
        if (netra_date_parse(&r->opts.today, arg, strlen(arg)) < 0 ||
            r->opts.today < -25567 /* 1900-01-01 */)
            return cli_usage(ctx, cmd, "--today harus berbentuk TTTT-BB-HH: %s",
                             "--today must be YYYY-MM-DD: %s", arg);
    } else {
        long v;
        if (cli_long_in(arg, 0, 99, &v) < 0)
            return cli_usage(ctx, cmd, "--min-age harus bilangan 0-99: %s",
                             "--min-age must be a number 0-99: %s", arg);
        r->opts.min_age = (int)v;
    }
    return CLI_EXIT_OK;
}

static const cli_opt check_table[] = {
    CLI_CALL("kind", 'k'),
    CLI_CALL("today", 't'),
    CLI_CALL("min-age", 'm'),
};

static int cmd_id_check(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(check_table, check_call, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    id_run r = {ctx, NETRA_ID_OPTIONS_INIT, NULL, 0, 0, 0};
    int first;
    int prc = cli_opts_parse_argv(ctx, "id check", argc, argv, &spec, &r, &first);
    if (prc != CLI_EXIT_OK)
        return prc;
    if (first >= argc)
        return cli_usage(ctx, "id check", "tidak ada nomor untuk diperiksa", "no number to check");
    /* A NIK's first six digits are its kecamatan code: check it against the region table
     * when that data is installed; otherwise say the check was skipped. */
    if (netra_regions_load(&g_regs, NULL) == NETRA_OK) {
        r.opts.region_exists = region_exists;
        r.opts.region_payload = g_regs;
    } else {
        g_regs = NULL;
        cli_errorf(ctx,
                   "catatan: data wilayah tidak tersedia (%s); kode kecamatan NIK tidak diperiksa",
                   "note: region data unavailable (%s); NIK district codes are not checked",
                   netra_error_last()->msg);
    }
    if (ctx->json) {
        r.results = json_array();
        if (r.results == NULL)
            return cli_print_json(ctx, NULL);
    }
    int rc = CLI_EXIT_OK;
    for (int i = first; i < argc && rc == CLI_EXIT_OK; i++) {
        if (strcmp(argv[i], "-") == 0)
            rc = check_stdin(&r);
        else if (check_one(&r, argv[i], strlen(argv[i])) < 0)
            rc = CLI_EXIT_ERROR;
    }
    netra_regions_free(g_regs);
    g_regs = NULL;
    if (rc != CLI_EXIT_OK) {
        json_decref(r.results);
        return rc;
    }
    if (r.results != NULL) {
        json_t *top = json_object();
        jset(&r, top, "count", json_integer(r.n));
        jset(&r, top, "invalid", json_integer(r.n_invalid));
        jset(&r, top, "results", r.results);
        if (r.oom) {
            json_decref(top);
            top = NULL;
        }
        rc = cli_print_json(ctx, top);
        if (rc != CLI_EXIT_OK)
            return rc;
    } else if (r.n > 1) {
        if (ctx->lang == CLI_LANG_EN)
            fprintf(ctx->out, "%u numbers checked: %u valid, %u invalid\n", r.n, r.n - r.n_invalid,
                    r.n_invalid);
        else
            fprintf(ctx->out, "%u nomor diperiksa: %u sah, %u tidak sah\n", r.n, r.n - r.n_invalid,
                    r.n_invalid);
    }
    return r.n_invalid > 0 ? CLI_EXIT_INVALID : CLI_EXIT_OK;
}

int cmd_id(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "check") != 0)
        return cli_usage(ctx, "id", "subperintah tidak dikenal '%s' (yang ada: check)",
                         "unknown subcommand '%s' (available: check)", argv[1]);
    if (cli_wants_help(argc - 1, argv + 1)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    return cmd_id_check(ctx, argc - 1, argv + 1);
}
