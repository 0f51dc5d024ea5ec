/*
 * opts.h - a command's long options as a table: each option names the member of the
 * command's options struct it fills (a text, a flag, a date with its "given" member), or is
 * handed to the command's callback. The positional arguments are collected after them.
 */
#ifndef NETRA_CLI_OPTS_H
#define NETRA_CLI_OPTS_H

#include <stddef.h>

#include "cli.h"

typedef enum cli_opt_kind {
    CLI_OPT_TEXT,      /* const char * at `off` = the argument */
    CLI_OPT_TEXT_SEEN, /* the same, and the int at `seen` = 1 */
    CLI_OPT_FLAG,      /* no argument: the int at `off` = 1 */
    CLI_OPT_DATE,      /* netra_date at `off` (cli_parse_date), the int at `seen` = 1 */
    CLI_OPT_CALL       /* the callback with `key` and the argument */
} cli_opt_kind;

typedef struct cli_opt {
    const char *name; /* without the leading "--" */
    cli_opt_kind kind;
    size_t off;  /* offsetof the member filled */
    size_t seen; /* CLI_OPT_TEXT_SEEN, CLI_OPT_DATE: offsetof the int set to 1 */
    int key;     /* CLI_OPT_CALL: what the callback is told */
    int has_arg; /* CLI_OPT_CALL: whether the option takes an argument */
} cli_opt;

/* Table rows: an option whose argument (or 1, for a flag) goes to member `m` of the
 * command's options struct `T`; one handed to the callback with `key`. */
#define CLI_TEXT(T, name, m)                                                                       \
    {                                                                                              \
        name, CLI_OPT_TEXT, offsetof(T, m), 0, 0, 0                                                \
    }
#define CLI_FLAG(T, name, m)                                                                       \
    {                                                                                              \
        name, CLI_OPT_FLAG, offsetof(T, m), 0, 0, 0                                                \
    }
#define CLI_CALL(name, key)                                                                        \
    {                                                                                              \
        name, CLI_OPT_CALL, 0, 0, key, 1                                                           \
    }

/* How a command parses: its table, its callback for CLI_OPT_CALL (returns an exit code) and
 * its message for an unknown option (formats taking the option as %s). */
typedef struct cli_opts_spec {
    const cli_opt *opts;
    size_t n_opts;
    int (*call)(cli_ctx *ctx, const char *cmd, int key, char *arg, void *o);
    const char *unknown_id, *unknown_en;
} cli_opts_spec;

/*
 * Parses argv[1..] into `o` by `spec`, then collects at most `max_pos` positional arguments
 * into `pos` (*n_pos of them; more: usage error "terlalu banyak argumen"). Returns
 * CLI_EXIT_OK or the exit code of the first failure, its message printed.
 */
int cli_opts_parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, const cli_opts_spec *spec,
                   void *o, char **pos, int *n_pos, int max_pos);

#endif
