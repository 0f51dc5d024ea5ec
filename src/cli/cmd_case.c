/*
 * cmd_case.c - `netra case new|list|show|act`, `netra audit verify`, `netra export`,
 * `netra import` and `netra demo seed`:
 * thin wrappers over the case store (netra/store.h) and the workflow (netra/case.h).
 *
 * The database is --db LOCATION (a SQLite file, sqlite:PATH or a postgresql:// URI), else
 * NETRA_DB, else netra.db in the current directory. The key
 * protecting reporter identities is NETRA_KEY or --key-file; without one, cases without a
 * reporter still work.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

#define MAX_FIELDS 24

static const char *help_id =
    "Penggunaan: netra case PERINTAH [--db BERKAS] [--json] ...\n"
    "\n"
    "Perkara netralitas ASN dari laporan/temuan sampai keputusan PPK, dengan tenggat hukum\n"
    "dan rantai audit. Alur kerja dan tenggat: data/workflow/ (docs/data/workflow.md).\n"
    "\n"
    "Perintah:\n"
    "  new --kind laporan|temuan|informasi_awal --regime pemilu|pilkada --title TEKS\n"
    "      [--election ID] [--region KODE] [--field NAMA=NILAI]...\n"
    "      [--nip NIP --asn-name NAMA [--agency I] [--position KELAS] [--ppk PPK]]\n"
    "      [--act JENIS --act-date TGL [--platform P] [--url URL]]  (bentuk dihitung)\n"
    "  list [--state S] [--region KODE] [--kind K] [--overdue] [--limit N]\n"
    "  show ID [--reporter]  perkara, tenggat (dengan dasar hukum) dan riwayat; --reporter\n"
    "                    menampilkan pelapor bila peran berhak dan kunci tersedia\n"
    "                    (dicatat di rantai audit sebagai baca_pelapor)\n"
    "  act ID TINDAKAN --version V [--field NAMA=NILAI]...\n"
    "  duplicates ID     saran duplikat: terlapor (NIP), perbuatan dan tanggal sama; URL\n"
    "                    kanonis sama; uraian hampir sama (SimHash). Tidak menggabung.\n"
    "  merge A B [--confirm VA:VB]  gabungkan perkara B ke A (pelapor, perbuatan, bukti,\n"
    "                    terlapor dan riwayat B ikut A); tanpa --confirm hanya pratinjau\n"
    "  unmerge B         batalkan penggabungan B, persis seperti sebelumnya\n"
    "  attach ID BERKAS [--kind K] [--url URL]  lampirkan bukti (jenis media dari isi,\n"
    "                    maks. 64 MiB, SHA-256, catatan lacak-simpan)\n"
    "  ppk --agency I --region KODE [--agency-kind J]  siapa PPK seorang ASN (data/org/ppk.tsv)\n"
    "                    dan ke mana rekomendasi dialihkan bila PPK berkonflik kepentingan\n"
    "  holders BERKAS    impor pejabat yang menjabat sebagai PPK (format "
    "data/org/ppk-holders.tsv)\n"
    "  register-election BERKAS  daftarkan peserta berkas pemilihan (dan petahana) untuk\n"
    "                    konflik kepentingan; perkara pemilihan itu dihitung ulang\n"
    "\n"
    "Opsi:\n"
    "  --db LOKASI       berkas SQLite atau postgresql://... (bawaan: NETRA_DB atau ./netra.db)\n"
    "  --role PERAN      peran pelaku (bawaan: bawaslu_kabkota); lihat data/workflow/roles.tsv\n"
    "  --actor NAMA      akun pelaku (bawaan: USER)\n"
    "  --user LOGIN      bertindak sebagai pengguna: peran kantornya, hanya perkara di wilayah\n"
    "                    kantornya (PPK/SDM: instansinya) dan tindakan yang diberikan alur kerja\n"
    "  --date TGL        tanggal tindakan (bawaan: hari ini WIB)\n"
    "  --key-file BERKAS kunci identitas pelapor (bawaan: NETRA_KEY)\n"
    "  --ppk-days N      tenggat PPK dalam hari (bawaan 10, praktik Kemendagri 2020)\n"
    "  --agency-kind J   jenis instansi terlapor bila namanya tidak menunjukkannya: kementerian,\n"
    "                    lembaga, kesekretariatan, pemprov, pemkab, pemkot\n"
    "  --coi-route P=T,...  tujuan rekomendasi bila PPK P berkonflik (bawaan Netra di\n"
    "                    data/org/conflict-routes.tsv; juga NETRA_COI_ROUTE)\n"
    "\n"
    "Identitas pelapor (--field pelapor=..., kontak_pelapor=...) disimpan terenkripsi.\n"
    "Contoh: netra case act 3 registrasi --version 1 --field nomor_registrasi=001/LP/XI/2024\n";

static const char *help_en =
    "Usage: netra case COMMAND [--db FILE] [--json] ...\n"
    "\n"
    "ASN neutrality cases from report/finding to the PPK's decision, with the legal deadlines\n"
    "and an audit chain. Workflow and deadlines: data/workflow/ (docs/data/workflow.md).\n"
    "\n"
    "Commands:\n"
    "  new --kind laporan|temuan|informasi_awal --regime pemilu|pilkada --title TEXT\n"
    "      [--election ID] [--region CODE] [--field NAME=VALUE]...\n"
    "      [--nip NIP --asn-name NAME [--agency A] [--position CLASS] [--ppk PPK]]\n"
    "      [--act TYPE --act-date DATE [--platform P] [--url URL]]  (form computed)\n"
    "  list [--state S] [--region CODE] [--kind K] [--overdue] [--limit N]\n"
    "  show ID [--reporter]  the case, its deadlines (with legal basis) and its history;\n"
    "                    --reporter shows the reporter when the role may and the key is given\n"
    "                    (recorded in the audit chain as baca_pelapor)\n"
    "  act ID ACTION --version V [--field NAME=VALUE]...\n"
    "  duplicates ID     suggested duplicates: same accused (NIP), act and date; same\n"
    "                    canonical URL; near-identical summary (SimHash). Merges nothing.\n"
    "  merge A B [--confirm VA:VB]  merge case B into A (B's reporters, acts, evidence,\n"
    "                    accused and history go with A); without --confirm a preview only\n"
    "  unmerge B         undo the merge of B, exactly as it was\n"
    "  attach ID FILE [--kind K] [--url URL]  attach evidence (media type from the content,\n"
    "                    at most 64 MiB, SHA-256, chain-of-custody entry)\n"
    "  ppk --agency A --region CODE [--agency-kind K]  who a civil servant's PPK is\n"
    "                    (data/org/ppk.tsv) and where a recommendation goes when it is conflicted\n"
    "  holders FILE      import who holds the PPK offices (data/org/ppk-holders.tsv format)\n"
    "  register-election FILE  register an election file's contestants (and incumbents) for\n"
    "                    conflicts of interest; that election's cases are checked again\n"
    "\n"
    "Options:\n"
    "  --db LOCATION     SQLite file or postgresql://... (default: NETRA_DB or ./netra.db)\n"
    "  --role ROLE       the actor's role (default: bawaslu_kabkota); see data/workflow/roles.tsv\n"
    "  --actor NAME      the actor's account (default: USER)\n"
    "  --user LOGIN      act as a user: its office's role, only the cases of its office's\n"
    "                    region (PPK/HR: its agency) and the actions the workflow grants\n"
    "  --date DATE       date of the action (default: today in WIB)\n"
    "  --key-file FILE   key for reporter identities (default: NETRA_KEY)\n"
    "  --ppk-days N      the PPK deadline in days (default 10, Kemendagri 2020 practice)\n"
    "  --agency-kind K   the accused's kind of agency when its name does not tell it:\n"
    "                    kementerian, lembaga, kesekretariatan, pemprov, pemkab, pemkot\n"
    "  --coi-route P=T,...  where a recommendation goes when PPK P is conflicted (Netra's\n"
    "                    defaults in data/org/conflict-routes.tsv; also NETRA_COI_ROUTE)\n"
    "\n"
    "Reporter identity (--field pelapor=..., kontak_pelapor=...) is stored encrypted.\n"
    "Example: netra case act 3 registrasi --version 1 --field nomor_registrasi=001/LP/XI/2024\n";

typedef struct opts {
    const char *db, *role, *actor, *key_file, *kind, *regime, *election, *region, *title;
    const char *state, *format, *out, *user, *confirm;
    const char *nip, *asn_name, *agency, *position, *ppk, *act, *platform, *url;
    const char *agency_kind, *coi_route;
    netra_date act_date;
    int have_act_date;
    long version, limit, ppk_days;
    int have_version, overdue, have_date, reporter, partial, role_given;
    netra_date date;
    netra_case_field fields[MAX_FIELDS + 1];
    size_t n_fields;
    char *pos[4];
    int n_pos;
} opts;

typedef struct env {
    cli_store_env s; /* workflow, calendar, law, key, store */
    netra_text_lexicon *lex;
    netra_normalizer *nz;
    netra_org *org;    /* with --user */
    netra_auth *au;    /* with --user */
    netra_principal p; /* with --user: the user's role, office region and agency */
    int have_p;        /* whether --user was given */
} env;

static void env_close(env *e)
{
    netra_auth_close(e->au);
    netra_org_free(e->org);
    cli_store_close(&e->s);
    netra_normalizer_free(e->nz);
    netra_text_lexicon_free(e->lex);
    memset(e, 0, sizeof *e);
}

static int env_open(const cli_ctx *ctx, env *e, const opts *o, int ephemeral_key)
{
    memset(e, 0, sizeof *e);
    int err, rc = cli_store_open(ctx, &e->s, o->db, o->key_file, o->ppk_days, ephemeral_key);
    if (rc != CLI_EXIT_OK)
        return rc;
    /* Where a conflicted PPK's recommendation goes, where the sources are silent. */
    const char *routes = o->coi_route ? o->coi_route : getenv("NETRA_COI_ROUTE");
    if (routes != NULL && *routes != '\0') {
        netra_coi *coi;
        if ((err = netra_store_coi(&coi, e->s.st)) < 0 ||
            (err = netra_coi_set_routes(coi, routes)) < 0) {
            env_close(e);
            return cli_fail(ctx, err, "--coi-route / NETRA_COI_ROUTE",
                            "--coi-route / NETRA_COI_ROUTE");
        }
    }
    /* --user: act as an account, with its office's role and scope (netra/auth.h). */
    if (o->user != NULL) {
        if ((err = netra_org_load(&e->org, NULL, e->s.wf)) < 0 ||
            (err = netra_auth_open(&e->au, e->s.st, e->org, NULL)) < 0 ||
            (err = netra_auth_principal(&e->p, e->au, o->user)) < 0) {
            env_close(e);
            return cli_fail(ctx, err, "--user", "--user");
        }
        e->have_p = 1;
    }
    /* The normaliser gives each summary its SimHash as it is written (duplicates). */
    if ((err = netra_text_lexicon_load(&e->lex, NULL)) < 0 ||
        (err = netra_normalizer_new(&e->nz, e->lex)) < 0 ||
        (err = netra_store_set_normalizer(e->s.st, e->nz)) < 0) {
        env_close(e);
        return cli_fail(ctx, err, "gagal memuat normalisasi teks", "cannot load the normaliser");
    }
    return CLI_EXIT_OK;
}

