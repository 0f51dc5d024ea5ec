/*
 * load.h - data loading helpers shared by the subcommands.
 */
#ifndef NETRA_CLI_LOAD_H
#define NETRA_CLI_LOAD_H

#include "cli.h"
#include "netra/law.h"
#include "netra/store.h"

/* Loads the law tables; `d8` overrides the D-8 level (NETRA_LEVEL_NONE: the NETRA_D8_LEVEL
 * environment variable, else the data). Returns an exit code. */
int cli_load_law(const cli_ctx *ctx, netra_law **out, netra_level d8);

/* Parses a --d8-level value (sedang|berat). Returns an exit code. */
int cli_parse_d8(const cli_ctx *ctx, const char *v, netra_level *out);

/* Parses a YYYY-MM-DD option value. Returns an exit code. */
int cli_parse_date(const cli_ctx *ctx, const char *opt, const char *v, netra_date *out);

/* What the commands on cases and on the public side work with: the workflow, the calendar,
 * the law tables, the reporters' key and the store. */
typedef struct cli_store_env {
    netra_law *law;
    netra_workflow *wf;
    netra_calendar *cal;
    netra_store *st;
    netra_key key;
} cli_store_env;

/*
 * Loads the tables and opens the store `db` (NULL: NETRA_DB, else netra.db). The key comes
 * from `key_file` or NETRA_KEY; without either, a random one for this run when
 * `ephemeral_key`, else none (reporters cannot be stored or read). `ppk_days` > 0 sets the
 * PPK's clock (--ppk-days). Returns an exit code, the message printed; on failure nothing
 * stays open.
 */
int cli_store_open(const cli_ctx *ctx, cli_store_env *e, const char *db, const char *key_file,
                   long ppk_days, int ephemeral_key);

/* Closes what cli_store_open opened and clears `e`. */
void cli_store_close(cli_store_env *e);

#endif
