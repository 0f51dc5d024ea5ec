/*
 * cmd_public.c - the public side and the review queue on the command line:
 * `netra report` (a report without an account, its receipt, status, questions and replies,
 * completion and evidence upload), `netra queue` (detector verdicts awaiting review) and
 * `netra transparency` (aggregates with small cells suppressed). Also the part of
 * `netra demo seed` that fills the queue and leaves receipts (demo_seed_public).
 * Library side: include/netra/intake.h, include/netra/queue.h.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"
#include "netra/detect.h"
#include "netra/intake.h"
#include "netra/item.h"
#include "netra/queue.h"

#define MAX_ELECTIONS  16
#define LINE_MAX_BYTES (1u << 20)

typedef struct popts {
    const char *db, *key_file, *role, *actor;
    const char *regime, *election, *region, *reporter, *contact, *eligibility, *accused;
    const char *when, *where, *what, *known, *title, *note, *state, *form, *items;
    const char *elections[MAX_ELECTIONS];
    size_t n_elections;
    netra_date date;
    int have_date, include_demo;
    long long now, after, limit, lease;
    int have_now;
    char *pos[4];
    int n_pos;
} popts;

typedef cli_store_env penv;

static void penv_close(penv *e)
{
    cli_store_close(e);
}

static int penv_open(const cli_ctx *ctx, penv *e, const popts *o)
{
    return cli_store_open(ctx, e, o->db, o->key_file, 0, 0);
}

static int parse_ll(const cli_ctx *ctx, const char *opt, const char *v, long long min,
                    long long max, long long *out)
{
    char *end;
    long long x = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || x < min || x > max) {
        cli_errorf(ctx, "%s: '%s' bukan bilangan bulat %lld..%lld",
                   "%s: '%s' is not an integer %lld..%lld", opt, v, min, max);
        return CLI_EXIT_USAGE;
    }
    *out = x;
    return CLI_EXIT_OK;
}

/* The options with a number or a list (cli_opts_parse hands them here). */
static int pcall(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    popts *o = p;
    switch (key) {
    case 'e':
        if (o->n_elections == MAX_ELECTIONS)
            return cli_usage(ctx, cmd, "terlalu banyak --election (maks. %d)",
                             "too many --election (max %d)", MAX_ELECTIONS);
        o->elections[o->n_elections++] = arg;
        o->election = arg;
        return CLI_EXIT_OK;
    case 'N': {
        int rc = parse_ll(ctx, "--now", arg, 0, 253402300799LL, &o->now);
        if (rc == CLI_EXIT_OK)
            o->have_now = 1;
        return rc;
    }
    case 'A':
        return parse_ll(ctx, "--after", arg, 0, INT64_MAX, &o->after);
    case 'L':
        return parse_ll(ctx, "--limit", arg, 1, 500, &o->limit);
    default:
        return parse_ll(ctx, "--lease", arg, 1, NETRA_QUEUE_LEASE_MAX, &o->lease);
    }
}

#define PTEXT(name, member) CLI_TEXT(popts, name, member)
#define PCALL(name, key)    CLI_CALL(name, key)

static const cli_opt popt_table[] = {
    PTEXT("db", db),
    PTEXT("key-file", key_file),
    PTEXT("role", role),
    PTEXT("actor", actor),
    PTEXT("regime", regime),
    PCALL("election", 'e'),
    PTEXT("region", region),
    PTEXT("reporter", reporter),
    PTEXT("contact", contact),
    PTEXT("eligibility", eligibility),
    PTEXT("accused", accused),
    PTEXT("when", when),
    PTEXT("where", where),
    PTEXT("what", what),
    PTEXT("known", known),
    PTEXT("title", title),
    PTEXT("note", note),
    PTEXT("state", state),
    PTEXT("form", form),
    PTEXT("items", items),
    {"date", CLI_OPT_DATE, offsetof(popts, date), offsetof(popts, have_date), 0, 0},
    PCALL("now", 'N'),
    PCALL("after", 'A'),
    PCALL("limit", 'L'),
    PCALL("lease", 'S'),
    {"include-demo", CLI_OPT_FLAG, offsetof(popts, include_demo), 0, 0, 0},
};

static int pparse(cli_ctx *ctx, const char *cmd, int argc, char **argv, popts *o)
{
    static const cli_opts_spec spec =
        CLI_SPEC(popt_table, pcall, "opsi tidak dikenal '%s'", "unknown option '%s'");
    memset(o, 0, sizeof *o);
    o->role = "bawaslu_kabkota";
    o->actor = getenv("USER") ? getenv("USER") : "netra";
    o->lease = NETRA_QUEUE_LEASE_DEFAULT;
    int rc = cli_opts_parse(ctx, cmd, argc, argv, &spec, o, o->pos, &o->n_pos, 4);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!o->have_date)
        o->date = netra_date_today();
    if (!o->have_now)
        o->now = (long long)time(NULL);
    return CLI_EXIT_OK;
}

static int parse_id(const cli_ctx *ctx, const char *s, int64_t *out)
{
    long long v;
    int rc = parse_ll(ctx, "ID", s, 1, INT64_MAX, &v);
    *out = v;
    return rc;
}

/* ---- netra report ------------------------------------------------------------------------- */

static const char *report_help_id =
    "Penggunaan: netra report PERINTAH [OPSI]\n\n"
    "Laporan masyarakat tanpa akun, dengan kode resi.\n\n"
    "  submit --regime pemilu|pilkada --what URAIAN [--reporter \"NAMA, ALAMAT\"]\n"
    "         [--contact K] [--eligibility pemilih|pemantau|peserta] [--accused TERLAPOR]\n"
    "         [--when WAKTU] [--where TEMPAT] [--known TGL] [--election E] [--region KODE]\n"
    "         [--title JUDUL]\n"
    "         Pelapor yang berhak dengan semua syarat: laporan (kajian awal 2 hari). Anonim\n"
    "         atau tidak lengkap: informasi awal. Mencetak kode resi (sekali saja).\n"
    "  status KODE           tahap, langkah berikutnya, tenggat dan dasar hukumnya\n"
    "  messages KODE         pertanyaan pemeriksa dan balasan pelapor\n"
    "  reply KODE TEKS       membalas pertanyaan pemeriksa\n"
    "  complete KODE TEKS    melengkapi laporan bila diminta (1 hari)\n"
    "  upload KODE BERKAS    mengunggah bukti (jenis dikenali dari isi, maks. 10 MiB)\n"
    "  ask ID TEKS           pemeriksa (--role pengawas) bertanya kepada pelapor perkara ID\n"
    "  thread ID             pesan perkara ID (untuk petugas)\n\n"
    "Opsi: --db BERKAS, --key-file BERKAS (kunci identitas pelapor), --date TGL,\n"
    "      --role PERAN, --actor AKUN.\n";