/* --version, --limit, --ppk-days and --field (cli_opts_parse hands them here). */
static int call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    opts *o = p;
    if (key == 'f') {
        char *eq = strchr(arg, '=');
        if (eq == NULL || eq == arg)
            return cli_usage(ctx, cmd, "--field memerlukan NAMA=NILAI, bukan '%s'",
                             "--field needs NAME=VALUE, not '%s'", arg);
        if (o->n_fields >= MAX_FIELDS)
            return cli_usage(ctx, cmd, "terlalu banyak --field (maks. %d)",
                             "too many --field (max %d)", MAX_FIELDS);
        *eq = '\0';
        o->fields[o->n_fields].name = arg;
        o->fields[o->n_fields].value = eq + 1;
        o->n_fields++;
        return CLI_EXIT_OK;
    }
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || v < 0 || v > 100000000)
        return cli_usage(ctx, cmd, "'%s' bukan bilangan yang sah", "'%s' is not a valid number",
                         arg);
    if (key == 'v') {
        o->version = v;
        o->have_version = 1;
    } else if (key == 'l') {
        o->limit = v;
    } else {
        o->ppk_days = v;
    }
    return CLI_EXIT_OK;
}

#define TEXT(name, member) CLI_TEXT(opts, name, member)
#define FLAG(name, member) CLI_FLAG(opts, name, member)
#define CALL(name, key)    CLI_CALL(name, key)

static const cli_opt opt_table[] = {
    TEXT("db", db),
    {"role", CLI_OPT_TEXT_SEEN, offsetof(opts, role), offsetof(opts, role_given), 0, 0},
    TEXT("actor", actor),
    TEXT("key-file", key_file),
    TEXT("kind", kind),
    TEXT("regime", regime),
    TEXT("election", election),
    TEXT("region", region),
    TEXT("title", title),
    TEXT("state", state),
    CALL("version", 'v'),
    CALL("limit", 'l'),
    FLAG("overdue", overdue),
    {"date", CLI_OPT_DATE, offsetof(opts, date), offsetof(opts, have_date), 0, 0},
    CALL("field", 'f'),
    CALL("ppk-days", 'p'),
    TEXT("nip", nip),
    TEXT("asn-name", asn_name),
    TEXT("agency", agency),
    TEXT("position", position),
    TEXT("ppk", ppk),
    TEXT("act", act),
    {"act-date", CLI_OPT_DATE, offsetof(opts, act_date), offsetof(opts, have_act_date), 0, 0},
    TEXT("platform", platform),
    TEXT("url", url),
    FLAG("reporter", reporter),
    TEXT("format", format),
    TEXT("out", out),
    FLAG("partial", partial),
    TEXT("confirm", confirm),
    TEXT("user", user),
    TEXT("agency-kind", agency_kind),
    TEXT("coi-route", coi_route),
};

static int parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, opts *o)
{
    static const cli_opts_spec spec =
        CLI_SPEC(opt_table, call, "opsi tidak dikenal: %s", "unknown option: %s");
    memset(o, 0, sizeof *o);
    o->role = "bawaslu_kabkota";
    o->actor = getenv("USER") ? getenv("USER") : "netra";
    int rc = cli_opts_parse(ctx, cmd, argc, argv, &spec, o, o->pos, &o->n_pos, 4);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!o->have_date)
        o->date = netra_date_today();
    return CLI_EXIT_OK;
}

static int parse_id(const cli_ctx *ctx, const char *s, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v <= 0)
        return cli_usage(ctx, "case", "'%s' bukan nomor perkara", "'%s' is not a case number", s);
    *out = v;
    return CLI_EXIT_OK;
}

static json_t *case_to_json(const netra_case *c)
{
    char o[NETRA_DATE_STRLEN], u[NETRA_DATE_STRLEN];
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)c->id,
                     "version", (json_int_t)c->version, "kind", c->kind, "regime", c->regime,
                     "election", c->election, "state", c->state, "region", c->region, "holder",
                     c->holder, "title", c->title, "opened", netra_date_format(c->opened, o),
                     "updated", netra_date_format(c->updated, u), "demo", c->demo);
}

typedef struct list_ctx {
    const cli_ctx *ctx;
    json_t *arr;
    size_t n;
    env *e;       /* with --user: only the cases the user may see */
    size_t limit; /* with --user: applied after the scope */
    int stopped;  /* the walk was stopped at the limit */
} list_ctx;

static int on_case(const netra_case *c, void *payload)
{
    list_ctx *lc = payload;
    if (lc->e != NULL && lc->e->have_p) {
        if (lc->limit > 0 && lc->n >= lc->limit) {
            lc->stopped = 1;
            return -1;
        }
        int err = netra_auth_may_see_case(lc->e->au, &lc->e->p, c->id);
        if (err == NETRA_EPERM) {
            netra_error_clear();
            return 0;
        }
        if (err < 0)
            return err;
    }
    lc->n++;
    if (lc->arr != NULL)
        return json_array_append_new(lc->arr, case_to_json(c)) == 0 ? 0 : NETRA_ENOMEM;
    fprintf(lc->ctx->out, "%5lld  v%-3lld %-22s %-14s %-8s %-10s %s%s\n", (long long)c->id,
            (long long)c->version, c->state, c->kind, c->regime, c->region[0] ? c->region : "-",
            c->demo ? "[DEMO] " : "", c->title);
    return 0;
}

static int do_new(cli_ctx *ctx, env *e, opts *o)
{
    if (o->kind == NULL || o->regime == NULL || o->title == NULL)
        return cli_usage(ctx, "case", "'new' memerlukan --kind, --regime dan --title",
                         "'new' needs --kind, --regime and --title");
    const char *action = strcmp(o->kind, "laporan") == 0          ? "terima_laporan"
                         : strcmp(o->kind, "temuan") == 0         ? "tetapkan_temuan"
                         : strcmp(o->kind, "informasi_awal") == 0 ? "catat_informasi_awal"
                                                                  : NULL;
    if (action == NULL)
        return cli_usage(ctx, "case", "--kind: laporan, temuan atau informasi_awal, bukan '%s'",
                         "--kind: laporan, temuan or informasi_awal, not '%s'", o->kind);
    if ((o->nip == NULL) != (o->asn_name == NULL))
        return cli_usage(ctx, "case", "--nip dan --asn-name diberikan bersama",
                         "--nip and --asn-name go together");
    if (o->act != NULL && !o->have_act_date)
        return cli_usage(ctx, "case", "--act memerlukan --act-date", "--act needs --act-date");
    netra_case_new c = {action, o->regime, o->election, o->region, o->title, 0};
    netra_actor a = {o->actor, o->role, o->date};
    int64_t id;
    int err;
    if (e->have_p) {
        const char *agencies[] = {o->agency, NULL};
        if (!netra_principal_may_see(&e->p, o->region ? o->region : "", agencies)) {
            cli_errorf(ctx, "%s tidak boleh membuka perkara di wilayah '%s' (wilayah kantor '%s')",
                       "%s may not open a case in region '%s' (office region '%s')", e->p.login,
                       o->region ? o->region : "", e->p.region);
            return CLI_EXIT_REFUSED;
        }
        if ((err = netra_principal_may_act(&e->p, e->s.wf, NULL, o->regime, action)) < 0)
            return cli_fail(ctx, err, "perkara tidak dibuat", "case not created");
    }
    err = netra_store_case_new(&id, e->s.st, &c, o->fields, &a);
    if (err < 0)
        return cli_fail(ctx, err, "perkara tidak dibuat", "case not created");
    if (o->nip != NULL) {
        netra_asn asn = {o->nip,      o->asn_name, NULL,   o->agency,
                         o->position, o->region,   o->ppk, NULL};
        if ((err = netra_store_case_add_asn(NULL, e->s.st, id, &asn, &a)) < 0)
            return cli_fail(ctx, err, "perkara dibuat, terlapor ditolak",
                            "case created, accused refused");
        if (o->agency_kind != NULL &&
            (err = netra_store_asn_set_agency_kind(e->s.st, o->nip, o->agency_kind, &a)) < 0)
            return cli_fail(ctx, err, "perkara dibuat, jenis instansi ditolak",
                            "case created, agency kind refused");
    }
    if (o->act != NULL) {
        netra_case_act act = {o->act, o->act_date, o->region, o->platform, o->url,
                              NULL,   o->election, NULL,      NULL};
        if ((err = netra_store_case_add_act(NULL, e->s.st, id, &act, &a)) < 0)
            return cli_fail(ctx, err, "perkara dibuat, perbuatan ditolak",
                            "case created, act refused");
    }
    netra_case got;
    if ((err = netra_store_case_get(&got, e->s.st, id)) < 0)
        return cli_fail(ctx, err, "perkara", "case");
    if (ctx->json)
        return cli_print_json(ctx, case_to_json(&got));
    fprintf(ctx->out,
            CLI_T(ctx, "Perkara %lld dibuat: %s, status %s (versi %lld)\n",
                  "Case %lld created: %s, state %s (version %lld)\n"),
            (long long)id, got.kind, got.state, (long long)got.version);
    return CLI_EXIT_OK;
}

static int do_list(cli_ctx *ctx, env *e, opts *o)
{
    netra_case_filter f = {o->state, o->region, o->kind, o->overdue, o->date, (size_t)o->limit};
    list_ctx lc = {ctx, ctx->json ? json_array() : NULL, 0, e, (size_t)o->limit, 0};
    if (e->have_p)
        f.limit = 0; /* the scope filters first; the limit counts what the user sees */
    int err = netra_store_case_list(e->s.st, &f, on_case, &lc);
    if (err < 0 && lc.stopped) {
        netra_error_clear();
        err = 0;
    }
    if (err < 0) {
        json_decref(lc.arr);
        return cli_fail(ctx, err, "daftar perkara", "case list");
    }
    if (ctx->json)
        return cli_print_json(ctx,
                              json_pack("{s:o,s:I}", "cases", lc.arr, "count", (json_int_t)lc.n));
    if (lc.n == 0)
        fprintf(ctx->out, "%s\n", cli_t(ctx, "Tidak ada perkara.", "No cases."));
    return CLI_EXIT_OK;
}

typedef struct show_ctx {
    const cli_ctx *ctx;
    const env *e;
    const netra_case *c;
    netra_date today;
    json_t *arr;
} show_ctx;

