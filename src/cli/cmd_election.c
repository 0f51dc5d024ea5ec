/*
 * cmd_election.c - `netra election`: check election files against their format and the
 * law data, and show what they hold.
 */
#include <string.h>

#include "cli.h"
#include "load.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra election PERINTAH BERKAS...\n"
    "\n"
    "Berkas pemilihan (data/elections/*.json; format: docs/data/election.md): peserta\n"
    "pemilihan dengan nomor urut, nama, alias, tagar, slogan, partai, akun, dan isyarat tangan.\n"
    "\n"
    "Perintah:\n"
    "  check BERKAS...     memeriksa format dan kecocokan dengan data hukum (tanggal\n"
    "                      pemungutan, tanggal penetapan calon)\n"
    "  show BERKAS [--json]\n"
    "                      menampilkan peserta\n";

static const char *help_en =
    "Usage: netra election COMMAND FILE...\n"
    "\n"
    "Election files (data/elections/*.json; format: docs/data/election.md): the contestants\n"
    "with ballot number, names, aliases, hashtags, slogans, parties, accounts and hand signs.\n"
    "\n"
    "Commands:\n"
    "  check FILE...       check the format and agreement with the law data (voting day,\n"
    "                      designation date)\n"
    "  show FILE [--json]  show the contestants\n";

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
            json_array_append_new(
                ks, json_pack("{s:s,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s}", "id", k->id,
                              "ballot_number", k->ballot_number, "names", list_json(&k->names),
                              "aliases", list_json(&k->aliases), "hashtags",
                              list_json(&k->hashtags), "slogans", list_json(&k->slogans), "parties",
                              list_json(&k->parties), "accounts", list_json(&k->accounts),
                              "gestures", list_json(&k->gestures), "note", k->note));
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

int cmd_election(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
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