static const char *report_help_en =
    "Usage: netra report COMMAND [OPTIONS]\n\n"
    "Reports from the public without an account, with a receipt code.\n\n"
    "  submit --regime pemilu|pilkada --what DESCRIPTION [--reporter \"NAME, ADDRESS\"]\n"
    "         [--contact C] [--eligibility pemilih|pemantau|peserta] [--accused WHO]\n"
    "         [--when WHEN] [--where WHERE] [--known DATE] [--election E] [--region CODE]\n"
    "         [--title TITLE]\n"
    "         An entitled reporter with every requirement: a laporan (2-day preliminary\n"
    "         review). Anonymous or incomplete: initial information. Prints the receipt code\n"
    "         (once).\n"
    "  status CODE           stage, next step, deadline and its legal basis\n"
    "  messages CODE         the examiner's questions and the reporter's replies\n"
    "  reply CODE TEXT       answer the examiner\n"
    "  complete CODE TEXT    complete the report when asked (1 day)\n"
    "  upload CODE FILE      upload evidence (type recognised by content, at most 10 MiB)\n"
    "  ask ID TEXT           the examiner (--role of the supervisors) asks the reporter of case "
    "ID\n"
    "  thread ID             messages of case ID (for staff)\n\n"
    "Options: --db FILE, --key-file FILE (reporter identity key), --date DATE,\n"
    "         --role ROLE, --actor ACCOUNT.\n";

static json_t *message_json(const netra_public_message *m)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)m->id, "at", m->at, "sender",
                     m->sender, "kind", m->kind, "body", m->body);
}

static int on_message(const netra_public_message *m, void *payload)
{
    void **p = payload;
    cli_ctx *ctx = p[0];
    if (ctx->json)
        return json_array_append_new(p[1], message_json(m)) == 0 ? 0 : NETRA_ENOMEM;
    const char *who = strcmp(m->sender, "pelapor") == 0 ? cli_t(ctx, "Pelapor", "Reporter")
                                                        : cli_t(ctx, "Pemeriksa", "Examiner");
    fprintf(ctx->out, "[%s] %s (%s): %s\n", m->at, who, m->kind, m->body);
    return 0;
}

static int print_messages(cli_ctx *ctx, penv *e, const char *code, int64_t case_id)
{
    json_t *arr = ctx->json ? json_array() : NULL;
    void *p[2] = {ctx, arr};
    int err = code ? netra_public_messages(e->st, code, on_message, p)
                   : netra_case_messages(e->st, case_id, on_message, p);
    if (err < 0) {
        json_decref(arr);
        return cli_fail(ctx, err, "pesan", "messages");
    }
    if (ctx->json)
        return cli_print_json(ctx, arr);
    return CLI_EXIT_OK;
}

static int report_submit(cli_ctx *ctx, penv *e, const popts *o)
{
    netra_public_report r = {
        o->reporter, o->contact, o->eligibility, o->regime, o->election, o->region, o->accused,
        o->when,     o->where,   o->what,        o->known,  o->title,    0};
    if (o->regime == NULL)
        return cli_usage(ctx, "report", "submit memerlukan --regime pemilu|pilkada",
                         "submit needs --regime pemilu|pilkada");
    netra_public_receipt rc;
    int err = netra_public_submit(&rc, e->st, &r, o->date);
    if (err < 0)
        return cli_fail(ctx, err, "laporan ditolak", "report refused");
    if (ctx->json)
        return cli_print_json(ctx,
                              json_pack("{s:s, s:s, s:s, s:I}", "receipt", rc.code, "kind", rc.kind,
                                        "missing", rc.missing, "case", (json_int_t)rc.case_id));
    fprintf(ctx->out, "%s %s\n", cli_t(ctx, "Kode resi:", "Receipt code:"), rc.code);
    if (strcmp(rc.kind, "laporan") == 0)
        fputs(cli_t(ctx, "Diterima sebagai laporan; pengawas mengkajinya dalam 2 hari.\n",
                    "Received as a report; the supervisors review it within 2 days.\n"),
              ctx->out);
    else
        fprintf(ctx->out,
                CLI_T(ctx, "Diterima sebagai informasi awal (kurang: %s).\n",
                      "Received as initial information (missing: %s).\n"),
                rc.missing);
    fputs(cli_t(ctx, "Simpan kode ini: hanya dengan kode ini Anda dapat melihat status.\n",
                "Keep this code: it is the only way to see the status.\n"),
          ctx->out);
    return CLI_EXIT_OK;
}