static int on_clock(const netra_case_clock *k, void *payload)
{
    show_ctx *sc = payload;
    char s[NETRA_DATE_STRLEN], d[NETRA_DATE_STRLEN];
    int overdue = k->running && sc->today > k->deadline;
    const char *esc =
        overdue ? netra_clock_escalation(sc->e->s.wf, k->clock, sc->c->regime, sc->c->holder)
                : NULL;
    if (sc->arr != NULL)
        return json_array_append_new(
                   sc->arr, json_pack("{s:s,s:s,s:s,s:b,s:b,s:b,s:s?,s:s}", "clock", k->clock,
                                      "started", netra_date_format(k->started, s), "deadline",
                                      netra_date_format(k->deadline, d), "extended", k->extended,
                                      "running", k->running, "overdue", overdue, "escalate_to", esc,
                                      "basis", k->basis)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(sc->ctx->out, "  %-16s %s -> %s  %s%s%s%s  [%s]\n", k->clock,
            netra_date_format(k->started, s), netra_date_format(k->deadline, d),
            k->running ? cli_t(sc->ctx, "berjalan", "running")
                       : cli_t(sc->ctx, "berhenti", "stopped"),
            k->extended ? cli_t(sc->ctx, ", diperpanjang", ", extended") : "",
            overdue ? cli_t(sc->ctx, ", LEWAT TENGGAT -> ", ", OVERDUE -> ") : "",
            overdue ? (esc ? esc : "-") : "", k->basis);
    return 0;
}

static int on_event(const netra_case_event *ev, void *payload)
{
    show_ctx *sc = payload;
    if (sc->arr != NULL)
        return json_array_append_new(sc->arr,
                                     json_pack("{s:I,s:s,s:s,s:s,s:I}", "seq", (json_int_t)ev->seq,
                                               "at", ev->at, "actor", ev->actor, "action",
                                               ev->action, "case", (json_int_t)ev->case_id)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(sc->ctx->out, "  #%-5lld %s  %-20s %s", (long long)ev->seq, ev->at, ev->action,
            ev->actor);
    if (ev->case_id != sc->c->id)
        fprintf(sc->ctx->out, CLI_T(sc->ctx, "  (perkara %lld, digabung)", "  (case %lld, merged)"),
                (long long)ev->case_id);
    fputc('\n', sc->ctx->out);
    return 0;
}

static int on_asn(const netra_case_asn_row *r, void *payload)
{
    show_ctx *sc = payload;
    if (sc->arr != NULL)
        return json_array_append_new(sc->arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "nip", r->nip,
                                                        "name", r->name, "agency", r->agency,
                                                        "position_class", r->position, "ppk",
                                                        r->ppk, "cases", r->n_cases)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(sc->ctx->out, "  %s %s, %s (%s), PPK: %s", r->nip, r->name, r->agency, r->position,
            r->ppk);
    if (r->n_cases > 1)
        fprintf(sc->ctx->out, CLI_T(sc->ctx, " — BERULANG: %d perkara", " — REPEAT: %d cases"),
                r->n_cases);
    fputc('\n', sc->ctx->out);
    return 0;
}

static int on_act(const netra_case_act_row *r, void *payload)
{
    show_ctx *sc = payload;
    char d[NETRA_DATE_STRLEN];
    netra_date_format(r->date, d);
    if (sc->arr != NULL)
        return json_array_append_new(sc->arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "type",
                                                        r->type, "date", d, "platform", r->platform,
                                                        "url", r->url, "election", r->election,
                                                        "stage", r->stage, "form", r->form)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(sc->ctx->out, "  %s %-16s %-10s %s, %s %s, %s %s\n", d, r->type,
            r->platform[0] ? r->platform : "-", r->election, cli_t(sc->ctx, "tahapan", "stage"),
            r->stage, cli_t(sc->ctx, "bentuk", "form"), r->form);
    return 0;
}

static json_t *merge_to_json(const netra_case_merge *m)
{
    return json_pack("{s:I,s:I,s:I,s:s,s:s,s:b,s:s,s:I,s:I,s:I,s:I,s:I}", "merge",
                     (json_int_t)m->id, "target", (json_int_t)m->target, "source",
                     (json_int_t)m->source, "at", m->at, "actor", m->actor, "undone", m->undone,
                     "undone_at", m->undone_at, "reporters", (json_int_t)m->n_reporters, "acts",
                     (json_int_t)m->n_acts, "evidence", (json_int_t)m->n_evidence, "accused",
                     (json_int_t)m->n_asn, "clocks_stopped", (json_int_t)m->n_clocks);
}

static int on_merge(const netra_case_merge *m, void *payload)
{
    show_ctx *sc = payload;
    if (sc->arr != NULL)
        return json_array_append_new(sc->arr, merge_to_json(m)) == 0 ? 0 : NETRA_ENOMEM;
    const cli_ctx *ctx = sc->ctx;
    if (m->source == sc->c->id)
        fprintf(ctx->out,
                CLI_T(ctx, "  DIGABUNG ke perkara %lld (penggabungan #%lld, %s, %s)%s\n",
                      "  MERGED into case %lld (merge #%lld, %s, %s)%s\n"),
                (long long)m->target, (long long)m->id, m->at, m->actor,
                m->undone ? CLI_T(ctx, " - dibatalkan", " - undone") : "");
    else
        fprintf(ctx->out,
                CLI_T(ctx, "  Menggabungkan perkara %lld (penggabungan #%lld, %s, %s)%s\n",
                      "  Holds merged case %lld (merge #%lld, %s, %s)%s\n"),
                (long long)m->source, (long long)m->id, m->at, m->actor,
                m->undone ? CLI_T(ctx, " - dibatalkan", " - undone") : "");
    return 0;
}

static int on_evidence(const netra_evidence_row *ev, void *payload)
{
    show_ctx *sc = payload;
    if (sc->arr != NULL)
        return json_array_append_new(
                   sc->arr, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:i}", "id",
                                      (json_int_t)ev->id, "sha256", ev->sha256, "kind", ev->kind,
                                      "media_type", ev->media_type, "size", (json_int_t)ev->size,
                                      "url", ev->url, "captured_at", ev->captured_at, "captured_by",
                                      ev->captured_by, "custody", ev->n_custody)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    fprintf(sc->ctx->out, "  #%lld %s %s %lld B sha256:%.16s… %s %s (%d %s)\n", (long long)ev->id,
            ev->kind, ev->media_type, (long long)ev->size, ev->sha256, ev->captured_at,
            ev->captured_by, ev->n_custody, cli_t(sc->ctx, "catatan lacak", "custody entries"));
    return 0;
}

/* An office of data/org/authorities.tsv in the user's language, with its region. */
static void authority_label(char *buf, size_t size, const cli_ctx *ctx, netra_store *st,
                            const char *id, const char *region)
{
    netra_coi *coi = NULL;
    const netra_authority *a = netra_store_coi(&coi, st) == 0 ? netra_coi_authority(coi, id) : NULL;
    snprintf(buf, size, "%s%s%s", a ? cli_t(ctx, a->label_id, a->label_en) : id,
             region && *region ? " " : "", region ? region : "");
}

static json_t *conflict_to_json(const netra_case_conflict *c)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "nip", c->nip, "ppk",
                     c->ppk_office, "ppk_region", c->ppk_region, "ppk_agency", c->ppk_agency,
                     "ppk_name", c->ppk_name, "election", c->election, "contestant", c->contestant,
                     "contestant_name", c->contestant_name, "reason", c->reason, "route_to",
                     c->route_to, "route_region", c->route_region);
}

static void print_conflict(const cli_ctx *ctx, netra_store *st, const netra_case_conflict *c)
{
    char ppk[160], to[160];
    authority_label(ppk, sizeof ppk, ctx, st, c->ppk_office,
                    c->ppk_region[0] ? c->ppk_region : c->ppk_agency);
    authority_label(to, sizeof to, ctx, st, c->route_to, c->route_region);
    int inc = strcmp(c->reason, "petahana") == 0;
    fprintf(ctx->out,
            CLI_T(ctx,
                  "  KONFLIK KEPENTINGAN: PPK terlapor %s (%s%s%s) adalah %s dalam %s (peserta "
                  "%s, %s);\n    rekomendasi dialihkan kepada %s\n",
                  "  CONFLICT OF INTEREST: the PPK of accused %s (%s%s%s) is %s in %s "
                  "(contestant %s, %s);\n    the recommendation goes to %s\n"),
            c->nip, ppk, c->ppk_name[0] ? ", " : "", c->ppk_name,
            inc ? cli_t(ctx, "petahana", "the incumbent") : cli_t(ctx, "peserta", "a contestant"),
            c->election, c->contestant, c->contestant_name, to);
}

