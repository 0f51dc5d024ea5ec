/*
 * cmd_election.c - `netra election`: check election files against their format and the
 * law data, and show what they hold.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra election PERINTAH BERKAS...\n"
    "            netra election import-dct --id ID --law-election ID [OPSI] DCT.tsv > out.json\n"
    "\n"
    "Berkas pemilihan (data/elections/*.json; format: docs/data/election.md): peserta\n"
    "pemilihan dengan nomor urut, nama, alias, tagar, slogan, partai, akun, dan isyarat tangan.\n"
    "\n"
    "Perintah:\n"
    "  check BERKAS...     memeriksa format dan kecocokan dengan data hukum (tanggal\n"
    "                      pemungutan, tanggal penetapan calon)\n"
    "  show BERKAS [--json]\n"
    "                      menampilkan peserta\n"
    "  import-dct DCT.tsv  membuat berkas pileg dari Daftar Calon Tetap KPU (TSV: level,\n"
    "                      dapil, party_number, party, number, name) dan menulisnya ke stdout\n"
    "\n"
    "Opsi import-dct:\n"
    "  --id ID             id berkas, huruf kecil [a-z0-9-] (wajib)\n"
    "  --law-election ID   pemilihan pada data/law/elections.tsv, mis. pemilu-2024 (wajib);\n"
    "                      tanggal pemungutan suara diambil dari sana\n"
    "  --level L[,L...]    tingkat yang diambil: dpr, dpd, dprd_prov, dprd_kabkota (juga\n"
    "                      dprdprov, dprdkk) atau all; boleh diulang (bawaan: all)\n"
    "  --office JABATAN    dpr, dpd atau dprd (designations.tsv); wajib bila tingkat yang\n"
    "                      diambil mencakup lebih dari satu jabatan\n"
    "  --name-id TEKS, --name-en TEKS\n"
    "                      nama pemilihan (bawaan: dari data hukum)\n"
    "  --source TEKS       sumber data (bawaan: nama berkas DCT)\n"
    "  --parties BERKAS    tabel partai (bawaan: data/elections/parties-2024.tsv)\n"
    "  --keep-going        tetap menulis berkas bila ada baris yang ditolak (keluar 0)\n"
    "Setiap baris yang ditolak dilaporkan di stderr sebagai\n"
    "BERKAS:BARIS: baris ditolak: ALASAN; tanpa --keep-going tidak ada yang ditulis dan\n"
    "kode keluar 3.\n";

static const char *help_en =
    "Usage: netra election COMMAND FILE...\n"
    "       netra election import-dct --id ID --law-election ID [OPTION...] DCT.tsv > out.json\n"
    "\n"
    "Election files (data/elections/*.json; format: docs/data/election.md): the contestants\n"
    "with ballot number, names, aliases, hashtags, slogans, parties, accounts and hand signs.\n"
    "\n"
    "Commands:\n"
    "  check FILE...       check the format and agreement with the law data (voting day,\n"
    "                      designation date)\n"
    "  show FILE [--json]  show the contestants\n"
    "  import-dct DCT.tsv  build a pileg file from KPU's Daftar Calon Tetap (TSV: level,\n"
    "                      dapil, party_number, party, number, name) and write it to stdout\n"
    "\n"
    "import-dct options:\n"
    "  --id ID             id of the file, lowercase [a-z0-9-] (required)\n"
    "  --law-election ID   election of data/law/elections.tsv, e.g. pemilu-2024 (required);\n"
    "                      the voting day comes from there\n"
    "  --level L[,L...]    levels to take: dpr, dpd, dprd_prov, dprd_kabkota (also dprdprov,\n"
    "                      dprdkk) or all; may be repeated (default: all)\n"
    "  --office OFFICE     dpr, dpd or dprd (designations.tsv); required when the levels\n"
    "                      taken span more than one office\n"
    "  --name-id TEXT, --name-en TEXT\n"
    "                      name of the election (default: from the law data)\n"
    "  --source TEXT       where the data comes from (default: the DCT file name)\n"
    "  --parties FILE      party table (default: data/elections/parties-2024.tsv)\n"
    "  --keep-going        write the file even when rows are rejected (exit 0)\n"
    "Every rejected row is reported on stderr as FILE:LINE: row rejected: REASON; without\n"
    "--keep-going nothing is written and the exit code is 3.\n";

static json_t *list_json(const netra_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < l->n; i++)
        json_array_append_new(a, json_string(l->items[i]));
    return a;
}

static void print_list(cli_ctx *ctx, const char *id, const char *en, const netra_strlist *l)
{
    if (l->n == 0)
        return;
    fprintf(ctx->out, "     %-9s ", cli_t(ctx, id, en));
    for (size_t i = 0; i < l->n; i++)
        fprintf(ctx->out, "%s%s", i ? ", " : "", l->items[i]);
    fputc('\n', ctx->out);
}

static int show(cli_ctx *ctx, const netra_election_info *e)
{
    char d[NETRA_DATE_STRLEN];
    netra_date_format(e->voting_date, d);
    if (ctx->json) {
        json_t *ks = json_array();
        for (size_t i = 0; ks != NULL && i < e->n_contestants; i++) {
            const netra_contestant *k = &e->contestants[i];
            json_t *o = json_pack(
                "{s:s,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s}", "id", k->id, "ballot_number",
                k->ballot_number, "names", list_json(&k->names), "aliases", list_json(&k->aliases),
                "hashtags", list_json(&k->hashtags), "slogans", list_json(&k->slogans), "parties",
                list_json(&k->parties), "accounts", list_json(&k->accounts), "gestures",
                list_json(&k->gestures), "note", k->note);
            if (o != NULL && k->level != NETRA_LEG_NONE) {
                if (k->party != NULL)
                    json_object_set_new(o, "party", json_string(k->party));
                json_object_set_new(o, "dapil", json_string(k->dapil));
                json_object_set_new(o, "level", json_string(netra_leg_level_name(k->level)));
            }
            json_array_append_new(ks, o);
        }
        return cli_print_json(ctx,
                              json_pack("{s:s,s:s,s:s,s:s?,s:s,s:o}", "id", e->id, "kind",
                                        netra_election_kind_name(e->kind), "name_id", e->name_id,
                                        "region", e->region, "voting_date", d, "contestants", ks));
    }
    fprintf(ctx->out, "%s — %s\n", e->id, cli_t(ctx, e->name_id, e->name_en));
    fprintf(ctx->out, "%s: %s; %s: %s; %s: %s\n", cli_t(ctx, "jenis", "kind"),
            netra_election_kind_name(e->kind), cli_t(ctx, "wilayah", "region"),
            e->region ? e->region : cli_t(ctx, "nasional", "national"),
            cli_t(ctx, "pemungutan suara", "voting day"), d);
    for (size_t i = 0; i < e->n_contestants; i++) {
        const netra_contestant *k = &e->contestants[i];
        if (k->level != NETRA_LEG_NONE)
            fprintf(ctx->out, "  %s %s %s %02d ", netra_leg_level_name(k->level), k->dapil,
                    k->party ? k->party : "-", k->ballot_number);
        else
            fprintf(ctx->out, "  %02d ", k->ballot_number);
        for (size_t n = 0; n < k->names.n; n++)
            fprintf(ctx->out, "%s%s", n ? " – " : "", k->names.items[n]);
        fputc('\n', ctx->out);
        print_list(ctx, "alias", "aliases", &k->aliases);
        print_list(ctx, "tagar", "hashtags", &k->hashtags);
        print_list(ctx, "slogan", "slogans", &k->slogans);
        print_list(ctx, "partai", "parties", &k->parties);
        print_list(ctx, "isyarat", "gestures", &k->gestures);
    }
    return CLI_EXIT_OK;
}

typedef struct dct_run {
    cli_ctx *ctx;      /* for messages */
    int tty;           /* stderr is a terminal: show progress */
    int shown;         /* a progress line is on screen */
    const char *input; /* the DCT file */
} dct_run;