static int report_status(cli_ctx *ctx, penv *e, const popts *o, const char *code)
{
    netra_public_status s;
    int err = netra_public_status_get(&s, e->st, code, o->date);
    if (err < 0)
        return cli_fail(ctx, err, "resi", "receipt");
    char dl[NETRA_DATE_STRLEN] = "", op[NETRA_DATE_STRLEN];
    if (s.deadline)
        netra_date_format(s.deadline, dl);
    netra_date_format(s.opened, op);
    if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", s.kind, "state",
                              s.state, "opened", op, "state_id", s.state_id, "state_en", s.state_en,
                              "next_id", s.next_id, "next_en", s.next_en);
        if (j != NULL && s.clock[0])
            json_object_set_new(j, "deadline",
                                json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "clock", s.clock,
                                          "label_id", s.clock_id, "label_en", s.clock_en, "date",
                                          dl, "basis", s.basis, "overdue", s.overdue));
        if (j != NULL && s.awaiting_reply)
            json_object_set_new(j, "request", json_string(s.request));
        return cli_print_json(ctx, j);
    }
    fprintf(ctx->out, "%s %s\n", cli_t(ctx, "Status:", "Status:"),
            cli_t(ctx, s.state_id, s.state_en));
    fprintf(ctx->out, "%s %s\n", cli_t(ctx, "Berikutnya:", "Next:"),
            cli_t(ctx, s.next_id, s.next_en));
    if (s.clock[0])
        fprintf(ctx->out, CLI_T(ctx, "Tenggat: %s (%s%s; %s)\n", "Deadline: %s (%s%s; %s)\n"), dl,
                cli_t(ctx, s.clock_id, s.clock_en),
                s.overdue ? cli_t(ctx, ", terlewati", ", passed") : "", s.basis);
    if (s.awaiting_reply)
        fprintf(ctx->out, CLI_T(ctx, "Diminta melengkapi: %s\n", "Asked to complete: %s\n"),
                s.request);
    fprintf(ctx->out, CLI_T(ctx, "Diterima: %s\n", "Received: %s\n"), op);
    return CLI_EXIT_OK;
}

static int report_upload(cli_ctx *ctx, penv *e, const popts *o, const char *code, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        cli_errorf(ctx, "tidak dapat membuka '%s'", "cannot open '%s'", path);
        return CLI_EXIT_ENV;
    }
    size_t cap = NETRA_UPLOAD_MAX_BYTES + 1;
    unsigned char *buf = malloc(cap);
    if (buf == NULL) {
        fclose(f);
        return cli_fail(ctx, NETRA_ENOMEM, "unggah", "upload");
    }
    size_t len = fread(buf, 1, cap, f);
    int rd_err = ferror(f);
    fclose(f);
    if (rd_err) {
        free(buf);
        cli_errorf(ctx, "gagal membaca '%s'", "cannot read '%s'", path);
        return CLI_EXIT_ENV;
    }
    char sha[65];
    const char *type = NULL;
    int err = netra_public_evidence_add(sha, &type, e->st, code, buf, len, o->date);
    free(buf);
    if (err < 0)
        return cli_fail(ctx, err, "bukti ditolak", "evidence refused");
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:s, s:s, s:I}", "sha256", sha, "media_type", type,
                                             "bytes", (json_int_t)len));
    fprintf(ctx->out,
            CLI_T(ctx, "Bukti disimpan: %s, %zu bita, SHA-256 %s\n",
                  "Evidence stored: %s, %zu bytes, SHA-256 %s\n"),
            type, len, sha);
    return CLI_EXIT_OK;
}

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, report_help_id, report_help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    popts o;
    int rc = pparse(ctx, "report", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos < 1)
        return cli_usage(ctx, "report", "perintah hilang", "missing command");
    const char *sub = o.pos[0];
    static const struct {
        const char *name;
        int args;
    } subs[] = {{"submit", 0},   {"status", 1}, {"messages", 1}, {"reply", 2},
                {"complete", 2}, {"upload", 2}, {"ask", 2},      {"thread", 1}};
    int want = -1;
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(sub, subs[i].name) == 0)
            want = subs[i].args;
    if (want < 0)
        return cli_usage(ctx, "report", "perintah tidak dikenal '%s'", "unknown command '%s'", sub);
    if (o.n_pos != want + 1)
        return cli_usage(ctx, "report", "'%s' memerlukan %d argumen", "'%s' takes %d arguments",
                         sub, want);
    penv e;
    if ((rc = penv_open(ctx, &e, &o)) != CLI_EXIT_OK)
        return rc;
    int err = 0;
    if (strcmp(sub, "submit") == 0) {
        rc = report_submit(ctx, &e, &o);
    } else if (strcmp(sub, "status") == 0) {
        rc = report_status(ctx, &e, &o, o.pos[1]);
    } else if (strcmp(sub, "messages") == 0) {
        rc = print_messages(ctx, &e, o.pos[1], 0);
    } else if (strcmp(sub, "thread") == 0) {
        int64_t id;
        rc = parse_id(ctx, o.pos[1], &id);
        if (rc == CLI_EXIT_OK)
            rc = print_messages(ctx, &e, NULL, id);
    } else if (strcmp(sub, "reply") == 0) {
        if ((err = netra_public_reply(NULL, e.st, o.pos[1], o.pos[2], o.date)) < 0)
            rc = cli_fail(ctx, err, "balasan ditolak", "reply refused");
        else
            fputs(cli_t(ctx, "Balasan terkirim.\n", "Reply sent.\n"), ctx->out);
    } else if (strcmp(sub, "complete") == 0) {
        if ((err = netra_public_complete(e.st, o.pos[1], o.pos[2], o.date)) < 0)
            rc = cli_fail(ctx, err, "kelengkapan ditolak", "completion refused");
        else
            fputs(cli_t(ctx, "Laporan dilengkapi; kembali ke kajian awal.\n",
                        "Report completed; back to the preliminary review.\n"),
                  ctx->out);
    } else if (strcmp(sub, "upload") == 0) {
        rc = report_upload(ctx, &e, &o, o.pos[1], o.pos[2]);
    } else { /* ask */
        int64_t id;
        rc = parse_id(ctx, o.pos[1], &id);
        netra_actor a = {o.actor, o.role, o.date};
        if (rc == CLI_EXIT_OK && (err = netra_case_question_add(NULL, e.st, id, o.pos[2], &a)) < 0)
            rc = cli_fail(ctx, err, "pertanyaan ditolak", "question refused");
        else if (rc == CLI_EXIT_OK)
            fputs(cli_t(ctx, "Pertanyaan terkirim kepada pelapor.\n",
                        "Question sent to the reporter.\n"),
                  ctx->out);
    }
    penv_close(&e);
    return rc;
}

/* ---- netra queue -------------------------------------------------------------------------- */