static int do_show(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 2)
        return cli_usage(ctx, "case", "'show' memerlukan nomor perkara",
                         "'show' needs a case number");
    int64_t id;
    int rc = parse_id(ctx, o->pos[1], &id);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_case c;
    int err = e->have_p ? netra_auth_may_see_case(e->au, &e->p, id) : NETRA_OK;
    if (err == 0)
        err = netra_store_case_get(&c, e->s.st, id);
    if (err < 0)
        return cli_fail(ctx, err, "perkara", "case");
    char allowed[512];
    netra_workflow_allowed(allowed, sizeof allowed, e->s.wf, c.state, c.regime);
    const netra_wf_state *ws = netra_workflow_state(e->s.wf, c.state);
    show_ctx sc = {ctx, e, &c, o->date, NULL};
    if (ctx->json) {
        json_t *j = case_to_json(&c);
        json_t *clocks = json_array(), *events = json_array();
        json_t *asns = json_array(), *acts = json_array();
        sc.arr = asns;
        err = netra_store_case_asns(e->s.st, id, on_asn, &sc);
        sc.arr = acts;
        if (err == 0)
            err = netra_store_case_acts(e->s.st, id, on_act, &sc);
        sc.arr = clocks;
        if (err == 0)
            err = netra_store_case_clocks(e->s.st, id, on_clock, &sc);
        sc.arr = events;
        if (err == 0)
            err = netra_store_case_timeline(e->s.st, id, on_event, &sc);
        if (j == NULL || err < 0) {
            json_decref(j);
            json_decref(clocks);
            json_decref(events);
            json_decref(asns);
            json_decref(acts);
            return cli_fail(ctx, err < 0 ? err : NETRA_ENOMEM, "perkara", "case");
        }
        json_object_set_new(j, "state_basis", json_string(ws ? ws->basis : ""));
        char flag[8];
        json_object_set_new(j, "kedaluwarsa",
                            json_boolean(netra_store_case_field(flag, sizeof flag, e->s.st, id,
                                                                "kedaluwarsa") == 0 &&
                                         strcmp(flag, "ya") == 0));
        json_object_set_new(j, "allowed", json_string(allowed));
        netra_case_conflict cf;
        int cerr = netra_store_case_conflict(&cf, e->s.st, id);
        if (cerr < 0 && cerr != NETRA_ENOTFOUND) {
            json_decref(j);
            json_decref(clocks);
            json_decref(events);
            json_decref(asns);
            json_decref(acts);
            return cli_fail(ctx, cerr, "konflik kepentingan", "conflict of interest");
        }
        json_object_set_new(j, "conflict", cerr == 0 ? conflict_to_json(&cf) : json_null());
        char to[32], to_region[16];
        if (netra_store_case_field(to, sizeof to, e->s.st, id, "ditujukan_kepada") == 0 && to[0] &&
            netra_store_case_field(to_region, sizeof to_region, e->s.st, id, "wilayah_tujuan") == 0)
            json_object_set_new(j, "recommendation_to",
                                json_pack("{s:s,s:s}", "office", to, "region", to_region));
        json_object_set_new(j, "accused", asns);
        json_object_set_new(j, "acts", acts);
        json_object_set_new(j, "clocks", clocks);
        json_object_set_new(j, "timeline", events);
        json_t *merges = json_array();
        sc.arr = merges;
        if ((err = netra_store_case_merges(e->s.st, id, on_merge, &sc)) < 0) {
            json_decref(j);
            json_decref(merges);
            return cli_fail(ctx, err, "penggabungan", "merges");
        }
        json_object_set_new(j, "merges", merges);
        json_t *evidence = json_array();
        sc.arr = evidence;
        if ((err = netra_store_case_evidence(e->s.st, id, on_evidence, &sc)) < 0) {
            json_decref(j);
            json_decref(evidence);
            return cli_fail(ctx, err, "bukti", "evidence");
        }
        json_object_set_new(j, "evidence", evidence);
        return cli_print_json(ctx, j);
    }
    fprintf(ctx->out, "%s %lld%s: %s\n", cli_t(ctx, "Perkara", "Case"), (long long)c.id,
            c.demo ? " [DEMO]" : "", c.title);
    fprintf(ctx->out, "  %s: %s (%s), %s %lld\n", cli_t(ctx, "Status", "State"), c.state,
            ws ? cli_t(ctx, ws->label_id, ws->label_en) : "", cli_t(ctx, "versi", "version"),
            (long long)c.version);
    fprintf(ctx->out, "  %s: %s, %s, %s %s, %s %s\n", cli_t(ctx, "Jenis", "Kind"), c.kind, c.regime,
            cli_t(ctx, "wilayah", "region"), c.region[0] ? c.region : "-",
            cli_t(ctx, "pemegang", "holder"), c.holder);
    fprintf(ctx->out, "  %s: %s\n", cli_t(ctx, "Tindakan yang boleh", "Allowed actions"),
            allowed[0] ? allowed : "-");
    char flag[8];
    if (netra_store_case_field(flag, sizeof flag, e->s.st, id, "kedaluwarsa") == 0 &&
        strcmp(flag, "ya") == 0)
        fprintf(ctx->out, "  %s\n",
                cli_t(ctx, "KEDALUWARSA: dilaporkan melewati batas waktu sejak diketahui",
                      "TIME-BARRED (kedaluwarsa): reported after the deadline since known"));
    if (netra_store_case_field(flag, sizeof flag, e->s.st, id, "temuan_terlambat") == 0 &&
        strcmp(flag, "ya") == 0)
        fprintf(ctx->out, "  %s\n",
                cli_t(ctx, "TEMUAN TERLAMBAT: ditetapkan lewat 7 hari sejak ditemukan",
                      "LATE FINDING: established more than 7 days after discovery"));
    netra_case_conflict cf;
    if ((err = netra_store_case_conflict(&cf, e->s.st, id)) == 0)
        print_conflict(ctx, e->s.st, &cf);
    else if (err != NETRA_ENOTFOUND)
        return cli_fail(ctx, err, "konflik kepentingan", "conflict of interest");
    char to[32], to_region[16];
    if (netra_store_case_field(to, sizeof to, e->s.st, id, "ditujukan_kepada") == 0 && to[0] &&
        netra_store_case_field(to_region, sizeof to_region, e->s.st, id, "wilayah_tujuan") == 0) {
        char label[160];
        authority_label(label, sizeof label, ctx, e->s.st, to, to_region);
        fprintf(ctx->out, "  %s: %s\n",
                cli_t(ctx, "Rekomendasi ditujukan kepada", "Recommendation addressed to"), label);
    }
    if (o->reporter) {
        char who[512], contact[256];
        /* Every decryption is recorded in the audit chain under --actor and --role. */
        netra_actor reader = {o->actor, o->role, o->have_date ? o->date : netra_date_today()};
        err = e->have_p ? netra_auth_reporter_get(who, sizeof who, contact, sizeof contact, e->au,
                                                  &e->p, id)
                        : netra_store_reporter_get_audited(who, sizeof who, contact, sizeof contact,
                                                           e->s.st, id, &reader);
        if (err == NETRA_OK)
            fprintf(ctx->out, "  %s: %s (%s)\n", cli_t(ctx, "Pelapor", "Reporter"), who,
                    contact[0] ? contact : "-");
        else if (err != NETRA_ENOTFOUND)
            return cli_fail(ctx, err, "pelapor", "reporter");
    }
    fprintf(ctx->out, "%s\n", cli_t(ctx, "Terlapor:", "Accused:"));
    if ((err = netra_store_case_asns(e->s.st, id, on_asn, &sc)) < 0)
        return cli_fail(ctx, err, "terlapor", "accused");
    fprintf(ctx->out, "%s\n", cli_t(ctx, "Perbuatan:", "Acts:"));
    if ((err = netra_store_case_acts(e->s.st, id, on_act, &sc)) < 0)
        return cli_fail(ctx, err, "perbuatan", "acts");
    fprintf(ctx->out, "%s\n", cli_t(ctx, "Bukti:", "Evidence:"));
    if ((err = netra_store_case_evidence(e->s.st, id, on_evidence, &sc)) < 0)
        return cli_fail(ctx, err, "bukti", "evidence");
    fprintf(ctx->out, "%s\n", cli_t(ctx, "Tenggat:", "Deadlines:"));
    if ((err = netra_store_case_clocks(e->s.st, id, on_clock, &sc)) < 0)
        return cli_fail(ctx, err, "tenggat", "deadlines");
    if ((err = netra_store_case_merges(e->s.st, id, on_merge, &sc)) < 0)
        return cli_fail(ctx, err, "penggabungan", "merges");
    fprintf(ctx->out, "%s\n", cli_t(ctx, "Riwayat:", "History:"));
    if ((err = netra_store_case_timeline(e->s.st, id, on_event, &sc)) < 0)
        return cli_fail(ctx, err, "riwayat", "history");
    return CLI_EXIT_OK;
}

static int do_act(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 3 || !o->have_version)
        return cli_usage(ctx, "case", "'act' memerlukan ID TINDAKAN --version V",
                         "'act' needs ID ACTION --version V");
    int64_t id;
    int rc = parse_id(ctx, o->pos[1], &id);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_actor a = {o->actor, o->role, o->date};
    int err = e->have_p ? netra_auth_may_act_case(e->au, &e->p, id, o->pos[2]) : NETRA_OK;
    if (err == 0)
        err = netra_store_case_act(e->s.st, id, o->version, o->pos[2], o->fields, &a);
    if (err < 0)
        return cli_fail(ctx, err, "tindakan ditolak", "action refused");
    netra_case c;
    if ((err = netra_store_case_get(&c, e->s.st, id)) < 0)
        return cli_fail(ctx, err, "perkara", "case");
    if (ctx->json)
        return cli_print_json(ctx, case_to_json(&c));
    fprintf(ctx->out,
            CLI_T(ctx, "Perkara %lld: %s -> status %s (versi %lld)\n",
                  "Case %lld: %s -> state %s (version %lld)\n"),
            (long long)id, o->pos[2], c.state, (long long)c.version);
    return CLI_EXIT_OK;
}

typedef struct dup_out {
    const cli_ctx *ctx;
    json_t *list; /* --json */
    size_t n;
    env *e; /* with --user: only the cases the user may see */
} dup_out;

static int on_duplicate(const netra_case_duplicate *d, void *payload)
{
    dup_out *out = payload;
    if (out->e->have_p) {
        int err = netra_auth_may_see_case(out->e->au, &out->e->p, d->id);
        if (err == NETRA_EPERM) {
            netra_error_clear();
            return 0;
        }
        if (err < 0)
            return err;
    }
    out->n++;
    if (out->list != NULL)
        return json_array_append_new(out->list,
                                     json_pack("{s:I,s:s,s:s}", "id", (json_int_t)d->id, "reason",
                                               d->reason, "detail", d->detail)) == 0
                   ? 0
                   : NETRA_ENOMEM;
    const char *why =
        strcmp(d->reason, "asn_act_date") == 0
            ? CLI_T(out->ctx, "terlapor, perbuatan dan tanggal sama", "same accused, act and date")
        : strcmp(d->reason, "url") == 0
            ? CLI_T(out->ctx, "URL kanonis sama", "same canonical URL")
            : CLI_T(out->ctx, "uraian hampir sama", "near-identical summary");
    fprintf(out->ctx->out, "  %5lld  %s: %s\n", (long long)d->id, why, d->detail);
    return 0;
}

static int do_duplicates(cli_ctx *ctx, env *e, opts *o)
{
    int64_t id;
    if (o->n_pos != 2)
        return cli_usage(ctx, "case", "'duplicates' memerlukan nomor perkara",
                         "'duplicates' needs a case number");
    int rc = parse_id(ctx, o->pos[1], &id);
    if (rc != CLI_EXIT_OK)
        return rc;
    int err = e->have_p ? netra_auth_may_see_case(e->au, &e->p, id) : NETRA_OK;
    if (err < 0)
        return cli_fail(ctx, err, "perkara", "case");
    dup_out out = {ctx, ctx->json ? json_array() : NULL, 0, e};
    if (!ctx->json)
        fprintf(ctx->out,
                CLI_T(ctx, "Kemungkinan duplikat perkara %lld (saran, tidak digabung):\n",
                      "Possible duplicates of case %lld (suggestions, nothing merged):\n"),
                (long long)id);
    err = netra_store_case_duplicates(e->s.st, id, e->nz, on_duplicate, &out);
    if (err < 0) {
        json_decref(out.list);
        return cli_fail(ctx, err, "duplikat", "duplicates");
    }
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:I,s:I,s:o}", "id", (json_int_t)id, "count",
                                             (json_int_t)out.n, "duplicates", out.list));
    if (out.n == 0)
        fputs(CLI_T(ctx, "  tidak ada\n", "  none\n"), ctx->out);
    return CLI_EXIT_OK;
}

typedef struct link_ctx {
    int64_t other;
    json_t *reasons;
} link_ctx;

static int on_link(const netra_case_duplicate *d, void *payload)
{
    link_ctx *lc = payload;
    if (d->id != lc->other)
        return 0;
    return json_array_append_new(
               lc->reasons, json_pack("{s:s,s:s}", "reason", d->reason, "detail", d->detail)) == 0
               ? 0
               : NETRA_ENOMEM;
}

