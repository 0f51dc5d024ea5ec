/*
 * cli.h - shared plumbing of the `netra` command-line program: language choice, output
 * mode, exit codes and the subcommand signature. Commands use libnetra's public API only.
 */
#ifndef NETRA_CLI_H
#define NETRA_CLI_H

#include <stdio.h>
#include <jansson.h>

#include "netra/date.h"

/* Exit codes, documented in netra(1) and docs/cli.md. */
enum {
    CLI_EXIT_OK = 0,       /* success */
    CLI_EXIT_ERROR = 1,    /* internal error */
    CLI_EXIT_USAGE = 2,    /* bad command line */
    CLI_EXIT_INVALID = 3,  /* invalid input or malformed data file */
    CLI_EXIT_NOTFOUND = 4, /* nothing matches (unknown form, region, election) */
    CLI_EXIT_ENV = 5,      /* I/O or missing installation data, out of memory, database */
    CLI_EXIT_REFUSED = 6   /* the workflow, a role or a concurrent change refused the action */
};

typedef enum cli_lang { CLI_LANG_ID = 0, CLI_LANG_EN = 1 } cli_lang;

typedef struct cli_ctx {
    const char *prog; /* argv[0] as shown in messages ("netra") */
    cli_lang lang;    /* Indonesian by default; --lang en or LANG=en* for English */
    int json;         /* --json: machine-readable output on stdout */
    FILE *out;        /* stdout */
    FILE *err;        /* stderr */
} cli_ctx;

/* One subcommand: argv[0] is the subcommand name; options start at argv[1]. */
typedef int (*cli_cmd_fn)(cli_ctx *ctx, int argc, char **argv);

/* Picks the Indonesian or English text. */
const char *cli_t(const cli_ctx *ctx, const char *id, const char *en);

/* The same choice as an expression, for format strings: the compiler checks both literals
 * against the arguments. */
#define CLI_T(ctx, id, en) ((ctx)->lang == CLI_LANG_EN ? (en) : (id))

/* Prints "netra: <message>\n" to stderr in the chosen language; both formats take the same
 * arguments. */
void cli_errorf(const cli_ctx *ctx, const char *fmt_id, const char *fmt_en, ...);

/* Reports the last libnetra error (prefixed by `what` in the chosen language) and returns
 * the exit code for `err`. */
int cli_fail(const cli_ctx *ctx, int err, const char *what_id, const char *what_en);

/* Maps a netra_err to an exit code. */
int cli_exit_for(int err);

/* Prints a JSON value on stdout (indented, keys in insertion order) and releases it.
 * Returns CLI_EXIT_OK, or CLI_EXIT_ENV when `v` is NULL (allocation failed). */
int cli_print_json(const cli_ctx *ctx, json_t *v);

/* Whether argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

/* Usage error: prints the message and a hint to use --help; returns CLI_EXIT_USAGE. */
int cli_usage(const cli_ctx *ctx, const char *cmd, const char *fmt_id, const char *fmt_en, ...);

/* Subcommands (src/cli/cmd_<name>.c). */
int cmd_law(cli_ctx *ctx, int argc, char **argv);
int cmd_stage(cli_ctx *ctx, int argc, char **argv);
int cmd_calendar(cli_ctx *ctx, int argc, char **argv);
int cmd_region(cli_ctx *ctx, int argc, char **argv);
int cmd_id(cli_ctx *ctx, int argc, char **argv);
int cmd_text(cli_ctx *ctx, int argc, char **argv);
int cmd_election(cli_ctx *ctx, int argc, char **argv);
int cmd_scan(cli_ctx *ctx, int argc, char **argv);
int cmd_train(cli_ctx *ctx, int argc, char **argv);
int cmd_eval(cli_ctx *ctx, int argc, char **argv);
int cmd_tour(cli_ctx *ctx, int argc, char **argv);
int cmd_case(cli_ctx *ctx, int argc, char **argv);
int cmd_audit(cli_ctx *ctx, int argc, char **argv);
int cmd_asn(cli_ctx *ctx, int argc, char **argv);
int cmd_demo(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_import(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);
int cmd_queue(cli_ctx *ctx, int argc, char **argv);
int cmd_transparency(cli_ctx *ctx, int argc, char **argv);
int cmd_stats(cli_ctx *ctx, int argc, char **argv);

/* The public side of `netra demo seed`: the review queue filled from the example items, and
 * a few receipts (cmd_public.c). Returns an exit code. */
struct netra_store;
int demo_seed_public(cli_ctx *ctx, struct netra_store *st, netra_date today);
int cmd_index(cli_ctx *ctx, int argc, char **argv);
int cmd_region_geojson(cli_ctx *ctx, int argc, char **argv);
int cmd_office(cli_ctx *ctx, int argc, char **argv);
int cmd_user(cli_ctx *ctx, int argc, char **argv);
int cmd_token(cli_ctx *ctx, int argc, char **argv);

/* Creates one DEMO office and user per kind of office in a store (cmd_user.c) and prints
 * the logins with their random passwords. Returns an exit code. */
struct netra_store;
struct netra_workflow;
int cli_demo_accounts(cli_ctx *ctx, struct netra_store *st, const struct netra_workflow *wf);

#endif
