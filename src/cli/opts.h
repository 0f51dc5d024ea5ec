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
/* A text or a date whose int member `s` is set to 1 when given. */
#define CLI_TEXT_SEEN(T, name, m, s)                                                               \
    {                                                                                              \
        name, CLI_OPT_TEXT_SEEN, offsetof(T, m), offsetof(T, s), 0, 0                              \
    }
#define CLI_DATE(T, name, m, s)                                                                    \
    {                                                                                              \
        name, CLI_OPT_DATE, offsetof(T, m), offsetof(T, s), 0, 0                                   \
    }

/* How a command parses: its table, its callback for CLI_OPT_CALL (returns an exit code), its
 * message for an unknown option and, when not NULL, another for an option given without its
 * value (formats taking the option as %s; NULL: the unknown option's message). */
typedef struct cli_opts_spec {
    const cli_opt *opts;
    size_t n_opts;
    int (*call)(cli_ctx *ctx, const char *cmd, int key, char *arg, void *o);
    const char *unknown_id, *unknown_en;
    const char *missing_id, *missing_en;
} cli_opts_spec;

/* A spec of `table` (an array) with the unknown option's message only. */
#define CLI_SPEC(table, call, unknown_id, unknown_en)                                              \
    {                                                                                              \
        table, sizeof table / sizeof table[0], call, unknown_id, unknown_en, NULL, NULL            \
    }

/*
 * Parses argv[1..] into `o` by `spec`, then collects at most `max_pos` positional arguments
 * into `pos` (*n_pos of them; more: usage error "terlalu banyak argumen"). Returns
 * CLI_EXIT_OK or the exit code of the first failure, its message printed.
 */
int cli_opts_parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, const cli_opts_spec *spec,
                   void *o, char **pos, int *n_pos, int max_pos);

/*
 * The same, leaving the positional arguments where getopt_long put them, behind the
 * options: argv[*first] to argv[argc - 1], for a command that checks their number itself.
 */
int cli_opts_parse_argv(cli_ctx *ctx, const char *cmd, int argc, char **argv,
                        const cli_opts_spec *spec, void *o, int *first);

/* Whether `s` is a whole decimal number in [min, max]: 0 with *out set, else -1 (the
 * command names the option in its own message). */
int cli_long_in(const char *s, long min, long max, long *out);

#endif