static void print_merge(const cli_ctx *ctx, const netra_case_merge *m, int undo)
{
    if (undo)
        fprintf(ctx->out,
                CLI_T(ctx,
                      "Penggabungan #%lld dibatalkan: perkara %lld dipisahkan lagi dari perkara "
                      "%lld (%zu pelapor, %zu perbuatan, %zu bukti, %zu terlapor kembali; %zu "
                      "tenggat berjalan lagi).\n",
                      "Merge #%lld undone: case %lld separated again from case %lld (%zu "
                      "reporters, %zu acts, %zu evidence, %zu accused back; %zu deadlines "
                      "running again).\n"),
                (long long)m->id, (long long)m->source, (long long)m->target, m->n_reporters,
                m->n_acts, m->n_evidence, m->n_asn, m->n_clocks);
    else
        fprintf(ctx->out,
                CLI_T(ctx,
                      "Perkara %lld digabung ke perkara %lld (penggabungan #%lld): %zu pelapor, "
                      "%zu perbuatan, %zu bukti, %zu terlapor pindah; %zu tenggat perkara %lld "
                      "dihentikan.\nBatalkan dengan: netra case unmerge %lld\n",
                      "Case %lld merged into case %lld (merge #%lld): %zu reporters, %zu acts, "
                      "%zu evidence, %zu accused moved; %zu deadlines of case %lld "
                      "stopped.\nUndo with: netra case unmerge %lld\n"),
                (long long)m->source, (long long)m->target, (long long)m->id, m->n_reporters,
                m->n_acts, m->n_evidence, m->n_asn, m->n_clocks, (long long)m->source,
                (long long)m->source);
}

static int do_merge(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 3)
        return cli_usage(ctx, "case", "'merge' memerlukan nomor perkara A (tetap) dan B (digabung)",
                         "'merge' needs case numbers A (kept) and B (merged into A)");
    int64_t a, b;
    int rc = parse_id(ctx, o->pos[1], &a);
    if (rc == CLI_EXIT_OK)
        rc = parse_id(ctx, o->pos[2], &b);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_actor actor = {o->actor, o->role, o->date};
    /* --user: both cases in the user's scope, the action granted to the user's role */
    int err0 = e->have_p ? netra_auth_may_act_case(e->au, &e->p, a, "gabungkan") : NETRA_OK;
    if (err0 == 0 && e->have_p)
        err0 = netra_auth_may_act_case(e->au, &e->p, b, "gabungkan");
    if (err0 < 0)
        return cli_fail(ctx, err0, "penggabungan ditolak", "merge refused");
    if (o->confirm != NULL) {
        long long va, vb;
        char tail;
        if (sscanf(o->confirm, "%lld:%lld%c", &va, &vb, &tail) != 2 || va <= 0 || vb <= 0)
            return cli_usage(
                ctx, "case", "--confirm memerlukan VERSI_A:VERSI_B dari pratinjau, bukan '%s'",
                "--confirm needs VERSION_A:VERSION_B from the preview, not '%s'", o->confirm);
        netra_case_merge m;
        int err = netra_store_case_merge(&m, e->s.st, a, va, b, vb, &actor);
        if (err < 0)
            return cli_fail(ctx, err, "penggabungan ditolak", "merge refused");
        if (ctx->json)
            return cli_print_json(ctx, merge_to_json(&m));
        print_merge(ctx, &m, 0);
        return CLI_EXIT_OK;
    }
    /* A preview: both cases, why they look alike, and the command that confirms. */
    netra_case ca, cb;
    int err = netra_store_case_get(&ca, e->s.st, a);
    if (err == 0)
        err = netra_store_case_get(&cb, e->s.st, b);
    if (err < 0)
        return cli_fail(ctx, err, "perkara", "case");
    link_ctx lc = {b, json_array()};
    if (lc.reasons == NULL)
        return cli_fail(ctx, NETRA_ENOMEM, "pratinjau", "preview");
    if ((err = netra_store_case_duplicates(e->s.st, a, e->nz, on_link, &lc)) < 0) {
        json_decref(lc.reasons);
        return cli_fail(ctx, err, "duplikat", "duplicates");
    }
    char confirm[48];
    snprintf(confirm, sizeof confirm, "%lld:%lld", (long long)ca.version, (long long)cb.version);
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:o,s:o,s:o,s:s,s:b}", "target", case_to_json(&ca),
                                             "source", case_to_json(&cb), "reasons", lc.reasons,
                                             "confirm", confirm, "merged", 0));
    fprintf(ctx->out, CLI_T(ctx, "Pratinjau penggabungan (belum ada yang berubah):\n",
                            "Merge preview (nothing changed yet):\n"));
    fprintf(ctx->out,
            CLI_T(ctx, "  tetap:    %lld %s [%s, versi %lld]\n",
                  "  kept:     %lld %s [%s, version %lld]\n"),
            (long long)ca.id, ca.title, ca.state, (long long)ca.version);
    fprintf(ctx->out,
            CLI_T(ctx, "  digabung: %lld %s [%s, versi %lld]\n",
                  "  merged:   %lld %s [%s, version %lld]\n"),
            (long long)cb.id, cb.title, cb.state, (long long)cb.version);
    size_t n = json_array_size(lc.reasons);
    if (n == 0)
        fputs(CLI_T(ctx, "  PERHATIAN: tidak ada saran duplikat yang menghubungkan keduanya\n",
                    "  NOTE: no duplicate suggestion links the two\n"),
              ctx->out);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(lc.reasons, i);
        fprintf(ctx->out, "  %s: %s\n", json_string_value(json_object_get(r, "reason")),
                json_string_value(json_object_get(r, "detail")));
    }
    json_decref(lc.reasons);
    fprintf(ctx->out,
            CLI_T(ctx,
                  "Pelapor, perbuatan, bukti, terlapor dan riwayat perkara %lld akan ikut perkara "
                  "%lld; tenggat perkara %lld dihentikan; dapat dibatalkan.\n"
                  "Konfirmasi: netra case merge %lld %lld --confirm %s\n",
                  "The reporters, acts, evidence, accused and history of case %lld will go with "
                  "case %lld; the deadlines of case %lld stop; this can be undone.\n"
                  "Confirm: netra case merge %lld %lld --confirm %s\n"),
            (long long)b, (long long)a, (long long)b, (long long)a, (long long)b, confirm);
    return CLI_EXIT_OK;
}

static int do_unmerge(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 2)
        return cli_usage(ctx, "case", "'unmerge' memerlukan nomor perkara yang digabung",
                         "'unmerge' needs the number of the merged case");
    int64_t b;
    int rc = parse_id(ctx, o->pos[1], &b);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_actor actor = {o->actor, o->role, o->date};
    netra_case_merge m;
    int err = e->have_p ? netra_auth_may_act_case(e->au, &e->p, b, "pisahkan") : NETRA_OK;
    if (err == 0)
        err = netra_store_case_unmerge(&m, e->s.st, b, &actor);
    if (err < 0)
        return cli_fail(ctx, err, "pembatalan ditolak", "undo refused");
    if (ctx->json)
        return cli_print_json(ctx, merge_to_json(&m));
    print_merge(ctx, &m, 1);
    return CLI_EXIT_OK;
}

static int do_attach(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 3)
        return cli_usage(ctx, "case", "'attach' memerlukan nomor perkara dan BERKAS",
                         "'attach' needs a case number and a FILE");
    int64_t id;
    int rc = parse_id(ctx, o->pos[1], &id);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_actor actor = {o->actor, o->role, o->date};
    int64_t eid;
    char sum[65];
    const char *type = "";
    int err = e->have_p ? netra_auth_may_see_case(e->au, &e->p, id) : NETRA_OK;
    if (err == 0)
        err = netra_store_evidence_attach_file(&eid, sum, &type, e->s.st, id, o->pos[2], o->kind,
                                               o->url, &actor);
    if (err < 0)
        return cli_fail(ctx, err, "bukti ditolak", "evidence refused");
    if (ctx->json)
        return cli_print_json(ctx,
                              json_pack("{s:I,s:I,s:s,s:s}", "case", (json_int_t)id, "evidence",
                                        (json_int_t)eid, "sha256", sum, "media_type", type));
    fprintf(ctx->out,
            CLI_T(ctx, "Bukti #%lld dilampirkan ke perkara %lld: %s, SHA-256 %s\n",
                  "Evidence #%lld attached to case %lld: %s, SHA-256 %s\n"),
            (long long)eid, (long long)id, type, sum);
    return CLI_EXIT_OK;
}

typedef struct import_out {
    const cli_ctx *ctx;
    json_t *problems; /* --json: the messages */
    size_t n;
} import_out;

static void on_problem(const char *message, void *payload)
{
    import_out *io = payload;
    io->n++;
    if (io->problems != NULL)
        json_array_append_new(io->problems, json_string(message));
    else
        fprintf(io->ctx->err, "%s\n", message);
}

/* netra case ppk: the PPK of an agency and region, and the route when it is conflicted. */
static int do_ppk(cli_ctx *ctx, opts *o)
{
    if (o->agency == NULL && o->agency_kind == NULL)
        return cli_usage(ctx, "case", "'ppk' memerlukan --agency atau --agency-kind",
                         "'ppk' needs --agency or --agency-kind");
    netra_coi *coi;
    int err = netra_coi_load(&coi, NULL);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat data/org", "cannot load data/org");
    const char *routes = o->coi_route ? o->coi_route : getenv("NETRA_COI_ROUTE");
    if (routes != NULL && *routes != '\0' && (err = netra_coi_set_routes(coi, routes)) < 0) {
        netra_coi_free(coi);
        return cli_fail(ctx, err, "--coi-route / NETRA_COI_ROUTE", "--coi-route / NETRA_COI_ROUTE");
    }
    netra_ppk p;
    netra_coi_routing r;
    if ((err = netra_ppk_resolve(&p, coi, o->agency_kind, o->agency, o->region)) < 0 ||
        (err = netra_coi_route(&r, coi, &p)) < 0) {
        netra_coi_free(coi);
        return cli_fail(ctx, err, "PPK tidak dapat ditentukan", "the PPK cannot be told");
    }
    int rc;
    if (ctx->json) {
        rc = cli_print_json(ctx,
                            json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:b,s:s}}", "agency_kind",
                                      p.rule->agency_kind, "ppk", p.office->id, "region", p.region,
                                      "agency", p.agency, "basis", p.rule->basis, "if_conflicted",
                                      "office", r.to->id, "region", r.region, "netra_default",
                                      r.rule->netra_default, "basis", r.rule->basis));
    } else {
        fprintf(ctx->out, "%s: %s%s%s (%s)\n", cli_t(ctx, "PPK", "PPK"),
                cli_t(ctx, p.office->label_id, p.office->label_en),
                p.region[0] || p.agency[0] ? " " : "", p.region[0] ? p.region : p.agency,
                cli_t(ctx, p.rule->label_id, p.rule->label_en));
        fprintf(ctx->out, "  %s: %s\n", cli_t(ctx, "Dasar", "Basis"), p.rule->basis);
        fprintf(ctx->out, "%s: %s%s%s\n",
                cli_t(ctx, "Bila PPK berkonflik kepentingan, rekomendasi kepada",
                      "When the PPK is conflicted, the recommendation goes to"),
                cli_t(ctx, r.to->label_id, r.to->label_en), r.region[0] ? " " : "", r.region);
        fprintf(ctx->out, "  %s: %s%s\n", cli_t(ctx, "Dasar", "Basis"), r.rule->basis,
                r.rule->netra_default ? cli_t(ctx, " [bawaan Netra, dapat diubah: --coi-route]",
                                              " [Netra's default, configurable: --coi-route]")
                                      : "");
        rc = CLI_EXIT_OK;
    }
    netra_coi_free(coi);
    return rc;
}

