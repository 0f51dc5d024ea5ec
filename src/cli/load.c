/*
 * load.c - loading libnetra's data for the subcommands, with errors reported in the
 * user's language.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load.h"
#include "netra/error.h"

int cli_parse_d8(const cli_ctx *ctx, const char *v, netra_level *out)
{
    netra_level lv = netra_level_from_id(v);
    if (lv != NETRA_LEVEL_SEDANG && lv != NETRA_LEVEL_BERAT) {
        cli_errorf(ctx, "tingkat D-8 adalah 'sedang' atau 'berat', bukan '%s'",
                   "the D-8 level is 'sedang' or 'berat', not '%s'", v);
        return CLI_EXIT_USAGE;
    }
    *out = lv;
    return CLI_EXIT_OK;
}

int cli_load_law(const cli_ctx *ctx, netra_law **out, netra_level d8)
{
    netra_law_options o = NETRA_LAW_OPTIONS_INIT;
    o.d8_level = d8;
    if (d8 == NETRA_LEVEL_NONE) {
        const char *env = getenv("NETRA_D8_LEVEL");
        if (env != NULL && env[0] != '\0') {
            int rc = cli_parse_d8(ctx, env, &o.d8_level);
            if (rc != CLI_EXIT_OK)
                return rc;
        }
    }
    int err = netra_law_load(out, NULL, &o);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat data hukum", "cannot load the law data");
    return CLI_EXIT_OK;
}

int cli_parse_date(const cli_ctx *ctx, const char *opt, const char *v, netra_date *out)
{
    if (v == NULL || netra_date_parse(out, v, strlen(v)) < 0) {
        cli_errorf(ctx, "%s: tanggal harus berbentuk TTTT-BB-HH (%s)",
                   "%s: a date must be YYYY-MM-DD (%s)", opt, v ? netra_error_last()->msg : "-");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

void cli_store_close(cli_store_env *e)
{
    netra_store_close(e->st);
    netra_workflow_free(e->wf);
    netra_calendar_free(e->cal);
    netra_law_free(e->law);
    memset(e, 0, sizeof *e);
}

int cli_store_open(const cli_ctx *ctx, cli_store_env *e, const char *db, const char *key_file,
                   long ppk_days, int ephemeral_key)
{
    memset(e, 0, sizeof *e);
    int err = netra_workflow_load(&e->wf, NULL);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat alur kerja", "cannot load the workflow");
    if (ppk_days > 0 && (err = netra_workflow_set_clock_days(e->wf, "ppk", (int)ppk_days)) < 0) {
        cli_store_close(e);
        return cli_fail(ctx, err, "--ppk-days", "--ppk-days");
    }
    if ((err = netra_calendar_load(&e->cal, NULL)) < 0) {
        cli_store_close(e);
        return cli_fail(ctx, err, "gagal memuat kalender", "cannot load the calendar");
    }
    if ((err = netra_law_load(&e->law, NULL, NULL)) < 0) {
        cli_store_close(e);
        return cli_fail(ctx, err, "gagal memuat data hukum", "cannot load the law tables");
    }
    int have_key = 0;
    const char *envkey = getenv("NETRA_KEY");
    if (key_file != NULL || (envkey != NULL && *envkey != '\0')) {
        if ((err = netra_key_load(&e->key, key_file)) < 0) {
            cli_store_close(e);
            return cli_fail(ctx, err, "kunci tidak sah", "invalid key");
        }
        have_key = 1;
    } else if (ephemeral_key) {
        char hex[65];
        if ((err = netra_key_generate(hex)) < 0 || (err = netra_key_from_hex(&e->key, hex)) < 0) {
            cli_store_close(e);
            return cli_fail(ctx, err, "kunci", "key");
        }
        have_key = 1;
    }
    if (db == NULL)
        db = getenv("NETRA_DB");
    if (db == NULL || *db == '\0')
        db = "netra.db";
    netra_store_config cfg = {e->wf, e->cal, have_key ? &e->key : NULL, e->law};
    if ((err = netra_store_open(&e->st, db, &cfg)) < 0) {
        cli_store_close(e);
        return cli_fail(ctx, err, "gagal membuka basis data", "cannot open the database");
    }
    return CLI_EXIT_OK;
}