static const char *queue_help_id =
    "Penggunaan: netra queue PERINTAH [OPSI]\n\n"
    "Antrean tinjauan putusan detektor yang ditandai (flagged).\n\n"
    "  add VERDIK.jsonl --items ITEM.jsonl --election BERKAS...\n"
    "                    memasukkan putusan 'netra scan' yang ditandai beserta itemnya;\n"
    "                    item yang sama (id + pemilihan) tidak dimasukkan dua kali\n"
    "  list [--election E] [--form F] [--state S] [--after N] [--limit N]\n"
    "  show ID           satu entri dengan item dan putusannya (JSON)\n"
    "  claim ID [--lease DETIK]   mengklaim entri (bawaan 900 detik)\n"
    "  release ID        melepas klaim\n"
    "  confirm ID [--region KODE] [--accused TERLAPOR] [--note CATATAN]\n"
    "                    menjadikan temuan dengan item sebagai bukti (peran pengawas)\n"
    "  dismiss ID ALASAN [--note CATATAN]   menolak dengan alasan (lihat 'reasons')\n"
    "  second ID [--note CATATAN]           menandai untuk ditinjau ulang\n"
    "  reasons           alasan penolakan (data/review/reasons.tsv)\n\n"
    "Opsi: --db BERKAS, --role PERAN, --actor AKUN, --date TGL, --now DETIK_UNIX.\n";
static const char *queue_help_en =
    "Usage: netra queue COMMAND [OPTIONS]\n\n"
    "The review queue of flagged detector verdicts.\n\n"
    "  add VERDICTS.jsonl --items ITEMS.jsonl --election FILE...\n"
    "                    queue the flagged verdicts of 'netra scan' with their items; the\n"
    "                    same item (id + election) is never queued twice\n"
    "  list [--election E] [--form F] [--state S] [--after N] [--limit N]\n"
    "  show ID           one entry with its item and verdict (JSON)\n"
    "  claim ID [--lease SECONDS]   claim an entry (default 900 seconds)\n"
    "  release ID        give a claim back\n"
    "  confirm ID [--region CODE] [--accused WHO] [--note NOTE]\n"
    "                    make it a temuan with the item as evidence (a supervisor role)\n"
    "  dismiss ID REASON [--note NOTE]   dismiss with a reason (see 'reasons')\n"
    "  second ID [--note NOTE]           mark for a second look\n"
    "  reasons           dismissal reasons (data/review/reasons.tsv)\n\n"
    "Options: --db FILE, --role ROLE, --actor ACCOUNT, --date DATE, --now UNIX_SECONDS.\n";

typedef struct item_line {
    char *id;
    char *text;
    size_t len;
} item_line;

typedef struct item_set {
    item_line *v;
    size_t n, cap;
} item_set;

static void items_free(item_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].text);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Reads the items file (JSON Lines) keeping each line by its "id". */
static int items_read(const cli_ctx *ctx, item_set *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        cli_errorf(ctx, "tidak dapat membuka '%s'", "cannot open '%s'", path);
        return CLI_EXIT_ENV;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    int rc = CLI_EXIT_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        if ((size_t)n > LINE_MAX_BYTES) {
            cli_errorf(ctx, "%s:%u: baris melebihi %u bita", "%s:%u: line over %u bytes", path,
                       lineno, LINE_MAX_BYTES);
            rc = CLI_EXIT_INVALID;
            break;
        }
        json_error_t je;
        json_t *j = json_loadb(line, (size_t)n, 0, &je);
        json_t *id = json_is_object(j) ? json_object_get(j, "id") : NULL;
        if (!json_is_string(id)) {
            json_decref(j);
            cli_errorf(ctx, "%s:%u: item tanpa 'id' atau bukan JSON",
                       "%s:%u: item without 'id' or not JSON", path, lineno);
            rc = CLI_EXIT_INVALID;
            break;
        }
        if (s->n == s->cap) {
            size_t nc = s->cap ? s->cap * 2 : 64;
            item_line *p = realloc(s->v, nc * sizeof *p);
            if (p == NULL) {
                json_decref(j);
                rc = cli_fail(ctx, NETRA_ENOMEM, "item", "items");
                break;
            }
            s->v = p;
            s->cap = nc;
        }
        s->v[s->n].id = strdup(json_string_value(id));
        s->v[s->n].text = strdup(line);
        s->v[s->n].len = (size_t)n;
        json_decref(j);
        if (s->v[s->n].id == NULL || s->v[s->n].text == NULL) {
            s->n++;
            rc = cli_fail(ctx, NETRA_ENOMEM, "item", "items");
            break;
        }
        s->n++;
    }
    free(line);
    fclose(f);
    return rc;
}

static const item_line *items_find(const item_set *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
}

/* The law election and regime of each election file given. */
typedef struct emap {
    char id[64], law[48], regime[16];
} emap;

static int elections_map(const cli_ctx *ctx, emap *m, const popts *o, const netra_law *law)
{
    for (size_t i = 0; i < o->n_elections; i++) {
        netra_election_file *ef;
        int err = netra_election_load(&ef, o->elections[i]);
        if (err < 0)
            return cli_fail(ctx, err, o->elections[i], o->elections[i]);
        const netra_election_info *info = netra_election_get(ef);
        const netra_election *le = netra_law_election(law, info->law_election);
        if (le == NULL) {
            cli_errorf(ctx, "%s: pemilihan '%s' tidak ada dalam data hukum",
                       "%s: election '%s' is not in the law data", o->elections[i],
                       info->law_election);
            netra_election_free(ef);
            return CLI_EXIT_INVALID;
        }
        snprintf(m[i].id, sizeof m[i].id, "%s", info->id);
        snprintf(m[i].law, sizeof m[i].law, "%s", info->law_election);
        snprintf(m[i].regime, sizeof m[i].regime, "%s", le->kind);
        netra_election_free(ef);
    }
    return CLI_EXIT_OK;
}

typedef struct add_stats {
    size_t added, exists, not_flagged, scan_errors, errors;
} add_stats;