static void dct_reject(const char *path, unsigned line, const char *reason, void *payload)
{
    dct_run *r = payload;
    if (r->shown) {
        fputc('\n', r->ctx->err);
        r->shown = 0;
    }
    cli_errorf(r->ctx, "%s:%u: baris ditolak: %s", "%s:%u: row rejected: %s", path, line, reason);
}

static void dct_progress(size_t rows, size_t done, size_t total, void *payload)
{
    dct_run *r = payload;
    if (!r->tty)
        return;
    fprintf(r->ctx->err, CLI_T(r->ctx, "\r%s: %zu baris (%3.0f%%)", "\r%s: %zu rows (%3.0f%%)"),
            r->input, rows, total ? 100.0 * (double)done / (double)total : 100.0);
    r->shown = 1;
}

/* Adds the levels of a --level value ("dpr,dprd_prov" or "all") to *levels. */
static int parse_levels(cli_ctx *ctx, const char *v, unsigned *levels)
{
    while (*v) {
        const char *e = strchr(v, ',');
        size_t l = e ? (size_t)(e - v) : strlen(v);
        netra_leg_level lv = netra_leg_level_parse(v, l);
        if (l == 3 && strncmp(v, "all", 3) == 0)
            *levels |= ((1u << NETRA_LEG_COUNT) - 1u) & ~1u;
        else if (lv != NETRA_LEG_NONE)
            *levels |= 1u << lv;
        else
            return cli_usage(ctx, "election import-dct",
                             "--level: '%.*s' bukan dpr, dpd, dprd_prov, dprd_kabkota atau all",
                             "--level: '%.*s' is not dpr, dpd, dprd_prov, dprd_kabkota or all",
                             (int)l, v);
        v += l + (e ? 1 : 0);
    }
    return CLI_EXIT_OK;
}

