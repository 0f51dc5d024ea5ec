/*
 * cmd_text.c - `netra text normalize`: one text per line (or JSONL records) in, tokens out,
 * in the compact notation of docs/internals/text.md or as JSON lines with kinds, byte
 * offsets, stems and the transforms applied. --stats reports what share of the tokens
 * each transform touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"
#include "netra/netra.h"
#include "netra/text.h"

static const char *help_id =
    "Penggunaan: netra text normalize [--jsonl [--field NAMA]] [--json] [--stems] [--stats]\n"
    "                                 [BERKAS...]\n"
    "\n"
    "Menormalkan teks informal dan tersamar: satu teks per baris (atau rekaman JSONL dengan\n"
    "--jsonl) dari BERKAS atau masukan standar ('-').\n"
    "\n"
    "Keluaran bawaan: token dalam notasi ringkas, satu baris per teks:\n"
    "  kata  n:02=2 (angka)  h:tagar +bagian  m:akun  u:url  e:emoji  g:isyarat=jari  p:?\n"
    "  kata!neg (negasi)  kata/akar (dengan --stems)\n"
    "\n"
    "Opsi:\n"
    "  --jsonl        masukan JSON per baris; teks diambil dari bidang --field (bawaan: text),\n"
    "                 dan bidang id (jika ada) disalin\n"
    "  --json         keluaran JSON per baris: token dengan jenis, offset bita, akar, nilai,\n"
    "                 dan transformasi\n"
    "  --stems        tampilkan akar kata\n"
    "  --stats        ringkasan di akhir: berapa bagian token yang disentuh tiap transformasi\n"
    "\n"
    "Baris yang tidak dapat dibaca dilaporkan dengan nomornya; kode keluar 3 jika ada.\n";

static const char *help_en =
    "Usage: netra text normalize [--jsonl [--field NAME]] [--json] [--stems] [--stats]\n"
    "                            [FILE...]\n"
    "\n"
    "Normalises informal and disguised text: one text per line (or JSONL records with\n"
    "--jsonl) from FILEs or standard input ('-').\n"
    "\n"
    "Default output: the tokens in compact notation, one line per text:\n"
    "  word  n:02=2 (number)  h:tag +part  m:handle  u:url  e:emoji  g:sign=fingers  p:?\n"
    "  word!neg (negation)  word/stem (with --stems)\n"
    "\n"
    "Options:\n"
    "  --jsonl        JSON lines in; the text is the --field field (default: text) and the\n"
    "                 id field, when present, is copied\n"
    "  --json         JSON lines out: tokens with kind, byte offsets, stem, value and\n"
    "                 transforms\n"
    "  --stems        show stems\n"
    "  --stats        a summary at the end: the share of tokens each transform touched\n"
    "\n"
    "Lines that cannot be read are reported with their number; exit code 3 when any.\n";

typedef struct text_run {
    cli_ctx *ctx;
    netra_normalizer *nz;
    netra_arena *arena;
    int jsonl, stems, stats;
    const char *field;
    unsigned long lines, bad, tokens;
    unsigned long per_tx[NETRA_TX_COUNT];
    char *fmt;
    size_t fmt_cap;
} text_run;

static json_t *transforms_json(uint32_t tx)
{
    json_t *a = json_array();
    for (int i = 0; a != NULL && i < NETRA_TX_COUNT; i++)
        if (tx & (1u << i))
            json_array_append_new(a, json_string(netra_transform_name(1u << i)));
    return a;
}

static json_t *tokens_json(const netra_text *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < t->n_tokens; i++) {
        const netra_token *k = &t->tokens[i];
        json_t *o = json_pack("{s:s,s:s%,s:i,s:i}", "kind", netra_token_kind_name(k->kind), "text",
                              k->text, (size_t)k->len, "start", (int)k->start, "end", (int)k->end);
        if (o == NULL)
            continue;
        if (k->kind == NETRA_TOK_WORD)
            json_object_set_new(o, "stem", json_stringn(k->stem, k->stem_len));
        if (k->kind == NETRA_TOK_NUMBER || k->kind == NETRA_TOK_GESTURE)
            json_object_set_new(o, "value", json_integer(k->value));
        if (k->flags & NETRA_TOKF_NEGATION)
            json_object_set_new(o, "negation", json_true());
        if (k->parent >= 0)
            json_object_set_new(o, "hashtag", json_integer(k->parent));
        if (k->transforms)
            json_object_set_new(o, "transforms", transforms_json(k->transforms));
        json_array_append_new(arr, o);
    }
    return arr;
}

static int one(text_run *r, const char *text, size_t len, json_t *id, const char *src,
               unsigned long line)
{
    netra_text t;
    netra_arena_reset(r->arena);
    int err = netra_normalize(&t, r->nz, text, len, r->arena);
    if (err < 0) {
        cli_errorf(r->ctx, "%s:%lu: %s", "%s:%lu: %s", src, line, netra_error_last()->msg);
        r->bad++;
        return 0;
    }
    r->tokens += t.n_tokens;
    for (size_t i = 0; i < t.n_tokens; i++)
        for (int b = 0; b < NETRA_TX_COUNT; b++)
            if (t.tokens[i].transforms & (1u << b))
                r->per_tx[b]++;
    if (r->ctx->json) {
        json_t *o = json_object();
        if (id != NULL)
            json_object_set(o, "id", id);
        json_object_set_new(o, "tokens", tokens_json(&t));
        json_object_set_new(o, "transforms", transforms_json(t.transforms));
        if (json_dumpf(o, r->ctx->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0) {
            json_decref(o);
            return -1;
        }
        fputc('\n', r->ctx->out);
        json_decref(o);
        return 0;
    }
    size_t need = netra_text_format(r->fmt, r->fmt_cap, &t, r->stems);
    if (need + 1 > r->fmt_cap) {
        char *p = realloc(r->fmt, need + 1);
        if (p == NULL)
            return -1;
        r->fmt = p;
        r->fmt_cap = need + 1;
        netra_text_format(r->fmt, r->fmt_cap, &t, r->stems);
    }
    fputs(r->fmt, r->ctx->out);
    fputc('\n', r->ctx->out);
    return 0;
}

static int run_stream(text_run *r, FILE *in, const char *src)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    int tty = isatty(fileno(r->ctx->err)) && !r->ctx->json;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        r->lines++;
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (tty && r->lines % 5000 == 0)
            fprintf(r->ctx->err, "\r%s: %lu", src, r->lines);
        if (!r->jsonl) {
            if (one(r, line, len, NULL, src, lineno) < 0)
                break;
            continue;
        }
        if (len == 0)
            continue;
        json_error_t je;
        json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
        const char *text = NULL;
        size_t tl = 0;
        json_t *f = rec ? json_object_get(rec, r->field) : NULL;
        if (f != NULL && json_is_string(f)) {
            text = json_string_value(f);
            tl = json_string_length(f);
        }
        if (rec == NULL) {
            cli_errorf(r->ctx, "%s:%lu: JSON tidak sah pada kolom %d: %s",
                       "%s:%lu: invalid JSON at column %d: %s", src, lineno, je.column, je.text);
            r->bad++;
        } else if (text == NULL) {
            cli_errorf(r->ctx, "%s:%lu: bidang '%s' tidak ada atau bukan teks",
                       "%s:%lu: field '%s' is missing or not a string", src, lineno, r->field);
            r->bad++;
        } else if (one(r, text, tl, json_object_get(rec, "id"), src, lineno) < 0) {
            json_decref(rec);
            break;
        }
        json_decref(rec);
    }
    if (tty && r->lines >= 5000)
        fprintf(r->ctx->err, "\r%s: %lu\n", src, r->lines);
    free(line);
    return ferror(in) ? -1 : 0;
}

static const cli_opt normalize_table[] = {
    CLI_FLAG(text_run, "jsonl", jsonl),
    CLI_TEXT(text_run, "field", field),
    CLI_FLAG(text_run, "stems", stems),
    CLI_FLAG(text_run, "stats", stats),
};

static int normalize_cmd(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(normalize_table, NULL, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    text_run r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.field = "text";
    int first;
    int prc = cli_opts_parse_argv(ctx, "text normalize", argc, argv, &spec, &r, &first);
    if (prc != CLI_EXIT_OK)
        return prc;
    netra_text_lexicon *lex;
    int err = netra_text_lexicon_load(&lex, NULL);
    if (err < 0)
        return cli_fail(ctx, err, "gagal memuat leksikon teks", "cannot load the text lexicon");
    if ((err = netra_normalizer_new(&r.nz, lex)) < 0 ||
        (err = netra_arena_new(&r.arena, 0, 64u * 1024 * 1024)) < 0) {
        netra_normalizer_free(r.nz);
        netra_text_lexicon_free(lex);
        return cli_fail(ctx, err, "normaliser", "normaliser");
    }
    int rc = CLI_EXIT_OK;
    if (first >= argc) {
        if (run_stream(&r, stdin, "-") < 0)
            rc = CLI_EXIT_ENV;
    }
    for (int i = first; i < argc && rc == CLI_EXIT_OK; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
        if (f == NULL) {
            cli_errorf(ctx, "%s: tidak dapat dibuka", "%s: cannot open", argv[i]);
            rc = CLI_EXIT_ENV;
            break;
        }
        if (run_stream(&r, f, argv[i]) < 0)
            rc = CLI_EXIT_ENV;
        if (f != stdin)
            fclose(f);
    }
    if (r.stats) {
        fprintf(ctx->err,
                CLI_T(ctx, "%lu teks, %lu token, %lu baris gagal\n",
                      "%lu texts, %lu tokens, %lu lines failed\n"),
                r.lines, r.tokens, r.bad);
        for (int b = 0; b < NETRA_TX_COUNT; b++)
            if (r.per_tx[b] > 0)
                fprintf(ctx->err, "  %-15s %8lu  %6.2f%%\n", netra_transform_name(1u << b),
                        r.per_tx[b],
                        100.0 * (double)r.per_tx[b] / (double)(r.tokens ? r.tokens : 1));
    }
    free(r.fmt);
    netra_arena_free(r.arena);
    netra_normalizer_free(r.nz);
    netra_text_lexicon_free(lex);
    if (rc == CLI_EXIT_OK && r.bad > 0)
        rc = CLI_EXIT_INVALID;
    return rc;
}

int cmd_text(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "normalize") != 0 && strcmp(argv[1], "normalise") != 0)
        return cli_usage(ctx, "text", "perintah tidak dikenal '%s'", "unknown command '%s'",
                         argv[1]);
    return normalize_cmd(ctx, argc - 1, argv + 1);
}