/* Queues the verdicts of one file. Shared by `queue add` and the demo seed. */
static int queue_add_file(const cli_ctx *ctx, netra_store *st, const char *path,
                          const item_set *items, const emap *m, size_t n_m,
                          const netra_actor *actor, add_stats *stats)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        cli_errorf(ctx, "tidak dapat membuka '%s'", "cannot open '%s'", path);
        return CLI_EXIT_ENV;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    int rc = CLI_EXIT_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        json_t *j = json_loadb(line, (size_t)n, 0, NULL);
        json_t *flag = json_object_get(j, "flagged");
        if (j != NULL && json_object_get(j, "error") != NULL) {
            /* an item the scanner could not read: nothing to review */
            json_decref(j);
            stats->scan_errors++;
            continue;
        }
        if (j == NULL) {
            cli_errorf(ctx, "%s:%u: bukan putusan (JSON tidak sah)",
                       "%s:%u: not a verdict (invalid JSON)", path, lineno);
            stats->errors++;
            rc = CLI_EXIT_INVALID;
            continue;
        }
        if (!json_is_true(flag)) {
            stats->not_flagged++;
            json_decref(j);
            continue;
        }
        const char *id = json_string_value(json_object_get(j, "id"));
        const char *el =
            json_string_value(json_object_get(json_object_get(j, "violation"), "election"));
        const item_line *it = id ? items_find(items, id) : NULL;
        const emap *em = NULL;
        for (size_t i = 0; el != NULL && i < n_m; i++)
            if (strcmp(m[i].id, el) == 0)
                em = &m[i];
        if (it == NULL || em == NULL) {
            if (it == NULL)
                cli_errorf(ctx, "%s:%u: item '%s' tidak ada di --items",
                           "%s:%u: item '%s' is not in --items", path, lineno, id ? id : "");
            else
                cli_errorf(ctx, "%s:%u: pemilihan '%s' tidak diberikan dengan --election",
                           "%s:%u: election '%s' was not given with --election", path, lineno,
                           el ? el : "");
            json_decref(j);
            stats->errors++;
            rc = CLI_EXIT_INVALID;
            continue;
        }
        json_decref(j);
        netra_queue_source src = {em->law, em->regime};
        netra_queue_added what;
        int err = netra_queue_add(&what, NULL, st, it->text, it->len, line, (size_t)n, &src, actor);
        if (err < 0) {
            cli_errorf(ctx, "%s:%u: %s", "%s:%u: %s", path, lineno, netra_error_last()->msg);
            stats->errors++;
            rc = cli_exit_for(err);
            if (err == NETRA_ESTORAGE || err == NETRA_ENOMEM)
                break;
            continue;
        }
        if (what == NETRA_QUEUE_ADDED)
            stats->added++;
        else if (what == NETRA_QUEUE_EXISTS)
            stats->exists++;
        else
            stats->not_flagged++;
    }
    free(line);
    fclose(f);
    return rc;
}

static int on_entry(const netra_queue_entry *q, void *payload)
{
    void **p = payload;
    cli_ctx *ctx = p[0];
    json_t *arr = p[1];
    int full = p[2] != NULL;
    if (ctx->json) {
        json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:I, s:s, "
                              "s:I}",
                              "id", (json_int_t)q->id, "item", q->item_id, "election", q->election,
                              "law_election", q->law_election, "contestant", q->contestant, "form",
                              q->form, "level", q->level, "act", q->act, "asn_score", q->asn_score,
                              "state", q->state, "claimed_by", q->claimed_by, "lease_until",
                              (json_int_t)q->lease_until, "reason", q->reason, "case",
                              (json_int_t)q->case_id);
        if (j != NULL && full) {
            json_object_set_new(j, "item_json", json_loads(q->item_json, 0, NULL));
            json_object_set_new(j, "verdict_json", json_loads(q->verdict_json, 0, NULL));
        }
        return json_array_append_new(arr, j) == 0 ? 0 : NETRA_ENOMEM;
    }
    fprintf(ctx->out, "%6lld  %-24s %-18s %-3s %-6s %-13s", (long long)q->id, q->item_id,
            q->election, q->contestant, q->form, q->state);
    if (q->claimed_by[0])
        fprintf(ctx->out, CLI_T(ctx, "  sedang ditinjau %s", "  being reviewed by %s"),
                q->claimed_by);
    if (q->case_id)
        fprintf(ctx->out, CLI_T(ctx, "  perkara %lld", "  case %lld"), (long long)q->case_id);
    if (q->reason[0])
        fprintf(ctx->out, "  (%s)", q->reason);
    fputc('\n', ctx->out);
    if (full)
        fprintf(ctx->out, "item: %s\nverdict: %s\n", q->item_json, q->verdict_json);
    return 0;
}