static int do_holders(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 2)
        return cli_usage(ctx, "case", "'holders' memerlukan BERKAS", "'holders' needs FILE");
    import_out io = {ctx, ctx->json ? json_array() : NULL, 0};
    netra_holders_result r;
    netra_actor a = {o->actor, o->role, o->date};
    int err = netra_store_holders_import(&r, e->s.st, o->pos[1], &a, on_problem, &io);
    if (ctx->json) {
        json_t *j = json_pack("{s:I,s:I,s:I,s:I,s:o}", "rows", (json_int_t)r.rows, "bad",
                              (json_int_t)r.bad, "imported", (json_int_t)r.imported, "flagged",
                              (json_int_t)r.n_flagged, "problems", io.problems);
        if (err < 0) {
            cli_print_json(ctx, j);
            return cli_fail(ctx, err, "tidak ada yang diimpor", "nothing imported");
        }
        return cli_print_json(ctx, j);
    }
    if (err < 0)
        return cli_fail(ctx, err, "tidak ada yang diimpor", "nothing imported");
    fprintf(ctx->out,
            CLI_T(ctx, "%zu pejabat PPK diimpor; %zu perkara dengan konflik kepentingan\n",
                  "%zu PPK office holders imported; %zu cases with a conflict of interest\n"),
            r.imported, r.n_flagged);
    return CLI_EXIT_OK;
}

static int do_register_election(cli_ctx *ctx, env *e, opts *o)
{
    if (o->n_pos != 2)
        return cli_usage(ctx, "case", "'register-election' memerlukan BERKAS",
                         "'register-election' needs FILE");
    netra_election_file *ef;
    int err = netra_election_load(&ef, o->pos[1]);
    if (err < 0)
        return cli_fail(ctx, err, "berkas pemilihan", "election file");
    size_t flagged = 0;
    netra_actor a = {o->actor, o->role, o->date};
    err = netra_store_election_register(&flagged, e->s.st, ef, &a);
    const netra_election_info *info = netra_election_get(ef);
    char id[64];
    snprintf(id, sizeof id, "%s", info->id);
    size_t n = info->n_contestants;
    netra_election_free(ef);
    if (err < 0)
        return cli_fail(ctx, err, "pemilihan tidak didaftarkan", "election not registered");
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:s,s:I,s:I}", "election", id, "contestants",
                                             (json_int_t)n, "flagged", (json_int_t)flagged));
    fprintf(ctx->out,
            CLI_T(ctx,
                  "Pemilihan %s didaftarkan (%zu peserta); %zu perkara dengan konflik "
                  "kepentingan\n",
                  "Election %s registered (%zu contestants); %zu cases with a conflict of "
                  "interest\n"),
            id, n, flagged);
    return CLI_EXIT_OK;
}

int cmd_case(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "case", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos < 1)
        return cli_usage(ctx, "case", "perintah tidak ada", "missing command");
    const char *sub = o.pos[0];
    if (strcmp(sub, "new") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 &&
        strcmp(sub, "act") != 0 && strcmp(sub, "duplicates") != 0 && strcmp(sub, "merge") != 0 &&
        strcmp(sub, "unmerge") != 0 && strcmp(sub, "attach") != 0 && strcmp(sub, "ppk") != 0 &&
        strcmp(sub, "holders") != 0 && strcmp(sub, "register-election") != 0)
        return cli_usage(ctx, "case", "perintah tidak dikenal '%s'", "unknown command '%s'", sub);
    if (strcmp(sub, "ppk") == 0)
        return do_ppk(ctx, &o);
    env e;
    if (o.user != NULL && o.role_given)
        return cli_usage(ctx, "case", "--user dan --role tidak bersama: peran datang dari kantor",
                         "--user and --role do not go together: the role is the office's");
    if ((rc = env_open(ctx, &e, &o, 0)) != CLI_EXIT_OK)
        return rc;
    if (e.have_p) {
        o.role = e.p.role;
        o.actor = e.p.login;
    }
    if (strcmp(sub, "new") == 0)
        rc = do_new(ctx, &e, &o);
    else if (strcmp(sub, "list") == 0)
        rc = do_list(ctx, &e, &o);
    else if (strcmp(sub, "show") == 0)
        rc = do_show(ctx, &e, &o);
    else if (strcmp(sub, "duplicates") == 0)
        rc = do_duplicates(ctx, &e, &o);
    else if (strcmp(sub, "merge") == 0)
        rc = do_merge(ctx, &e, &o);
    else if (strcmp(sub, "unmerge") == 0)
        rc = do_unmerge(ctx, &e, &o);
    else if (strcmp(sub, "attach") == 0)
        rc = do_attach(ctx, &e, &o);
    else if (strcmp(sub, "holders") == 0)
        rc = do_holders(ctx, &e, &o);
    else if (strcmp(sub, "register-election") == 0)
        rc = do_register_election(ctx, &e, &o);
    else
        rc = do_act(ctx, &e, &o);
    env_close(&e);
    return rc;
}

/* ---- netra audit verify ------------------------------------------------------------------ */

int cmd_audit(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx,
                    "Penggunaan: netra audit verify [--db BERKAS] [--json]\n\n"
                    "Memeriksa rantai audit: setiap entri memuat hash entri sebelumnya; entri\n"
                    "yang diubah, dihapus atau ditukar urutannya disebut nomornya.\n"
                    "Kode keluar 0: utuh; 3: rantai rusak.\n",
                    "Usage: netra audit verify [--db FILE] [--json]\n\n"
                    "Verifies the audit chain: each entry holds the previous entry's hash; an\n"
                    "edited, deleted or reordered entry is named by number.\n"
                    "Exit code 0: intact; 3: broken chain.\n"),
              argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "audit", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 1 || strcmp(o.pos[0], "verify") != 0)
        return cli_usage(ctx, "audit", "hanya 'verify'", "only 'verify'");
    env e;
    if ((rc = env_open(ctx, &e, &o, 0)) != CLI_EXIT_OK)
        return rc;
    int64_t n = 0, bad = 0;
    int err = netra_store_audit_verify(&n, &bad, e.s.st);
    int64_t head_seq = 0;
    char head[65] = "";
    if (err == 0)
        err = netra_store_audit_head(&head_seq, head, e.s.st);
    env_close(&e);
    if (err < 0 && err != NETRA_EDATA)
        return cli_fail(ctx, err, "audit", "audit");
    if (ctx->json) {
        rc =
            cli_print_json(ctx, json_pack("{s:b,s:I,s:I,s:s,s:s}", "valid", err == 0, "entries",
                                          (json_int_t)n, "first_bad", (json_int_t)bad, "head", head,
                                          "detail", err == 0 ? "" : netra_error_last()->msg));
        return rc != CLI_EXIT_OK ? rc : (err == 0 ? CLI_EXIT_OK : CLI_EXIT_INVALID);
    }
    if (err == 0) {
        fprintf(ctx->out,
                CLI_T(ctx, "Rantai audit utuh: %lld entri; kepala %lld:%s.\n",
                      "Audit chain intact: %lld entries; head %lld:%s.\n"),
                (long long)n, (long long)head_seq, head);
        return CLI_EXIT_OK;
    }
    fprintf(ctx->out,
            CLI_T(ctx, "Rantai audit RUSAK pada entri %lld: %s\n",
                  "Audit chain BROKEN at entry %lld: %s\n"),
            (long long)bad, netra_error_last()->msg);
    return CLI_EXIT_INVALID;
}

/* ---- netra export ------------------------------------------------------------------------ */

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx,
                    "Penggunaan: netra export [--db BERKAS] [--format csv|json] [--out BERKAS]\n\n"
                    "Mengekspor setiap perkara (terlapor, perbuatan dengan bentuknya, tenggat,\n"
                    "status, versi) baris demi baris, bersama kepala rantai audit (nomor entri\n"
                    "dan hash) dan waktu ekspor dibuat. Identitas pelapor tidak pernah diekspor.\n"
                    "Sel CSV yang diawali = + - @, tab atau CR diberi apostrof di depannya.\n"
                    "Bawaan: CSV ke stdout. Format: docs/data/export.md.\n",
                    "Usage: netra export [--db FILE] [--format csv|json] [--out FILE]\n\n"
                    "Exports every case (accused, acts with their form, deadlines, state,\n"
                    "version) row by row, with the audit-chain head (entry number and hash) and\n"
                    "the time the export was built. Reporter identity is never exported.\n"
                    "CSV cells starting with = + - @, a tab or CR get a leading apostrophe.\n"
                    "Default: CSV on stdout. Format: docs/data/export.md.\n"),
              ctx->out);
        return CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "export", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 0)
        return cli_usage(ctx, "export", "terlalu banyak argumen", "too many arguments");
    netra_export_format fmt = NETRA_EXPORT_CSV;
    if (o.format != NULL && strcmp(o.format, "json") == 0)
        fmt = NETRA_EXPORT_JSON;
    else if (o.format != NULL && strcmp(o.format, "csv") != 0)
        return cli_usage(ctx, "export", "--format: csv atau json, bukan '%s'",
                         "--format: csv or json, not '%s'", o.format);
    env e;
    if ((rc = env_open(ctx, &e, &o, 0)) != CLI_EXIT_OK)
        return rc;
    FILE *f = ctx->out;
    if (o.out != NULL && strcmp(o.out, "-") != 0 && (f = fopen(o.out, "wb")) == NULL) {
        env_close(&e);
        cli_errorf(ctx, "tidak dapat menulis %s", "cannot write %s", o.out);
        return CLI_EXIT_ENV;
    }
    size_t n = 0;
    int err = netra_store_export(&n, e.s.st, fmt, f);
    env_close(&e);
    if (f != ctx->out && fclose(f) != 0 && err == 0) {
        cli_errorf(ctx, "tidak dapat menulis %s", "cannot write %s", o.out);
        return CLI_EXIT_ENV;
    }
    if (err < 0)
        return cli_fail(ctx, err, "ekspor", "export");
    if (f != ctx->out)
        fprintf(ctx->err,
                CLI_T(ctx, "%zu perkara diekspor ke %s.\n", "%zu cases exported to %s.\n"), n,
                o.out);
    return CLI_EXIT_OK;
}