/* The office of the levels asked for, or NULL when they span several. */
static const char *office_of(unsigned levels)
{
    unsigned dprd = (1u << NETRA_LEG_DPRD_PROV) | (1u << NETRA_LEG_DPRD_KABKOTA);
    if (levels == (1u << NETRA_LEG_DPR))
        return "dpr";
    if (levels == (1u << NETRA_LEG_DPD))
        return "dpd";
    if ((levels & ~dprd) == 0)
        return "dprd";
    return NULL;
}

typedef struct dct_opts {
    netra_dct_options d;
    int keep_going;
} dct_opts;

/* --level (cli_opts_parse hands it here). */
static int dct_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    (void)cmd;
    (void)key;
    return parse_levels(ctx, arg, &((dct_opts *)p)->d.levels);
}

static const cli_opt dct_table[] = {
    CLI_TEXT(dct_opts, "id", d.id),
    CLI_TEXT(dct_opts, "law-election", d.law_election),
    CLI_CALL("level", 'L'),
    CLI_TEXT(dct_opts, "office", d.office),
    CLI_TEXT(dct_opts, "name-id", d.name_id),
    CLI_TEXT(dct_opts, "name-en", d.name_en),
    CLI_TEXT(dct_opts, "source", d.source),
    CLI_TEXT(dct_opts, "parties", d.parties_path),
    CLI_FLAG(dct_opts, "keep-going", keep_going),
};