static int on_reason(const netra_queue_reason *r, void *payload)
{
    void **p = payload;
    cli_ctx *ctx = p[0];
    if (ctx->json)
        return json_array_append_new(p[1],
                                     json_pack("{s:s, s:s, s:s}", "reason", r->reason, "label_id",
                                               r->label_id, "label_en", r->label_en)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(ctx->out, "%-18s %s\n", r->reason, cli_t(ctx, r->label_id, r->label_en));
    return 0;
}

static int queue_add_cmd(cli_ctx *ctx, penv *e, const popts *o)
{
    if (o->items == NULL || o->n_elections == 0)
        return cli_usage(ctx, "queue", "add memerlukan --items dan --election",
                         "add needs --items and --election");
    emap m[MAX_ELECTIONS];
    int rc = elections_map(ctx, m, o, e->law);
    if (rc != CLI_EXIT_OK)
        return rc;
    item_set items = {0};
    if ((rc = items_read(ctx, &items, o->items)) != CLI_EXIT_OK) {
        items_free(&items);
        return rc;
    }
    netra_actor a = {o->actor, o->role, o->date};
    add_stats s = {0};
    rc = queue_add_file(ctx, e->st, o->pos[1], &items, m, o->n_elections, &a, &s);
    items_free(&items);
    if (ctx->json) {
        int jr = cli_print_json(
            ctx,
            json_pack("{s:I, s:I, s:I, s:I, s:I}", "added", (json_int_t)s.added, "already_queued",
                      (json_int_t)s.exists, "not_flagged", (json_int_t)s.not_flagged, "scan_errors",
                      (json_int_t)s.scan_errors, "errors", (json_int_t)s.errors));
        return rc != CLI_EXIT_OK ? rc : jr;
    }
    fprintf(ctx->out,
            CLI_T(ctx,
                  "%zu masuk antrean, %zu sudah ada, %zu tidak ditandai, %zu baris galat "
                  "pemindaian dilewati, %zu galat.\n",
                  "%zu queued, %zu already queued, %zu not flagged, %zu scan error lines "
                  "skipped, %zu errors.\n"),
            s.added, s.exists, s.not_flagged, s.scan_errors, s.errors);
    return rc;
}

int cmd_queue(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, queue_help_id, queue_help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    popts o;
    int rc = pparse(ctx, "queue", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos < 1)
        return cli_usage(ctx, "queue", "perintah hilang", "missing command");
    const char *sub = o.pos[0];
    static const struct {
        const char *name;
        int args;
    } subs[] = {{"add", 1},     {"list", 0},    {"show", 1},   {"claim", 1},  {"release", 1},
                {"confirm", 1}, {"dismiss", 2}, {"second", 1}, {"reasons", 0}};
    int want = -1;
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
        if (strcmp(sub, subs[i].name) == 0)
            want = subs[i].args;
    if (want < 0)
        return cli_usage(ctx, "queue", "perintah tidak dikenal '%s'", "unknown command '%s'", sub);
    if (o.n_pos != want + 1)
        return cli_usage(ctx, "queue", "'%s' memerlukan %d argumen", "'%s' takes %d arguments", sub,
                         want);
    if (strcmp(sub, "reasons") == 0) {
        json_t *arr = ctx->json ? json_array() : NULL;
        void *p[2] = {ctx, arr};
        int err = netra_queue_reasons(NULL, on_reason, p);
        if (err < 0) {
            json_decref(arr);
            return cli_fail(ctx, err, "alasan", "reasons");
        }
        return ctx->json ? cli_print_json(ctx, arr) : CLI_EXIT_OK;
    }
    int64_t id = 0;
    if (want >= 1 && strcmp(sub, "add") != 0 && (rc = parse_id(ctx, o.pos[1], &id)) != CLI_EXIT_OK)
        return rc;
    penv e;
    if ((rc = penv_open(ctx, &e, &o)) != CLI_EXIT_OK)
        return rc;
    netra_actor a = {o.actor, o.role, o.date};
    int64_t now = (int64_t)o.now;
    int err = 0;
    if (strcmp(sub, "add") == 0) {
        rc = queue_add_cmd(ctx, &e, &o);
    } else if (strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0) {
        json_t *arr = ctx->json ? json_array() : NULL;
        int show = strcmp(sub, "show") == 0;
        void *p[3] = {ctx, arr, show ? (void *)ctx : NULL};
        int64_t next = 0;
        netra_queue_filter f = {o.election, o.form, o.state, (int64_t)o.after, (size_t)o.limit};
        err = show ? netra_queue_get(e.st, id, now, on_entry, p)
                   : netra_queue_list(&next, e.st, &f, now, on_entry, p);
        if (err < 0) {
            json_decref(arr);
            rc = cli_fail(ctx, err, "antrean", "queue");
        } else if (ctx->json) {
            if (show) {
                json_t *one = json_incref(json_array_get(arr, 0));
                json_decref(arr);
                rc = cli_print_json(ctx, one);
            } else {
                rc = cli_print_json(
                    ctx, json_pack("{s:o, s:I}", "entries", arr, "next", (json_int_t)next));
            }
        } else if (next) {
            fprintf(ctx->out,
                    CLI_T(ctx, "Halaman berikutnya: --after %lld\n", "Next page: --after %lld\n"),
                    (long long)next);
        }
    } else if (strcmp(sub, "claim") == 0) {
        if ((err = netra_queue_claim(e.st, id, &a, now, (int)o.lease)) < 0)
            rc = cli_fail(ctx, err, "klaim ditolak", "claim refused");
        else
            fprintf(ctx->out,
                    CLI_T(ctx, "Entri %lld diklaim oleh %s selama %lld detik.\n",
                          "Entry %lld claimed by %s for %lld seconds.\n"),
                    (long long)id, o.actor, o.lease);
    } else if (strcmp(sub, "release") == 0) {
        if ((err = netra_queue_release(e.st, id, &a, now)) < 0)
            rc = cli_fail(ctx, err, "lepas klaim ditolak", "release refused");
        else
            fprintf(ctx->out, CLI_T(ctx, "Klaim entri %lld dilepas.\n", "Entry %lld released.\n"),
                    (long long)id);
    } else if (strcmp(sub, "confirm") == 0) {
        netra_queue_confirm c = {o.region, o.accused, o.note};
        int64_t case_id;
        if ((err = netra_queue_confirm_entry(&case_id, e.st, id, &c, &a, now)) < 0)
            rc = cli_fail(ctx, err, "konfirmasi ditolak", "confirmation refused");
        else if (ctx->json)
            rc = cli_print_json(
                ctx, json_pack("{s:I, s:I}", "entry", (json_int_t)id, "case", (json_int_t)case_id));
        else
            fprintf(ctx->out,
                    CLI_T(ctx, "Entri %lld menjadi temuan: perkara %lld.\n",
                          "Entry %lld became a temuan: case %lld.\n"),
                    (long long)id, (long long)case_id);
    } else if (strcmp(sub, "dismiss") == 0) {
        if ((err = netra_queue_dismiss(e.st, id, o.pos[2], o.note, NULL, &a, now)) < 0)
            rc = cli_fail(ctx, err, "penolakan ditolak", "dismissal refused");
        else
            fprintf(ctx->out,
                    CLI_T(ctx, "Entri %lld ditolak (%s).\n", "Entry %lld dismissed (%s).\n"),
                    (long long)id, o.pos[2]);
    } else { /* second */
        if ((err = netra_queue_second_look(e.st, id, o.note, &a, now)) < 0)
            rc = cli_fail(ctx, err, "tinjau ulang ditolak", "second look refused");
        else
            fprintf(ctx->out,
                    CLI_T(ctx, "Entri %lld ditandai untuk ditinjau ulang.\n",
                          "Entry %lld marked for a second look.\n"),
                    (long long)id);
    }
    penv_close(&e);
    return rc;
}

/* ---- netra transparency ------------------------------------------------------------------- */

static void print_cell(FILE *out, json_t *v, int width)
{
    if (json_is_integer(v))
        fprintf(out, "%*lld", width, (long long)json_integer_value(v));
    else
        fprintf(out, "%*s", width, json_is_string(v) ? json_string_value(v) : "?");
}

static void print_table(const cli_ctx *ctx, json_t *t, const char *title)
{
    json_t *rows = json_object_get(t, "row_labels"), *cols = json_object_get(t, "col_labels");
    json_t *cells = json_object_get(t, "cells");
    fprintf(ctx->out, "\n%s\n%-16s", title, "");
    size_t i, j;
    json_t *v;
    json_array_foreach(cols, j, v)
    {
        const char *s = json_string_value(v);
        fprintf(ctx->out, " %10.10s", s);
    }
    fprintf(ctx->out, " %10s\n", cli_t(ctx, "jumlah", "total"));
    json_array_foreach(rows, i, v)
    {
        fprintf(ctx->out, "%-16.16s", json_string_value(v));
        json_t *row = json_array_get(cells, i), *c;
        json_array_foreach(row, j, c)
        {
            fputc(' ', ctx->out);
            print_cell(ctx->out, c, 10);
        }
        fputc(' ', ctx->out);
        print_cell(ctx->out, json_array_get(json_object_get(t, "row_totals"), i), 10);
        fputc('\n', ctx->out);
    }
    fprintf(ctx->out, "%-16s", cli_t(ctx, "jumlah", "total"));
    json_array_foreach(json_object_get(t, "col_totals"), j, v)
    {
        fputc(' ', ctx->out);
        print_cell(ctx->out, v, 10);
    }
    fputc(' ', ctx->out);
    print_cell(ctx->out, json_object_get(t, "total"), 10);
    fputc('\n', ctx->out);
}

int cmd_transparency(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(
            cli_t(ctx,
                  "Penggunaan: netra transparency [--json] [--db BERKAS] [--include-demo]\n\n"
                  "Jumlah perkara per provinsi, bentuk, tahap dan hasil (nasional dan per\n"
                  "provinsi). Sel berisi 1-4 perkara disembunyikan (\"<5\"); sel lain ikut\n"
                  "disembunyikan (\"x\") bila jumlah baris/kolom dapat membukanya. Perkara\n"
                  "DEMO tidak dihitung kecuali --include-demo. Aturan: docs/internals/public.md.\n",
                  "Usage: netra transparency [--json] [--db FILE] [--include-demo]\n\n"
                  "Case counts by province, form, stage and outcome (national and per\n"
                  "province). Cells of 1-4 cases are suppressed (\"<5\"); other cells are\n"
                  "suppressed too (\"x\") where a row or column total would reveal them. DEMO\n"
                  "cases are not counted unless --include-demo. Rule: docs/internals/public.md.\n"),
            ctx->out);
        return CLI_EXIT_OK;
    }
    popts o;
    int rc = pparse(ctx, "transparency", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 0)
        return cli_usage(ctx, "transparency", "tidak menerima argumen", "takes no arguments");
    penv e;
    if ((rc = penv_open(ctx, &e, &o)) != CLI_EXIT_OK)
        return rc;
    char *text = NULL;
    size_t len = 0;
    int err = netra_transparency_json(&text, &len, e.st, o.include_demo);
    penv_close(&e);
    if (err < 0)
        return cli_fail(ctx, err, "transparansi", "transparency");
    if (ctx->json) {
        fwrite(text, 1, len, ctx->out);
        netra_free_text(text);
        return CLI_EXIT_OK;
    }
    json_t *j = json_loadb(text, len, 0, NULL);
    netra_free_text(text);
    if (j == NULL)
        return cli_fail(ctx, NETRA_ENOMEM, "transparansi", "transparency");
    json_t *nat = json_object_get(j, "national");
    fputs(cli_t(ctx,
                "Jumlah perkara (\"<5\": 1-4 perkara disembunyikan; \"x\": disembunyikan agar "
                "sel kecil tidak dapat dihitung dari jumlah)\n",
                "Case counts (\"<5\": 1-4 cases suppressed; \"x\": suppressed so that a small "
                "cell cannot be computed from the totals)\n"),
          ctx->out);
    print_table(ctx, json_object_get(nat, "by_province_outcome"),
                cli_t(ctx, "Nasional: provinsi x hasil", "National: province x outcome"));
    print_table(ctx, json_object_get(nat, "by_province_stage"),
                cli_t(ctx, "Nasional: provinsi x tahap", "National: province x stage"));
    print_table(ctx, json_object_get(nat, "by_form_outcome"),
                cli_t(ctx, "Nasional: bentuk x hasil", "National: form x outcome"));
    print_table(ctx, json_object_get(nat, "by_form_stage"),
                cli_t(ctx, "Nasional: bentuk x tahap", "National: form x stage"));
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(j, "provinces"), i, p)
    {
        char title[96];
        snprintf(title, sizeof title,
                 CLI_T(ctx, "Provinsi %s: bentuk x hasil", "Province %s: form x outcome"),
                 json_string_value(json_object_get(p, "province")));
        print_table(ctx, json_object_get(p, "by_form_outcome"), title);
    }
    json_decref(j);
    return CLI_EXIT_OK;
}

