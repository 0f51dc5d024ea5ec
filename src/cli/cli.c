/*
 * cli.c - language, errors and output helpers shared by the subcommands.
 */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

/* The two formats of cli_errorf and cli_usage are chosen at run time; both are literals at
 * every call site. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#include "netra/error.h"

const char *cli_t(const cli_ctx *ctx, const char *id, const char *en)
{
    return ctx->lang == CLI_LANG_EN ? en : id;
}

void cli_errorf(const cli_ctx *ctx, const char *fmt_id, const char *fmt_en, ...)
{
    va_list ap;
    va_start(ap, fmt_en);
    fprintf(ctx->err, "%s: ", ctx->prog);
    vfprintf(ctx->err, cli_t(ctx, fmt_id, fmt_en), ap);
    fputc('\n', ctx->err);
    va_end(ap);
}

int cli_exit_for(int err)
{
    switch (err) {
    case NETRA_OK:
        return CLI_EXIT_OK;
    case NETRA_EINVAL:
    case NETRA_EDATA:
    case NETRA_ETOOBIG:
        return CLI_EXIT_INVALID;
    case NETRA_ENOTFOUND:
        return CLI_EXIT_NOTFOUND;
    case NETRA_EIO:
    case NETRA_ENOMEM:
    case NETRA_ESTORAGE:
        return CLI_EXIT_ENV;
    case NETRA_ESTATE:
    case NETRA_EPERM:
    case NETRA_ECONFLICT:
        return CLI_EXIT_REFUSED;
    default:
        return CLI_EXIT_ERROR;
    }
}

int cli_fail(const cli_ctx *ctx, int err, const char *what_id, const char *what_en)
{
    const netra_error *e = netra_error_last();
    const char *detail = e->msg[0] ? e->msg : netra_strerror(err);
    fprintf(ctx->err, "%s: %s: %s\n", ctx->prog, cli_t(ctx, what_id, what_en), detail);
    return cli_exit_for(err);
}

int cli_print_json(const cli_ctx *ctx, json_t *v)
{
    if (v == NULL) {
        cli_errorf(ctx, "memori habis", "out of memory");
        return CLI_EXIT_ENV;
    }
    int rc = json_dumpf(v, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', ctx->out);
    json_decref(v);
    return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_ENV;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

int cli_usage(const cli_ctx *ctx, const char *cmd, const char *fmt_id, const char *fmt_en, ...)
{
    va_list ap;
    va_start(ap, fmt_en);
    fprintf(ctx->err, "%s %s: ", ctx->prog, cmd);
    vfprintf(ctx->err, cli_t(ctx, fmt_id, fmt_en), ap);
    fputc('\n', ctx->err);
    va_end(ap);
    fprintf(ctx->err, cli_t(ctx, "Lihat '%s %s --help'.\n", "See '%s %s --help'.\n"), ctx->prog,
            cmd);
    return CLI_EXIT_USAGE;
}
