/*
 * opts.c - the option-table parser of the commands (see opts.h), over getopt_long.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>

#include "load.h"
#include "opts.h"

enum { OPTS_MAX = 64, OPTS_VAL = 256 };

static void set_int(void *o, size_t off)
{
    *(int *)((char *)o + off) = 1;
}

int cli_opts_parse_argv(cli_ctx *ctx, const char *cmd, int argc, char **argv,
                        const cli_opts_spec *spec, void *o, int *first)
{
    struct option lo[OPTS_MAX + 1];
    size_t n = spec->n_opts < OPTS_MAX ? spec->n_opts : OPTS_MAX;
    for (size_t i = 0; i < n; i++) {
        const cli_opt *d = &spec->opts[i];
        int arg = d->kind == CLI_OPT_FLAG                  ? no_argument
                  : d->kind == CLI_OPT_CALL && !d->has_arg ? no_argument
                                                           : required_argument;
        lo[i] = (struct option){d->name, arg, NULL, OPTS_VAL + (int)i};
    }
    lo[n] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    optind = 0; /* GNU getopt's full reinitialisation: `netra tour` parses several commands */
    int c, rc;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        if (c < OPTS_VAL || (size_t)(c - OPTS_VAL) >= n) {
            /* optopt: the option that lacks its value (0 for an unknown long option) */
            if (optopt != 0 && spec->missing_id != NULL)
                return cli_usage(ctx, cmd, spec->missing_id, spec->missing_en, argv[optind - 1]);
            return cli_usage(ctx, cmd, spec->unknown_id, spec->unknown_en, argv[optind - 1]);
        }
        const cli_opt *d = &spec->opts[c - OPTS_VAL];
        char *member = (char *)o + d->off;
        switch (d->kind) {
        case CLI_OPT_TEXT_SEEN:
            set_int(o, d->seen);
            /* fall through */
        case CLI_OPT_TEXT:
            *(const char **)member = optarg;
            break;
        case CLI_OPT_FLAG:
            set_int(o, d->off);
            break;
        case CLI_OPT_DATE: {
            char label[48];
            snprintf(label, sizeof label, "--%s", d->name);
            if ((rc = cli_parse_date(ctx, label, optarg, (netra_date *)member)) != CLI_EXIT_OK)
                return rc;
            set_int(o, d->seen);
            break;
        }
        case CLI_OPT_CALL:
            if ((rc = spec->call(ctx, cmd, d->key, optarg, o)) != CLI_EXIT_OK)
                return rc;
            break;
        }
    }
    *first = optind;
    return CLI_EXIT_OK;
}

int cli_opts_parse(cli_ctx *ctx, const char *cmd, int argc, char **argv, const cli_opts_spec *spec,
                   void *o, char **pos, int *n_pos, int max_pos)
{
    int first;
    int rc = cli_opts_parse_argv(ctx, cmd, argc, argv, spec, o, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    for (int i = first; i < argc; i++) {
        if (*n_pos >= max_pos)
            return cli_usage(ctx, cmd, "terlalu banyak argumen", "too many arguments");
        pos[(*n_pos)++] = argv[i];
    }
    return CLI_EXIT_OK;
}

int cli_long_in(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