/* ---- netra import ------------------------------------------------------------------------ */

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(
            cli_t(ctx,
                  "Penggunaan: netra import BERKAS.csv [--db BERKAS] [--partial] [--role PERAN]\n"
                  "                    [--actor NAMA] [--key-file BERKAS] [--json]\n\n"
                  "Mengimpor laporan dari CSV (kolom: docs/data/reports-import.md). Setiap baris\n"
                  "diperiksa dulu; bila ada baris salah tidak ada yang diimpor, kecuali dengan\n"
                  "--partial (baris yang benar diimpor). Setiap masalah dicetak sebagai\n"
                  "berkas:baris: field 'x': alasan. Perkara dibuat lewat alur kerja dan rantai\n"
                  "audit seperti 'netra case new'; identitas pelapor dienkripsi (perlu kunci).\n"
                  "Kode keluar 0: semua diimpor; 3: ada baris salah.\n",
                  "Usage: netra import FILE.csv [--db FILE] [--partial] [--role ROLE]\n"
                  "                    [--actor NAME] [--key-file FILE] [--json]\n\n"
                  "Imports reports from a CSV (columns: docs/data/reports-import.md). Every row\n"
                  "is checked first; when a row is bad nothing is imported, unless --partial\n"
                  "(the good rows are imported). Each problem is printed as\n"
                  "file:line: field 'x': reason. Cases go through the workflow and the audit\n"
                  "chain like 'netra case new'; reporter identity is encrypted (needs a key).\n"
                  "Exit code 0: all imported; 3: bad rows.\n"),
            argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "import", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 1)
        return cli_usage(ctx, "import", "perlu tepat satu berkas CSV",
                         "needs exactly one CSV file");
    env e;
    if ((rc = env_open(ctx, &e, &o, 0)) != CLI_EXIT_OK)
        return rc;
    import_out io = {ctx, ctx->json ? json_array() : NULL, 0};
    netra_import_result res;
    int err = netra_store_import_reports(&res, e.s.st, o.pos[0], o.partial, o.role, o.actor,
                                         on_problem, &io);
    env_close(&e);
    if (err < 0 && err != NETRA_EDATA) {
        json_decref(io.problems);
        return cli_fail(ctx, err, "impor", "import");
    }
    if (ctx->json) {
        rc = cli_print_json(ctx, json_pack("{s:I,s:I,s:I,s:b,s:o}", "rows", (json_int_t)res.rows,
                                           "imported", (json_int_t)res.imported, "bad",
                                           (json_int_t)res.bad, "partial", o.partial, "problems",
                                           io.problems ? io.problems : json_array()));
        return rc != CLI_EXIT_OK ? rc : (err == 0 && res.bad == 0 ? CLI_EXIT_OK : CLI_EXIT_INVALID);
    }
    if (err < 0) {
        if (res.rows == 0 && res.bad == 0)
            return cli_fail(ctx, err, "impor", "import");
        fprintf(
            ctx->err,
            CLI_T(ctx,
                  "netra: %zu dari %zu baris salah; tidak ada yang diimpor (lihat --partial).\n",
                  "netra: %zu of %zu rows are bad; nothing imported (see --partial).\n"),
            res.bad, res.rows);
        return CLI_EXIT_INVALID;
    }
    fprintf(ctx->out,
            CLI_T(ctx, "%zu perkara diimpor dari %zu baris; %zu baris salah.\n",
                  "%zu cases imported from %zu rows; %zu bad rows.\n"),
            res.imported, res.rows, res.bad);
    return res.bad == 0 ? CLI_EXIT_OK : CLI_EXIT_INVALID;
}

/* ---- netra demo seed ---------------------------------------------------------------------- */

typedef struct demo_case {
    const char *kind, *regime, *election, *region, *title;
    const char *steps; /* actions, space-separated, taken day by day */
    const char *nip, *name, *agency, *position, *ppk;
    const char *act, *act_date, *platform;
} demo_case;

static const demo_case demos[] = {
    {"laporan", "pilkada", "pilkada-2024", "32.73.02",
     "DEMO: Camat mengajak memilih paslon di acara PKK (Bandung)", "", "197603152005011003",
     "DEMO Camat Coblong", "Pemkot Bandung", "camat_lurah", "Wali Kota Bandung", "attend",
     "2024-11-01", ""},
    {"laporan", "pilkada", "pilkada-2024", "35.78",
     "DEMO: Lurah memasang foto bersama calon wali kota (Surabaya)", "registrasi mulai_klarifikasi",
     "198201102009031002", "DEMO Lurah Ketintang", "Pemkot Surabaya", "camat_lurah",
     "Wali Kota Surabaya", "photo", "2024-10-20", "instagram"},
    {"laporan", "pemilu", "pemilu-2024", "31.71",
     "DEMO: Kepala dinas menyukai dan membagikan unggahan kampanye (Jakarta Pusat)",
     "registrasi mulai_klarifikasi perpanjang", "197011221995031001", "DEMO Kepala Dinas",
     "Pemprov DKI Jakarta", "jpt", "Gubernur DKI Jakarta", "share", "2024-01-20", "facebook"},
    {"temuan", "pilkada", "pilkada-2024", "33.74",
     "DEMO: Guru PPPK menjadi juru kampanye di media sosial (Semarang)",
     "mulai_klarifikasi teruskan verifikasi", "199005052023212001", "DEMO Guru PPPK",
     "Pemkot Semarang", "fungsional", "Wali Kota Semarang", "campaign_online", "2024-10-15",
     "tiktok"},
    {"laporan", "pilkada", "pilkada-2024", "32.04",
     "DEMO (konflik kepentingan): Sekretaris desa menghadiri deklarasi bupati petahana "
     "(Kab. Bandung)",
     "registrasi mulai_klarifikasi teruskan verifikasi validasi rekomendasikan",
     "198807072010011004", "DEMO Sekretaris Desa", "Pemkab Bandung", "pelaksana", "Bupati Bandung",
     "attend", "2024-08-20", ""},
    {"temuan", "pemilu", "pemilu-2024", "35.15",
     "DEMO: ASN Dinas Pendidikan mengunggah ajakan memilih caleg (Sidoarjo)",
     "mulai_klarifikasi teruskan verifikasi validasi rekomendasikan nyatakan_tidak_patuh "
     "rekomendasikan_blokir",
     "198512122011012005", "DEMO ASN Dinas Pendidikan", "Pemkab Sidoarjo", "administrator",
     "Bupati Sidoarjo", "post", "2024-01-25", "x"},
    {"laporan", "pilkada", "pilkada-2024", "32.73.02",
     "DEMO: Camat Coblong ikut kampanye calon gubernur (Bandung)",
     "registrasi mulai_klarifikasi teruskan verifikasi validasi rekomendasikan jatuhkan_sanksi "
     "catat_idis",
     "197603152005011003", "DEMO Camat Coblong", "Pemkot Bandung", "camat_lurah",
     "Wali Kota Bandung", "campaign", "2024-10-28", ""},
    {"informasi_awal", "pilkada", "pilkada-2024", "33.72",
     "DEMO: Informasi anonim: ASN memakai atribut paslon (Surakarta)", "telusuri",
     "199203032015031006", "DEMO ASN Surakarta", "Pemkot Surakarta", "pelaksana",
     "Wali Kota Surakarta", "banner", "2024-11-02", ""},
    {"laporan", "pemilu", "pemilu-2024", "32.01",
     "DEMO: Laporan tanpa bukti, kedaluwarsa (Kab. Bogor)", "tolak_registrasi",
     "198009092006041007", "DEMO ASN Bogor", "Pemkab Bogor", "pengawas", "Bupati Bogor", "like",
     "2023-12-01", "facebook"},
    {"laporan", "pilkada", "pilkada-2024", "35.07",
     "DEMO: Kepala puskesmas membagikan bahan kampanye (Kab. Malang)",
     "registrasi mulai_klarifikasi hentikan", "197704042003122008", "DEMO Kepala Puskesmas",
     "Pemkab Malang", "fungsional", "Bupati Malang", "share", "2024-10-30", "whatsapp"},
};

/* The role and fields each demo step needs. */
static const char *demo_role(const netra_workflow *wf, const char *state, const char *action,
                             const char *regime)
{
    const netra_transition *t = netra_workflow_find(wf, state, action, regime);
    static const char *const pref[] = {"bawaslu_kabkota", "satgas_bkn", "ppk", "sdm_instansi",
                                       NULL};
    for (size_t i = 0; t != NULL && pref[i] != NULL; i++)
        if (netra_workflow_role_may(wf, t, pref[i]))
            return pref[i];
    return "bawaslu_kabkota";
}

static void demo_fields(netra_case_field *f, const netra_transition *t, const char *date)
{
    size_t n = 0;
    for (size_t i = 0; t != NULL && t->requires[i] != NULL && n < MAX_FIELDS; i++) {
        f[n].name = t->requires[i];
        f[n].value = strcmp(t->requires[i], "bentuk") == 0         ? "D-8"
                     : strcmp(t->requires[i], "sanksi") == 0       ? "sedang"
                     : strncmp(t->requires[i], "tanggal_", 8) == 0 ? date
                                                                   : "DEMO";
        n++;
    }
    f[n].name = NULL;
}