static int import_dct(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(dct_table, dct_call, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    dct_opts dopts = {NETRA_DCT_OPTIONS_INIT, 0};
    int first;
    int rc = cli_opts_parse_argv(ctx, "election import-dct", argc, argv, &spec, &dopts, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_dct_options o = dopts.d;
    int keep_going = dopts.keep_going;
    if (first != argc - 1)
        return cli_usage(ctx, "election import-dct", "berikan satu berkas DCT (TSV)",
                         "give one DCT file (TSV)");
    if (o.id == NULL || o.law_election == NULL)
        return cli_usage(ctx, "election import-dct", "--id dan --law-election wajib",
                         "--id and --law-election are required");
    if (o.levels == 0)
        o.levels = ((1u << NETRA_LEG_COUNT) - 1u) & ~1u;
    if (o.office == NULL && (o.office = office_of(o.levels)) == NULL)
        return cli_usage(ctx, "election import-dct",
                         "tingkat yang diambil mencakup beberapa jabatan: berikan --office "
                         "(dpr, dpd atau dprd)",
                         "the levels taken span several offices: give --office (dpr, dpd or "
                         "dprd)");
    netra_law *law;
    if ((rc = cli_load_law(ctx, &law, NETRA_LEVEL_NONE)) != CLI_EXIT_OK)
        return rc;
    const netra_election *le = netra_law_election(law, o.law_election);
    char name_id[256], name_en[256];
    if (le == NULL) {
        cli_errorf(ctx, "--law-election: '%s' tidak ada di data/law/elections.tsv",
                   "--law-election: '%s' is not in data/law/elections.tsv", o.law_election);
        netra_law_free(law);
        return CLI_EXIT_NOTFOUND;
    }
    if (netra_law_designation(law, le, o.office) == NULL) {
        rc = cli_fail(ctx, NETRA_EDATA, "--office", "--office");
        netra_law_free(law);
        return rc;
    }
    o.voting_date = le->voting_date;
    if (o.name_id == NULL) {
        snprintf(name_id, sizeof name_id, "%s: calon anggota DPR, DPD dan DPRD", le->name_id);
        o.name_id = name_id;
    }
    if (o.name_en == NULL) {
        snprintf(name_en, sizeof name_en, "%s: DPR, DPD and DPRD candidates", le->name_en);
        o.name_en = name_en;
    }
    dct_run r = {ctx, isatty(fileno(ctx->err)) && !ctx->json, 0, argv[first]};
    o.reject = dct_reject;
    o.progress = dct_progress;
    o.payload = &r;
    char *json = NULL;
    size_t len = 0;
    netra_dct_stats st;
    int err = netra_election_import_dct(&json, &len, &st, argv[first], &o);
    if (r.shown)
        fputc('\n', ctx->err);
    netra_election_file *f = NULL;
    if (err == NETRA_OK) {
        /* What is written must load: check it as `netra election check` would. */
        err = netra_election_parse(&f, json, len, "import-dct");
        if (err == NETRA_OK)
            err = netra_election_check_law(f, law);
        netra_election_free(f);
    }
    netra_law_free(law);
    if (err < 0) {
        netra_election_text_free(json);
        return cli_fail(ctx, err, "impor DCT gagal", "DCT import failed");
    }
    fprintf(ctx->err,
            CLI_T(ctx,
                  "%s: %zu baris: %zu calon, %zu partai, %zu ditolak, %zu dari tingkat "
                  "lain\n",
                  "%s: %zu rows: %zu candidates, %zu parties, %zu rejected, %zu of "
                  "other levels\n"),
            argv[first], st.rows, st.candidates, st.parties, st.rejected, st.skipped);
    if (st.rejected > 0 && !keep_going) {
        cli_errorf(ctx, "%zu baris ditolak: tidak ada yang ditulis (--keep-going menulis sisanya)",
                   "%zu rows rejected: nothing written (--keep-going writes the others)",
                   st.rejected);
        netra_election_text_free(json);
        return CLI_EXIT_INVALID;
    }
    rc =
        fwrite(json, 1, len, ctx->out) == len && fflush(ctx->out) == 0 ? CLI_EXIT_OK : CLI_EXIT_ENV;
    if (rc != CLI_EXIT_OK)
        cli_errorf(ctx, "gagal menulis keluaran", "cannot write the output");
    netra_election_text_free(json);
    return rc;
}

int cmd_election(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "import-dct") == 0)
        return import_dct(ctx, argc - 1, argv + 1);
    int check = strcmp(argv[1], "check") == 0;
    if (!check && strcmp(argv[1], "show") != 0)
        return cli_usage(ctx, "election", "perintah tidak dikenal '%s'", "unknown command '%s'",
                         argv[1]);
    if (argc < 3)
        return cli_usage(ctx, "election", "berkas pemilihan belum diberikan",
                         "no election file given");
    if (!check && argc != 3)
        return cli_usage(ctx, "election show", "berikan satu berkas", "give one file");
    netra_law *law;
    int rc = cli_load_law(ctx, &law, NETRA_LEVEL_NONE);
    if (rc != CLI_EXIT_OK)
        return rc;
    int worst = CLI_EXIT_OK;
    for (int i = 2; i < argc; i++) {
        netra_election_file *f;
        int err = netra_election_load(&f, argv[i]);
        if (err == NETRA_OK)
            err = netra_election_check_law(f, law);
        else
            f = NULL;
        if (err < 0) {
            int r = cli_fail(ctx, err, "berkas pemilihan tidak sah", "invalid election file");
            if (worst == CLI_EXIT_OK)
                worst = r;
            netra_election_free(f);
            continue;
        }
        const netra_election_info *e = netra_election_get(f);
        if (check)
            fprintf(ctx->out,
                    CLI_T(ctx, "%s: sah (%s, %zu peserta)\n", "%s: valid (%s, %zu contestants)\n"),
                    argv[i], e->id, e->n_contestants);
        else
            worst = show(ctx, e);
        netra_election_free(f);
    }
    netra_law_free(law);
    return worst;
}