/* ---- netra demo seed: the queue and a few receipts ---------------------------------------- */

int demo_seed_public(cli_ctx *ctx, netra_store *st, netra_date today)
{
    /* The shipped elections, and the example items scanned with them. */
    static const char *const files[] = {"pilpres-2024.json", "pilgub-dki-2024.json",
                                        "pilgub-jabar-2024.json", "pilgub-jateng-2024.json",
                                        "pilgub-jatim-2024.json"};
    const size_t n_files = sizeof files / sizeof *files;
    char paths[5][4096];
    popts o;
    memset(&o, 0, sizeof o);
    for (size_t i = 0; i < n_files; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/elections/%s", netra_data_dir(), files[i]);
        o.elections[o.n_elections++] = paths[i];
    }
    netra_law *law = NULL;
    netra_election_file *ef[5] = {0};
    netra_detector *det = NULL;
    netra_detect_worker *w = NULL;
    netra_arena *arena = NULL;
    item_set items = {0};
    int err = netra_law_load(&law, NULL, NULL), rc = CLI_EXIT_OK;
    emap m[MAX_ELECTIONS];
    char items_path[4096];
    snprintf(items_path, sizeof items_path, "%s/examples/items.jsonl", netra_data_dir());
    size_t queued = 0, receipts = 0;
    if (err < 0 || (rc = elections_map(ctx, m, &o, law)) != CLI_EXIT_OK)
        goto out;
    for (size_t i = 0; err == 0 && i < n_files; i++)
        err = netra_election_load(&ef[i], paths[i]);
    if (err == 0)
        err = netra_detector_new(&det, law, (const netra_election_file *const *)ef, n_files, NULL,
                                 NULL);
    if (err == 0)
        err = netra_detect_worker_new(&w, det);
    if (err == 0)
        err = netra_arena_new(&arena, 0, 64u * 1024u * 1024u);
    if (err < 0 || (rc = items_read(ctx, &items, items_path)) != CLI_EXIT_OK)
        goto out;
    netra_actor a = {"demo", "analis", today};
    for (size_t i = 0; err == 0 && i < items.n; i++) {
        netra_item item;
        netra_arena_reset(arena);
        if (netra_item_parse(&item, items.v[i].text, items.v[i].len, 0, arena) < 0)
            continue;
        netra_verdict v;
        const char *json;
        size_t len;
        if ((err = netra_detect(&v, w, &item)) < 0 ||
            (err = netra_verdict_json(&json, &len, w, &item, &v, i + 1)) < 0)
            break;
        if (!v.flagged)
            continue;
        json_t *j = json_loadb(json, len, 0, NULL);
        const char *el =
            json_string_value(json_object_get(json_object_get(j, "violation"), "election"));
        const emap *em = NULL;
        for (size_t k = 0; el != NULL && k < n_files; k++)
            if (strcmp(m[k].id, el) == 0)
                em = &m[k];
        netra_queue_source src = {em ? em->law : "", em ? em->regime : ""};
        netra_queue_added what = NETRA_QUEUE_EXISTS;
        if (em != NULL)
            err = netra_queue_add(&what, NULL, st, items.v[i].text, items.v[i].len, json, len, &src,
                                  &a);
        json_decref(j);
        queued += err == 0 && what == NETRA_QUEUE_ADDED;
    }
    /* Receipts: a complete report, one asked to complete, and an anonymous one. */
    static const netra_public_report reports[] = {
        {"DEMO Pelapor Satu, Jl. Contoh 1 Bandung", "DEMO 0812-0000-0001", "pemilih", "pilkada",
         "pilkada-2024", "32.73", "DEMO Camat (Pemkot Bandung)", "2024-11-01 10:00",
         "Balai kota Bandung", "DEMO: camat mengajak warga memilih paslon dalam rapat RW.",
         "2024-11-02", "DEMO: camat mengajak memilih paslon (laporan publik)", 1},
        {"DEMO Pelapor Dua, Jl. Contoh 2 Semarang", NULL, "pemantau", "pilkada", "pilkada-2024",
         "33.74", "DEMO Lurah (Pemkot Semarang)", "2024-10-30", "Kantor kelurahan",
         "DEMO: lurah membagikan kalender bergambar calon.", "2024-11-01",
         "DEMO: lurah membagikan atribut calon (laporan publik)", 1},
        {NULL, NULL, NULL, "pilkada", "pilkada-2024", "35.78", NULL, NULL, NULL,
         "DEMO: informasi anonim, guru ASN mengunggah dukungan di grup WhatsApp sekolah.", NULL,
         "DEMO: informasi anonim dari masyarakat", 1},
    };
    for (size_t i = 0; err == 0 && i < sizeof reports / sizeof *reports; i++) {
        netra_public_receipt r;
        if ((err = netra_public_submit(&r, st, &reports[i], today)) < 0)
            break;
        receipts++;
        if (i == 1) {
            netra_case c;
            netra_actor pw = {"demo", "bawaslu_kabkota", today};
            netra_case_field f[] = {{"kekurangan", "DEMO: lampirkan foto kalender dan waktu "
                                                   "pembagiannya"},
                                    {NULL, NULL}};
            if ((err = netra_store_case_get(&c, st, r.case_id)) == 0 &&
                (err = netra_store_case_act(st, r.case_id, c.version, "minta_kelengkapan", f,
                                            &pw)) == 0)
                err = netra_case_question_add(NULL, st, r.case_id,
                                              "DEMO: Kapan tepatnya kalender dibagikan?", &pw);
        }
        fprintf(ctx->out, CLI_T(ctx, "Resi DEMO (%s): %s\n", "DEMO receipt (%s): %s\n"), r.kind,
                r.code);
    }
out:
    if (err < 0)
        rc = cli_fail(ctx, err, "demo (antrean, resi)", "demo (queue, receipts)");
    else if (rc == CLI_EXIT_OK)
        fprintf(ctx->out,
                CLI_T(ctx, "%zu putusan DEMO masuk antrean tinjauan, %zu resi DEMO.\n",
                      "%zu DEMO verdicts queued for review, %zu DEMO receipts.\n"),
                queued, receipts);
    items_free(&items);
    netra_arena_free(arena);
    netra_detect_worker_free(w);
    netra_detector_free(det);
    for (size_t i = 0; i < n_files; i++)
        netra_election_free(ef[i]);
    netra_law_free(law);
    return rc;
}