int cmd_demo(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx,
                    "Penggunaan: netra demo seed [--db BERKAS] [--date TGL]\n\n"
                    "Mengisi basis data dengan 10 perkara contoh berlabel DEMO di berbagai\n"
                    "wilayah, jenis, rezim dan status. Pelapor contoh bernama 'DEMO', dienkripsi\n"
                    "dengan kunci sekali pakai bila NETRA_KEY/--key-file tidak diberikan.\n"
                    "Juga satu kantor dan satu pengguna DEMO per jenis kantor (data/org), dengan\n"
                    "kata sandi acak yang ditampilkan sekali, serta administrator wilayah untuk\n"
                    "Jawa Barat (32) dan Kota Bandung (32.73). Pemilihan bupati Bandung contoh\n"
                    "(data/examples/pilbup-bandung-2024.json, bupati petahana ikut) didaftarkan\n"
                    "sehingga perkara Kab. Bandung ditandai konflik kepentingan.\n",
                    "Usage: netra demo seed [--db FILE] [--date DATE]\n\n"
                    "Fills the database with 10 example cases labelled DEMO across regions,\n"
                    "kinds, regimes and states. Demo reporters are named 'DEMO', encrypted with a\n"
                    "throwaway key unless NETRA_KEY/--key-file is given.\n"
                    "Also one DEMO office and user per kind of office (data/org), with random\n"
                    "passwords shown once, and regional administrators for Jawa Barat (32) and\n"
                    "Kota Bandung (32.73). An example Bandung regency election\n"
                    "(data/examples/pilbup-bandung-2024.json, the incumbent regent runs) is\n"
                    "registered, so the Kab. Bandung case is flagged as a conflict of interest.\n"),
              argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "demo", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 1 || strcmp(o.pos[0], "seed") != 0)
        return cli_usage(ctx, "demo", "hanya 'seed'", "only 'seed'");
    if (!o.have_date)
        (void)netra_date_from_ymd(&o.date, 2024, 11, 4);
    env e;
    if ((rc = env_open(ctx, &e, &o, 1)) != CLI_EXIT_OK)
        return rc;
    /* The Bandung regency election with its incumbent regent, registered before the cases so
     * that the Kab. Bandung case is flagged and its recommendation routed (decision 0015). */
    char epath[1024];
    snprintf(epath, sizeof epath, "%s/examples/pilbup-bandung-2024.json", netra_data_dir());
    netra_election_file *ef = NULL;
    int err = netra_election_load(&ef, epath);
    if (err == 0) {
        netra_actor ea = {"demo", "admin", o.date};
        err = netra_store_election_register(NULL, e.s.st, ef, &ea);
        netra_election_free(ef);
    }
    if (err < 0) {
        env_close(&e);
        return cli_fail(ctx, err, "pemilihan DEMO", "DEMO election");
    }
    size_t made = 0;
    for (size_t i = 0; err == 0 && i < sizeof demos / sizeof *demos; i++) {
        const demo_case *d = &demos[i];
        const char *action = strcmp(d->kind, "laporan") == 0  ? "terima_laporan"
                             : strcmp(d->kind, "temuan") == 0 ? "tetapkan_temuan"
                                                              : "catat_informasi_awal";
        const netra_transition *t = netra_workflow_find(e.s.wf, NULL, action, d->regime);
        char today[NETRA_DATE_STRLEN];
        netra_date_format(o.date, today);
        netra_case_field f[MAX_FIELDS + 1];
        demo_fields(f, t, today);
        netra_case_new c = {action, d->regime, d->election, d->region, d->title, 1};
        netra_actor a = {"demo", "bawaslu_kabkota", o.date};
        int64_t id;
        if ((err = netra_store_case_new(&id, e.s.st, &c, f, &a)) < 0)
            break;
        netra_asn asn = {d->nip,    d->name,     strstr(d->name, "PPPK") ? "pppk" : "pns",
                         d->agency, d->position, d->region,
                         d->ppk,    ""};
        netra_date act_date;
        (void)netra_date_parse(&act_date, d->act_date, strlen(d->act_date));
        netra_case_act ca = {d->act, act_date,    d->region, d->platform, "",
                             "",     d->election, NULL,      NULL};
        if ((err = netra_store_case_add_asn(NULL, e.s.st, id, &asn, &a)) < 0 ||
            (err = netra_store_case_add_act(NULL, e.s.st, id, &ca, &a)) < 0)
            break;
        made++;
        char steps[512];
        snprintf(steps, sizeof steps, "%s", d->steps);
        netra_date day = o.date;
        for (char *s = steps, *next; err == 0 && s != NULL && *s != '\0'; s = next) {
            next = strchr(s, ' ');
            if (next != NULL)
                *next++ = '\0';
            netra_case cur;
            if ((err = netra_store_case_get(&cur, e.s.st, id)) < 0)
                break;
            const netra_transition *st = netra_workflow_find(e.s.wf, cur.state, s, cur.regime);
            netra_case_field sf[MAX_FIELDS + 1];
            char dstr[NETRA_DATE_STRLEN];
            netra_date_format(++day, dstr);
            demo_fields(sf, st, dstr);
            netra_actor sa = {"demo", demo_role(e.s.wf, cur.state, s, cur.regime), day};
            err = netra_store_case_act(e.s.st, id, cur.version, s, sf, &sa);
        }
    }
    if (err < 0) {
        env_close(&e);
        return cli_fail(ctx, err, "demo", "demo");
    }
    fprintf(ctx->out, CLI_T(ctx, "%zu perkara DEMO dibuat.\n", "%zu DEMO cases created.\n"), made);
    for (int64_t id = 1; id <= (int64_t)made; id++) {
        netra_case_conflict cc;
        if (netra_store_case_conflict(&cc, e.s.st, id) != NETRA_OK)
            continue;
        fprintf(ctx->out,
                CLI_T(ctx,
                      "  perkara %lld: konflik kepentingan (PPK %s %s = peserta %s %s, %s); "
                      "rekomendasi dialihkan ke %s %s\n",
                      "  case %lld: conflict of interest (PPK %s %s = contestant %s %s, %s); "
                      "recommendation routed to %s %s\n"),
                (long long)id, cc.ppk_office, cc.ppk_region, cc.contestant, cc.contestant_name,
                cc.election, cc.route_to, cc.route_region);
    }
    netra_error_clear();
    rc = cli_demo_accounts(ctx, e.s.st, e.s.wf);
    if (rc == CLI_EXIT_OK)
        rc = demo_seed_public(ctx, e.s.st, o.date);
    env_close(&e);
    return rc;
}

/* ---- netra asn show ---------------------------------------------------------------------- */

typedef struct asn_ctx {
    const cli_ctx *ctx;
    env *e;
    json_t *cases;
    size_t n;
    char elections[8][48];
    size_t n_elections;
    size_t sanctioned;
} asn_ctx;

static int on_asn_act(const netra_case_act_row *r, void *payload)
{
    show_ctx *sc = payload;
    return on_act(r, sc);
}

static int on_asn_case(const netra_case *c, void *payload)
{
    asn_ctx *ac = payload;
    const cli_ctx *ctx = ac->ctx;
    ac->n++;
    size_t k = 0;
    while (k < ac->n_elections && strcmp(ac->elections[k], c->election) != 0)
        k++;
    if (k == ac->n_elections && k < 8)
        snprintf(ac->elections[ac->n_elections++], sizeof ac->elections[0], "%s", c->election);
    char sanction[128] = "", sk[96] = "";
    netra_store_case_field(sanction, sizeof sanction, ac->e->s.st, c->id, "sanksi");
    netra_store_case_field(sk, sizeof sk, ac->e->s.st, c->id, "nomor_sk");
    if (sanction[0] != '\0')
        ac->sanctioned++;
    show_ctx sc = {ctx, ac->e, c, netra_date_today(), NULL};
    if (ac->cases != NULL) {
        json_t *j = case_to_json(c);
        json_t *acts = json_array();
        sc.arr = acts;
        int err = netra_store_case_acts(ac->e->s.st, c->id, on_asn_act, &sc);
        if (j == NULL || acts == NULL || err < 0) {
            json_decref(j);
            json_decref(acts);
            return err < 0 ? err : NETRA_ENOMEM;
        }
        json_object_set_new(j, "acts", acts);
        json_object_set_new(j, "sanction", json_string(sanction));
        json_object_set_new(j, "decree", json_string(sk));
        return json_array_append_new(ac->cases, j) == 0 ? 0 : NETRA_ENOMEM;
    }
    char opened[NETRA_DATE_STRLEN];
    fprintf(ctx->out, "%s %lld%s: %s\n  %s %s, %s, %s: %s (%s)\n", cli_t(ctx, "Perkara", "Case"),
            (long long)c->id, c->demo ? " [DEMO]" : "", c->title, cli_t(ctx, "dibuka", "opened"),
            netra_date_format(c->opened, opened), c->election[0] ? c->election : "-",
            cli_t(ctx, "status", "state"), c->state, c->kind);
    if (sanction[0] != '\0')
        fprintf(ctx->out, "  %s: %s (SK %s)\n", cli_t(ctx, "Sanksi", "Sanction"), sanction,
                sk[0] ? sk : "-");
    return netra_store_case_acts(ac->e->s.st, c->id, on_asn_act, &sc);
}

int cmd_asn(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx,
                    "Penggunaan: netra asn show NIP [--db LOKASI] [--json]\n\n"
                    "Seorang ASN terlapor di semua pemilihan: setiap perkara, perbuatan (bentuk),\n"
                    "status dan sanksi, dan riwayat berulang.\n",
                    "Usage: netra asn show NIP [--db LOCATION] [--json]\n\n"
                    "One accused civil servant across elections: every case, act (form), state\n"
                    "and sanction, and the repeat history.\n"),
              argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    opts o;
    int rc = parse(ctx, "asn", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (o.n_pos != 2 || strcmp(o.pos[0], "show") != 0)
        return cli_usage(ctx, "asn", "gunakan: netra asn show NIP", "use: netra asn show NIP");
    netra_id_options io = NETRA_ID_OPTIONS_INIT;
    netra_id_info info;
    int err = netra_id_check(&info, o.pos[1], strlen(o.pos[1]), &io);
    if (err < 0 || (info.kind != NETRA_ID_NIP && info.kind != NETRA_ID_NIPPPK)) {
        if (err == 0)
            return cli_usage(ctx, "asn", "'%s' adalah NIK, bukan NIP atau NI PPPK",
                             "'%s' is a NIK, not a NIP or NI PPPK", o.pos[1]);
        return cli_fail(ctx, err, "NIP", "NIP");
    }
    env e;
    if ((rc = env_open(ctx, &e, &o, 0)) != CLI_EXIT_OK)
        return rc;
    netra_asn_row a;
    if ((err = netra_store_asn_get(&a, e.s.st, info.digits)) < 0) {
        env_close(&e);
        return cli_fail(ctx, err, "terlapor", "accused");
    }
    asn_ctx ac = {ctx, &e, ctx->json ? json_array() : NULL, 0, {{0}}, 0, 0};
    if (!ctx->json)
        fprintf(ctx->out, "%s %s (%s), %s, %s, %s %s, PPK: %s%s%s\n",
                cli_t(ctx, "Terlapor", "Accused"), a.name, a.nip, a.employee_type,
                a.agency[0] ? a.agency : "-", cli_t(ctx, "jabatan", "position"),
                a.position[0] ? a.position : "-", a.ppk[0] ? a.ppk : "-", a.accounts[0] ? ", " : "",
                a.accounts);
    err = netra_store_asn_cases(e.s.st, a.nip, on_asn_case, &ac);
    if (err < 0) {
        json_decref(ac.cases);
        env_close(&e);
        return cli_fail(ctx, err, "perkara terlapor", "the accused's cases");
    }
    if (ctx->json) {
        json_t *el = json_array();
        for (size_t i = 0; i < ac.n_elections; i++)
            json_array_append_new(el, json_string(ac.elections[i]));
        rc = cli_print_json(ctx, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:I,s:o,s:o}",
                                           "nip", a.nip, "name", a.name, "employee_type",
                                           a.employee_type, "agency", a.agency, "position_class",
                                           a.position, "region", a.region, "ppk", a.ppk, "accounts",
                                           a.accounts, "n_cases", (json_int_t)ac.n, "repeat",
                                           ac.n > 1, "sanctioned", (json_int_t)ac.sanctioned,
                                           "elections", el, "cases", ac.cases));
        env_close(&e);
        return rc;
    }
    fprintf(ctx->out,
            CLI_T(ctx, "%zu perkara di %zu pemilihan, %zu dengan sanksi%s\n",
                  "%zu cases in %zu elections, %zu with a sanction%s\n"),
            ac.n, ac.n_elections, ac.sanctioned,
            ac.n > 1 ? CLI_T(ctx, " — BERULANG", " — REPEAT") : "");
    env_close(&e);
    return CLI_EXIT_OK;
}
