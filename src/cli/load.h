/*
 * load.h - data loading helpers shared by the subcommands.
 */
#ifndef NETRA_CLI_LOAD_H
#define NETRA_CLI_LOAD_H

#include "cli.h"
#include "netra/law.h"

/* Loads the law tables; `d8` overrides the D-8 level (NETRA_LEVEL_NONE: the NETRA_D8_LEVEL
 * environment variable, else the data). Returns an exit code. */
int cli_load_law(const cli_ctx *ctx, netra_law **out, netra_level d8);

/* Parses a --d8-level value (sedang|berat). Returns an exit code. */
int cli_parse_d8(const cli_ctx *ctx, const char *v, netra_level *out);

/* Parses a YYYY-MM-DD option value. Returns an exit code. */
int cli_parse_date(const cli_ctx *ctx, const char *opt, const char *v, netra_date *out);

#endif
