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
