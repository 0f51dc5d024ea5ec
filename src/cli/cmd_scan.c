/*
 * cmd_scan.c - `netra scan`, `netra train`, `netra eval`: the detector on JSON Lines.
 *
 * scan reads items in batches; each batch is split among threads (one detector worker
 * each) and the verdicts are written in input order, so memory stays constant in the
 * number of items. A line that cannot be read gets an error verdict naming the line and the
 * reason; the scan goes on.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "netra/netra.h"
#include "netra/detect.h"
#include "netra/item.h"

static const char help_scan_id[] =
    "Penggunaan: netra scan --election BERKAS [--election BERKAS...] [opsi] [ITEM.jsonl...]\n"
    "\n"
    "Membaca item media sosial (JSON Lines, docs/data/items.md) dari berkas atau stdin dan\n"
    "menulis satu putusan JSON per item ke stdout, sesuai urutan masukan: sikap terhadap\n"
    "setiap peserta yang dirujuk (mendukung/menentang/menyebut, dengan skor dan bukti),\n"
    "kemungkinan penulisnya ASN, bentuk pelanggaran menurut SKB 5 K/L 2022, dan satu\n"
    "kalimat penjelasan. Baris rusak menghasilkan putusan galat dan pemindaian berlanjut.\n"
    "\n"
    "Opsi:\n"
    "  --election BERKAS   berkas pemilihan (data/elections/*.json); boleh berulang\n"
    "  --registry BERKAS   daftar ASN (CSV: nip,name,agency,position_class,region,handles)\n"
    "  --model BERKAS      model linear (bawaan: data/detect/model.tsv)\n"
    "  --threads N         jumlah utas (bawaan: jumlah inti)\n"
    "  --flagged-only      hanya tulis putusan yang ditandai (dan galat)\n"
    "  --summary BERKAS    tulis ringkasan JSON ke berkas\n"
    "  --d8-level L        tingkat D-8: sedang|berat\n"
    "  --stats             cetak ukuran detektor, waktu penyiapan, waktu CPU pemindaian, dan\n"
    "                      memori puncak\n"
    "  --brief             satu baris teks per item (nomor baris, tanda, kalimat penjelasan)\n"
    "                      alih-alih JSON\n"
    "  --attribute-all     nilai profil penulis setiap item (bawaan: hanya item yang\n"
    "                      merujuk peserta; yang lain \"asn\": null)\n"
    "Ringkasan (item, ditandai, per bentuk, per peserta) dicetak ke stderr di akhir.\n"
    "Kode keluar: 0 semua baris terbaca, 3 ada baris rusak, 2 salah pakai, 5 berkas.\n";

static const char help_scan_en[] =
    "Usage: netra scan --election FILE [--election FILE...] [options] [ITEMS.jsonl...]\n"
    "\n"
    "Reads social-media items (JSON Lines, docs/data/items.md) from files or stdin and\n"
    "writes one JSON verdict per item to stdout, in input order: the stance towards every\n"
    "contestant referred to (support/oppose/mention, with score and evidence), whether the\n"
    "author is likely a civil servant, the form of violation under SKB 5 K/L 2022, and one\n"
    "sentence of explanation. A malformed line gets an error verdict and the scan goes on.\n"
    "\n"
    "Options:\n"
    "  --election FILE     an election file (data/elections/*.json); repeatable\n"
    "  --registry FILE     ASN registry (CSV: nip,name,agency,position_class,region,handles)\n"
    "  --model FILE        linear model (default: data/detect/model.tsv)\n"
    "  --threads N         threads (default: the number of cores)\n"
    "  --flagged-only      write only flagged verdicts (and errors)\n"
    "  --summary FILE      write a JSON summary to FILE\n"
    "  --d8-level L        level of D-8: sedang|berat\n"
    "  --stats             print the detector's size, build time, the scan's CPU time and\n"
    "                      peak memory\n"
    "  --brief             one line of text per item (line, flag, the sentence) instead of\n"
    "                      JSON\n"
    "  --attribute-all     assess every author (default: only authors of items that refer\n"
    "                      to a contestant; the others get \"asn\": null)\n"
    "A summary (items, flagged, by form, by contestant) goes to stderr at the end.\n"
    "Exit codes: 0 every line read, 3 some lines malformed, 2 usage, 5 files.\n";

/* ---- shared setup ----------------------------------------------------------------------- */

#define MAX_EL 64

typedef struct setup {
    double compile_s; /* seconds to build the detector */
    netra_law *law;
    netra_election_file *el[MAX_EL];
    size_t n_el;
    netra_registry *reg;
    netra_detector *det;
} setup;

static void setup_free(setup *s)
{
    netra_detector_free(s->det);
    netra_registry_free(s->reg);
    for (size_t i = 0; i < s->n_el; i++)
        netra_election_free(s->el[i]);
    netra_law_free(s->law);
}

static int setup_load(const cli_ctx *ctx, setup *s, const char *const *els, size_t n_el,
                      const char *registry, const char *model, netra_level d8, int attribute_all)
{
    int rc = cli_load_law(ctx, &s->law, d8);
    if (rc != CLI_EXIT_OK)
        return rc;
    for (size_t i = 0; i < n_el; i++) {
        int err = netra_election_load(&s->el[s->n_el], els[i]);
        if (err < 0)
            return cli_fail(ctx, err, "berkas pemilihan", "election file");
        s->n_el++;
        const char *id = netra_election_get(s->el[s->n_el - 1])->id;
        for (size_t k = 0; k + 1 < s->n_el; k++)
            if (strcmp(netra_election_get(s->el[k])->id, id) == 0) {
                cli_errorf(ctx, "%s: pemilihan '%s' sudah dimuat",
                           "%s: election '%s' is already loaded", els[i], id);
                return CLI_EXIT_USAGE;
            }
        if ((err = netra_election_check_law(s->el[s->n_el - 1], s->law)) < 0)
            return cli_fail(ctx, err, "berkas pemilihan tidak cocok dengan data hukum",
                            "election file does not match the law data");
    }
    if (registry) {
        int err = netra_registry_load(&s->reg, registry);
        if (err < 0)
            return cli_fail(ctx, err, "daftar ASN", "ASN registry");
    }
    netra_detect_options o = {NETRA_DETECT_OPTIONS_VERSION, NULL, model, NULL, 0, 0, attribute_all};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int err = netra_detector_new(&s->det, s->law, (const netra_election_file *const *)s->el,
                                 s->n_el, s->reg, &o);
    if (err < 0)
        return cli_fail(ctx, err, "gagal menyiapkan detektor", "cannot build the detector");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s->compile_s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return CLI_EXIT_OK;
}

/* ---- scan ------------------------------------------------------------------------------- */

#define BATCH     4096
#define MAX_TH    64
#define MAX_FORMS 64
#define MAX_CONT  256

typedef struct obuf {
    char *p;
    size_t len, cap;
} obuf;

static int obuf_add(obuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 65536;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (np == NULL)
            return -1;
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* A verdict and its newline, with one check of the room. */
static int obuf_add_line(obuf *b, const char *s, size_t n)
{
    if (b->len + n + 2 > b->cap) /* grows */
        return obuf_add(b, s, n) || obuf_add(b, "\n", 1);
    memcpy(b->p + b->len, s, n);
    b->p[b->len + n] = '\n';
    b->len += n + 1;
    return 0;
}

typedef struct counter {
    const char *a; /* form id, or election id */
    const char *b; /* contestant id, or NULL */
    unsigned long n;
} counter;

static void count(counter *c, size_t *n, size_t max, const char *a, const char *b)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(c[i].a, a) == 0 &&
            ((b == NULL && c[i].b == NULL) || (b && c[i].b && strcmp(c[i].b, b) == 0))) {
            c[i].n++;
            return;
        }
    if (*n < max)
        c[(*n)++] = (counter){a, b, 1};
}

typedef struct thr {
    netra_detect_worker *w;
    netra_arena *arena;
    obuf out;
    char **lines; /* the batch */
    size_t *lens;
    unsigned long first_no; /* line number of lines[lo] */
    size_t lo, hi;
    int only_flagged;
    int brief;   /* one line of text per item instead of JSON */
    int lang_en; /* brief lines in English */
    int failed;  /* allocation failure */
    unsigned long items, flagged, errors, supports;
    counter forms[MAX_FORMS];
    size_t n_forms;
    counter conts[MAX_CONT];
    size_t n_conts;
} thr;

static void *run_slice(void *arg)
{
    thr *t = arg;
    t->out.len = 0;
    for (size_t i = t->lo; i < t->hi; i++) {
        unsigned long no = t->first_no + (i - t->lo);
        if (i + 1 < t->hi) {
            /* The batch outgrows the cache and its lines are apart: ask for the next one
             * while this one is decided. */
            size_t nl = t->lens[i + 1] < 2048 ? t->lens[i + 1] : 2048;
            for (size_t k = 0; k < nl; k += 64)
                __builtin_prefetch(t->lines[i + 1] + k);
        }
        netra_arena_reset(t->arena);
        netra_item item;
        const char *json;
        size_t len;
        int rc = netra_item_parse(&item, t->lines[i], t->lens[i], 0, t->arena);
        netra_verdict v;
        if (rc == NETRA_OK)
            rc = netra_detect(&v, t->w, &item);
        if (rc != NETRA_OK) {
            if (rc == NETRA_ENOMEM) {
                t->failed = 1;
                return NULL;
            }
            t->errors++;
            if (t->brief) {
                char head[64];
                int hn =
                    snprintf(head, sizeof head, "%lu %s ", no, t->lang_en ? "[ERROR]" : "[GALAT]");
                const char *msg = netra_error_last()->msg;
                if (obuf_add(&t->out, head, (size_t)hn) || obuf_add(&t->out, msg, strlen(msg)) ||
                    obuf_add(&t->out, "\n", 1)) {
                    t->failed = 1;
                    return NULL;
                }
                continue;
            }
            if (netra_verdict_error_json(&json, &len, t->w, no, rc, netra_error_last()->msg)) {
                t->failed = 1;
                return NULL;
            }
        } else {
            t->items++;
            if (v.flagged) {
                t->flagged++;
                if (v.has_form)
                    count(t->forms, &t->n_forms, MAX_FORMS, v.form.form->id, NULL);
                count(t->conts, &t->n_conts, MAX_CONT, v.top->election->id, v.top->contestant->id);
            }
            if (v.top)
                t->supports++;
            if (t->only_flagged && !v.flagged)
                continue;
            if (t->brief) {
                char head[64];
                int hn = snprintf(head, sizeof head, "%lu %s ", no,
                                  v.flagged ? (t->lang_en ? "[FLAGGED]" : "[DITANDAI]") : "[-]");
                const char *sent = t->lang_en ? v.sentence_en : v.sentence_id;
                if (obuf_add(&t->out, head, (size_t)hn) ||
                    obuf_add(&t->out, item.id.s, item.id.len) || obuf_add(&t->out, ": ", 2) ||
                    obuf_add(&t->out, sent, strlen(sent)) || obuf_add(&t->out, "\n", 1)) {
                    t->failed = 1;
                    return NULL;
                }
                continue;
            }
            if (netra_verdict_json(&json, &len, t->w, &item, &v, no)) {
                t->failed = 1;
                return NULL;
            }
        }
        if (obuf_add_line(&t->out, json, len)) {
            t->failed = 1;
            return NULL;
        }
    }
    return NULL;
}

typedef struct scan_state {
    const cli_ctx *ctx;
    thr th[MAX_TH];
    int n_th;
    char *lines[BATCH];
    size_t lens[BATCH];
    size_t caps[BATCH];
    size_t n;
    unsigned long line_no;     /* lines read */
    unsigned long batch_first; /* line number of lines[0] */
    int tty;
    struct timespec t0, last;
    double cpu0; /* CPU seconds of the process when the scan began (--stats) */
    int failed;
} scan_state;

static double secs(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

/* User + system CPU seconds of the process so far. */
static double cpu_secs(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void totals(const scan_state *s, unsigned long *items, unsigned long *flagged,
                   unsigned long *errors, unsigned long *supports)
{
    *items = *flagged = *errors = *supports = 0;
    for (int i = 0; i < s->n_th; i++) {
        *items += s->th[i].items;
        *flagged += s->th[i].flagged;
        *errors += s->th[i].errors;
        *supports += s->th[i].supports;
    }
}

static int flush_batch(scan_state *s)
{
    if (s->n == 0)
        return 0;
    int n_th = s->n_th;
    if ((size_t)n_th > s->n)
        n_th = (int)s->n;
    pthread_t tid[MAX_TH];
    for (int i = 0; i < n_th; i++) {
        thr *t = &s->th[i];
        t->lines = s->lines;
        t->lens = s->lens;
        t->lo = s->n * (size_t)i / (size_t)n_th;
        t->hi = s->n * (size_t)(i + 1) / (size_t)n_th;
        t->first_no = s->batch_first + t->lo;
        if (i > 0 && pthread_create(&tid[i], NULL, run_slice, t) != 0)
            run_slice(t);
    }
    run_slice(&s->th[0]);
    for (int i = 1; i < n_th; i++)
        pthread_join(tid[i], NULL);
    for (int i = 0; i < n_th; i++) {
        thr *t = &s->th[i];
        if (t->failed) {
            s->failed = 1;
            return -1;
        }
        if (t->out.len && fwrite(t->out.p, 1, t->out.len, s->ctx->out) != t->out.len)
            return -1;
    }
    s->n = 0;
    s->batch_first = s->line_no + 1;
    if (s->tty) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (secs(s->last, now) >= 0.5) {
            s->last = now;
            unsigned long it, fl, er, su;
            totals(s, &it, &fl, &er, &su);
            double el = secs(s->t0, now);
            fprintf(s->ctx->err,
                    CLI_T(s->ctx, "\rmemindai: %lu item, %lu ditandai, %lu galat, %.0f item/dtk ",
                          "\rscanning: %lu items, %lu flagged, %lu errors, %.0f items/s "),
                    it, fl, er, el > 0 ? (double)(it + er) / el : 0.0);
            fflush(s->ctx->err);
        }
    }
    return 0;
}

static int scan_stream(scan_state *s, FILE *in)
{
    for (;;) {
        size_t i = s->n;
        ssize_t n = getline(&s->lines[i], &s->caps[i], in);
        if (n < 0)
            break;
        s->line_no++;
        if (n > 0 && s->lines[i][n - 1] == '\n')
            n--;
        if (n == 0 || (n == 1 && s->lines[i][0] == '\r'))
            continue; /* blank lines are not items */
        s->lens[i] = (size_t)n;
        /* Blank lines were skipped: keep line numbers exact by flushing when one was. */
        if (s->n > 0 && s->batch_first + s->n != s->line_no) {
            char *keep = s->lines[i];
            size_t kc = s->caps[i];
            s->lines[i] = NULL;
            s->caps[i] = 0;
            if (flush_batch(s))
                return -1;
            s->lines[i] = s->lines[0];
            s->caps[i] = s->caps[0];
            s->lines[0] = keep;
            s->caps[0] = kc;
            s->lens[0] = (size_t)n;
            s->batch_first = s->line_no;
            s->n = 1;
            continue;
        }
        if (s->n == 0)
            s->batch_first = s->line_no;
        s->n++;
        if (s->n == BATCH && flush_batch(s))
            return -1;
    }
    if (ferror(in))
        return -1;
    return flush_batch(s);
}

static int cmp_counter(const void *a, const void *b)
{
    const counter *x = a, *y = b;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->a, y->a);
}

static int write_summary(scan_state *s, const char *path, double elapsed)
{
    unsigned long it, fl, er, su;
    totals(s, &it, &fl, &er, &su);
    counter forms[MAX_FORMS], conts[MAX_CONT];
    size_t nf = 0, nc = 0;
    for (int i = 0; i < s->n_th; i++) {
        for (size_t k = 0; k < s->th[i].n_forms; k++)
            for (unsigned long q = 0; q < s->th[i].forms[k].n; q++)
                count(forms, &nf, MAX_FORMS, s->th[i].forms[k].a, NULL);
        for (size_t k = 0; k < s->th[i].n_conts; k++)
            for (unsigned long q = 0; q < s->th[i].conts[k].n; q++)
                count(conts, &nc, MAX_CONT, s->th[i].conts[k].a, s->th[i].conts[k].b);
    }
    qsort(forms, nf, sizeof *forms, cmp_counter);
    qsort(conts, nc, sizeof *conts, cmp_counter);
    const cli_ctx *ctx = s->ctx;
    fprintf(ctx->err,
            CLI_T(ctx,
                  "%lu item dibaca, %lu galat, %lu mendukung peserta, %lu ditandai "
                  "(ASN + dukungan); %.1f dtk, %.0f item/dtk\n",
                  "%lu items read, %lu errors, %lu supporting a contestant, %lu flagged "
                  "(civil servant + support); %.1f s, %.0f items/s\n"),
            it + er, er, su, fl, elapsed, elapsed > 0 ? (double)(it + er) / elapsed : 0.0);
    if (nf) {
        fputs(CLI_T(ctx, "  per bentuk:", "  by form:"), ctx->err);
        for (size_t i = 0; i < nf; i++)
            fprintf(ctx->err, " %s=%lu", forms[i].a, forms[i].n);
        fputc('\n', ctx->err);
        fputs(CLI_T(ctx, "  per peserta:", "  by contestant:"), ctx->err);
        for (size_t i = 0; i < nc; i++)
            fprintf(ctx->err, " %s/%s=%lu", conts[i].a, conts[i].b, conts[i].n);
        fputc('\n', ctx->err);
    }
    if (path == NULL)
        return 0;
    json_t *o = json_object();
    json_t *jf = json_object(), *jc = json_array();
    for (size_t i = 0; i < nf; i++)
        json_object_set_new(jf, forms[i].a, json_integer((json_int_t)forms[i].n));
    for (size_t i = 0; i < nc; i++)
        json_array_append_new(jc, json_pack("{s:s,s:s,s:I}", "election", conts[i].a, "contestant",
                                            conts[i].b, "flagged", (json_int_t)conts[i].n));
    json_object_set_new(o, "items", json_integer((json_int_t)(it + er)));
    json_object_set_new(o, "errors", json_integer((json_int_t)er));
    json_object_set_new(o, "supporting", json_integer((json_int_t)su));
    json_object_set_new(o, "flagged", json_integer((json_int_t)fl));
    json_object_set_new(o, "by_form", jf);
    json_object_set_new(o, "by_contestant", jc);
    json_object_set_new(o, "seconds", json_real(elapsed));
    int rc = json_dump_file(o, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0) {
        cli_errorf(ctx, "%s: tidak dapat ditulis", "%s: cannot write", path);
        return -1;
    }
    return 0;
}

static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_TH ? MAX_TH : n;
}

static int scan_cmd(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"election", required_argument, NULL, 'e'},
                                         {"registry", required_argument, NULL, 'r'},
                                         {"model", required_argument, NULL, 'm'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"flagged-only", no_argument, NULL, 'f'},
                                         {"summary", required_argument, NULL, 's'},
                                         {"d8-level", required_argument, NULL, 'd'},
                                         {"stats", no_argument, NULL, 'S'},
                                         {"attribute-all", no_argument, NULL, 'A'},
                                         {"brief", no_argument, NULL, 'B'},
                                         {NULL, 0, NULL, 0}};
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_scan_id, help_scan_en), ctx->out);
        return CLI_EXIT_OK;
    }
    const char *els[MAX_EL];
    size_t n_el = 0;
    const char *registry = NULL, *model = NULL, *summary = NULL;
    long threads = online_cpus();
    int only_flagged = 0, stats = 0, attribute_all = 0, brief = 0;
    netra_level d8 = NETRA_LEVEL_NONE;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            if (n_el == MAX_EL)
                return cli_usage(ctx, "scan", "paling banyak %d --election",
                                 "at most %d --election", MAX_EL);
            els[n_el++] = optarg;
            break;
        case 'r':
            registry = optarg;
            break;
        case 'm':
            model = optarg;
            break;
        case 's':
            summary = optarg;
            break;
        case 'f':
            only_flagged = 1;
            break;
        case 'S':
            stats = 1;
            break;
        case 'A':
            attribute_all = 1;
            break;
        case 'B':
            brief = 1;
            break;
        case 't': {
            char *end;
            threads = strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > MAX_TH)
                return cli_usage(ctx, "scan", "--threads: bilangan 1..%d", "--threads: 1..%d",
                                 MAX_TH);
            break;
        }
        case 'd': {
            int rc = cli_parse_d8(ctx, optarg, &d8);
            if (rc != CLI_EXIT_OK)
                return rc;
            break;
        }
        default:
            return cli_usage(ctx, "scan", "opsi tidak dikenal atau tanpa nilai: %s",
                             "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (n_el == 0)
        return cli_usage(ctx, "scan", "perlu setidaknya satu --election BERKAS",
                         "at least one --election FILE is needed");
    setup su;
    memset(&su, 0, sizeof su);
    int rc = setup_load(ctx, &su, els, n_el, registry, model, d8, attribute_all);
    scan_state *s = NULL;
    if (rc == CLI_EXIT_OK) {
        s = calloc(1, sizeof *s);
        if (s == NULL)
            rc = CLI_EXIT_ENV;
    }
    if (rc == CLI_EXIT_OK) {
        s->ctx = ctx;
        s->n_th = (int)threads;
        s->tty = isatty(fileno(ctx->err));
        s->batch_first = 1;
        for (int i = 0; i < s->n_th && rc == CLI_EXIT_OK; i++) {
            int err = netra_detect_worker_new(&s->th[i].w, su.det);
            if (err == 0)
                err = netra_arena_new(&s->th[i].arena, 0, 64u * 1024u * 1024u);
            if (err < 0)
                rc = cli_fail(ctx, err, "detektor", "detector");
            s->th[i].only_flagged = only_flagged;
            s->th[i].brief = brief;
            s->th[i].lang_en = ctx->lang == CLI_LANG_EN;
        }
    }
    if (rc == CLI_EXIT_OK && stats) {
        netra_detector_stats st;
        netra_detector_stats_get(su.det, &st);
        fprintf(ctx->err,
                CLI_T(ctx,
                      "detektor: %zu peserta, %zu frasa, pencocok %.1f MiB, %zu bobot model; "
                      "disiapkan dalam %.2f dtk\n",
                      "detector: %zu contestants, %zu phrases, matcher %.1f MiB, %zu model "
                      "weights; built in %.2f s\n"),
                st.n_contestants, st.n_phrases, (double)st.matcher_bytes / 1048576.0, st.n_weights,
                su.compile_s);
    }
    if (rc == CLI_EXIT_OK) {
        clock_gettime(CLOCK_MONOTONIC, &s->t0);
        s->last = s->t0;
        s->cpu0 = cpu_secs();
        if (optind >= argc) {
            if (scan_stream(s, stdin))
                rc = CLI_EXIT_ENV;
        }
        for (int i = optind; i < argc && rc == CLI_EXIT_OK; i++) {
            FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
            if (f == NULL) {
                cli_errorf(ctx, "%s: tidak dapat dibuka", "%s: cannot open", argv[i]);
                rc = CLI_EXIT_ENV;
                break;
            }
            if (scan_stream(s, f))
                rc = CLI_EXIT_ENV;
            if (f != stdin)
                fclose(f);
        }
        if (fflush(ctx->out) != 0)
            rc = CLI_EXIT_ENV;
        if (s->failed)
            cli_errorf(ctx, "memori habis", "out of memory");
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (s->tty)
            fputc('\n', ctx->err);
        if (write_summary(s, summary, secs(s->t0, now)))
            rc = CLI_EXIT_ENV;
        if (stats) {
            /* CPU time is what a shared machine does not distort much: the scan's own
             * (after the build), for posts per CPU-second. */
            unsigned long it, fl, er, sp;
            totals(s, &it, &fl, &er, &sp);
            double cpu = cpu_secs() - s->cpu0;
            fprintf(ctx->err,
                    CLI_T(ctx, "CPU pemindaian: %.2f dtk, %.0f item per detik CPU\n",
                          "scan CPU: %.2f s, %.0f items per CPU-second\n"),
                    cpu, cpu > 0 ? (double)(it + er) / cpu : 0.0);
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            fprintf(ctx->err, CLI_T(ctx, "memori puncak: %.1f MiB\n", "peak memory: %.1f MiB\n"),
                    (double)ru.ru_maxrss / 1024.0);
        }
        unsigned long it, fl, er, sp;
        totals(s, &it, &fl, &er, &sp);
        if (rc == CLI_EXIT_OK && er > 0)
            rc = CLI_EXIT_INVALID;
    }
    if (s) {
        for (int i = 0; i < MAX_TH; i++) {
            netra_detect_worker_free(s->th[i].w);
            netra_arena_free(s->th[i].arena);
            free(s->th[i].out.p);
        }
        for (size_t i = 0; i < BATCH; i++)
            free(s->lines[i]);
        free(s);
    }
    setup_free(&su);
    return rc;
}

int cmd_scan(cli_ctx *ctx, int argc, char **argv)
{
    return scan_cmd(ctx, argc, argv);
}

/* ---- train and eval --------------------------------------------------------------------- */

static const char help_train_id[] =
    "Penggunaan: netra train --election BERKAS... -o MODEL.tsv [--epochs N] [--seed N]\n"
    "                        BERLABEL.jsonl...\n"
    "\n"
    "Melatih model linear detektor (regresi logistik multikelas atas fitur yang di-hash)\n"
    "dari item berlabel (docs/data/items.md) dan menulisnya sebagai TSV yang dapat dibaca:\n"
    "satu baris per fitur dengan bobot untuk none, support, oppose, mention.\n";
static const char help_train_en[] =
    "Usage: netra train --election FILE... -o MODEL.tsv [--epochs N] [--seed N]\n"
    "                   LABELLED.jsonl...\n"
    "\n"
    "Trains the detector's linear model (multinomial logistic regression over hashed\n"
    "features) from labelled items (docs/data/items.md) and writes it as readable TSV: one\n"
    "line per feature with weights for none, support, oppose, mention.\n";

static const char help_eval_id[] =
    "Penggunaan: netra eval --election BERKAS... [--model MODEL.tsv] [--registry CSV]\n"
    "                       [--disguise] BERLABEL.jsonl\n"
    "\n"
    "Menilai detektor pada berkas berlabel: presisi, recall dan F1 per kelas sikap, matriks\n"
    "kebingungan, presisi/recall dukungan per peserta, atribusi ASN, dan item ditandai.\n"
    "Dengan --disguise, setiap item juga diputus ulang dalam lima samaran (huruf bergaya,\n"
    "leetspeak, huruf berspasi, huruf dipanjangkan, karakter lebar-nol) dan dihitung berapa\n"
    "putusan yang tidak berubah.\n";
static const char help_eval_en[] =
    "Usage: netra eval --election FILE... [--model MODEL.tsv] [--registry CSV] [--disguise]\n"
    "                  LABELLED.jsonl\n"
    "\n"
    "Evaluates the detector on a labelled file: precision, recall and F1 per stance class,\n"
    "the confusion matrix, support precision/recall per contestant, civil-servant\n"
    "attribution, and flagged items. With --disguise every item is also decided again in\n"
    "five disguises (styled letters, leetspeak, a word spaced apart, elongation, zero-width\n"
    "characters), counting the verdicts that do not change.\n";

static int parse_common(cli_ctx *ctx, int argc, char **argv, const char *cmd, const char **els,
                        size_t *n_el, const char **model, const char **registry,
                        const char **out_path, long *epochs, long *seed, int *disguise)
{
    static const struct option opts[] = {
        {"election", required_argument, NULL, 'e'}, {"model", required_argument, NULL, 'm'},
        {"registry", required_argument, NULL, 'r'}, {"output", required_argument, NULL, 'o'},
        {"epochs", required_argument, NULL, 'E'},   {"seed", required_argument, NULL, 'S'},
        {"disguise", no_argument, NULL, 'D'},       {NULL, 0, NULL, 0}};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'e':
            if (*n_el == MAX_EL)
                return cli_usage(ctx, cmd, "terlalu banyak --election", "too many --election");
            els[(*n_el)++] = optarg;
            break;
        case 'm':
            *model = optarg;
            break;
        case 'r':
            *registry = optarg;
            break;
        case 'o':
            *out_path = optarg;
            break;
        case 'D':
            if (disguise == NULL)
                return cli_usage(ctx, cmd, "--disguise hanya untuk eval", "--disguise is for eval");
            *disguise = 1;
            break;
        case 'E':
            *epochs = strtol(optarg, &end, 10);
            if (*end || *epochs < 1 || *epochs > 1000)
                return cli_usage(ctx, cmd, "--epochs: 1..1000", "--epochs: 1..1000");
            break;
        case 'S':
            *seed = strtol(optarg, &end, 10);
            if (*end || *seed < 1)
                return cli_usage(ctx, cmd, "--seed: bilangan positif", "--seed: a positive number");
            break;
        default:
            return cli_usage(ctx, cmd, "opsi tidak dikenal atau tanpa nilai: %s",
                             "unknown option or missing value: %s", argv[optind - 1]);
        }
    }
    if (*n_el == 0)
        return cli_usage(ctx, cmd, "perlu setidaknya satu --election BERKAS",
                         "at least one --election FILE is needed");
    if (optind >= argc)
        return cli_usage(ctx, cmd, "perlu berkas berlabel", "a labelled file is needed");
    return CLI_EXIT_OK;
}

int cmd_train(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_train_id, help_train_en), ctx->out);
        return CLI_EXIT_OK;
    }
    const char *els[MAX_EL], *model = NULL, *registry = NULL, *out_path = NULL;
    size_t n_el = 0;
    long epochs = 0, seed = 0;
    int rc = parse_common(ctx, argc, argv, "train", els, &n_el, &model, &registry, &out_path,
                          &epochs, &seed, NULL);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (out_path == NULL)
        return cli_usage(ctx, "train", "perlu -o MODEL.tsv", "-o MODEL.tsv is needed");
    setup su;
    memset(&su, 0, sizeof su);
    rc = setup_load(ctx, &su, els, n_el, registry, "", NETRA_LEVEL_NONE, 0);
    if (rc == CLI_EXIT_OK) {
        netra_train_options o = {NETRA_TRAIN_OPTIONS_VERSION, (int)epochs, 0, 0, (unsigned)seed};
        int err = netra_detector_train(su.det, (const char *const *)argv + optind,
                                       (size_t)(argc - optind), out_path, &o);
        if (err < 0)
            rc = cli_fail(ctx, err, "pelatihan gagal", "training failed");
        else
            fprintf(ctx->err, CLI_T(ctx, "model ditulis ke %s\n", "model written to %s\n"),
                    out_path);
    }
    setup_free(&su);
    return rc;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

int cmd_eval(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_eval_id, help_eval_en), ctx->out);
        return CLI_EXIT_OK;
    }
    const char *els[MAX_EL], *model = NULL, *registry = NULL, *out_path = NULL;
    size_t n_el = 0;
    long epochs = 0, seed = 0;
    int disguise = 0;
    int rc = parse_common(ctx, argc, argv, "eval", els, &n_el, &model, &registry, &out_path,
                          &epochs, &seed, &disguise);
    if (rc != CLI_EXIT_OK)
        return rc;
    setup su;
    memset(&su, 0, sizeof su);
    rc = setup_load(ctx, &su, els, n_el, registry, model, NETRA_LEVEL_NONE, 1);
    netra_eval_contestant per[256];
    size_t n_per = 0;
    netra_eval ev;
    if (rc == CLI_EXIT_OK) {
        int err = netra_detector_eval(&ev, per, 256, &n_per, su.det, argv[optind]);
        if (err < 0)
            rc = cli_fail(ctx, err, "penilaian gagal", "evaluation failed");
    }
    if (rc != CLI_EXIT_OK) {
        setup_free(&su);
        return rc;
    }
    static const char *const cls[] = {"none", "support", "oppose", "mention"};
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(argv[optind]));
    json_object_set_new(o, "items", json_integer((json_int_t)ev.items));
    json_object_set_new(o, "pairs", json_integer((json_int_t)ev.pairs));
    json_t *jc = json_object();
    if (!ctx->json) {
        fprintf(ctx->out,
                CLI_T(ctx, "%zu item, %zu pasangan (item, peserta)\n\n",
                      "%zu items, %zu (item, contestant) pairs\n\n"),
                ev.items, ev.pairs);
        fprintf(ctx->out, "%-10s %9s %9s %9s %7s\n", CLI_T(ctx, "kelas", "class"),
                CLI_T(ctx, "presisi", "precision"), "recall", "F1", "n");
    }
    for (int k = 0; k < 4; k++) {
        size_t tp = ev.confusion[k][k], fp = 0, fn = 0, n = 0;
        for (int j = 0; j < 4; j++) {
            if (j != k) {
                fp += ev.confusion[j][k];
                fn += ev.confusion[k][j];
            }
            n += ev.confusion[k][j];
        }
        double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
        json_object_set_new(jc, cls[k],
                            json_pack("{s:f,s:f,s:f,s:I}", "precision", p, "recall", r, "f1", f1,
                                      "n", (json_int_t)n));
        if (!ctx->json)
            fprintf(ctx->out, "%-10s %9.3f %9.3f %9.3f %7zu\n", cls[k], p, r, f1, n);
    }
    json_object_set_new(o, "classes", jc);
    json_t *cm = json_array();
    if (!ctx->json) {
        fprintf(ctx->out, CLI_T(ctx, "\nmatriks kebingungan (baris: label, kolom: prediksi)\n",
                                "\nconfusion matrix (rows: gold, columns: predicted)\n"));
        fprintf(ctx->out, "%-10s", "");
        for (int j = 0; j < 4; j++)
            fprintf(ctx->out, " %8s", cls[j]);
        fputc('\n', ctx->out);
    }
    for (int k = 0; k < 4; k++) {
        json_t *row = json_array();
        if (!ctx->json)
            fprintf(ctx->out, "%-10s", cls[k]);
        for (int j = 0; j < 4; j++) {
            json_array_append_new(row, json_integer((json_int_t)ev.confusion[k][j]));
            if (!ctx->json)
                fprintf(ctx->out, " %8zu", ev.confusion[k][j]);
        }
        json_array_append_new(cm, row);
        if (!ctx->json)
            fputc('\n', ctx->out);
    }
    json_object_set_new(o, "confusion", cm);
    json_t *jp = json_array();
    if (!ctx->json)
        fprintf(ctx->out, CLI_T(ctx, "\ndukungan per peserta\n", "\nsupport per contestant\n"));
    for (size_t i = 0; i < n_per; i++) {
        double p = ratio(per[i].tp, per[i].tp + per[i].fp);
        double r = ratio(per[i].tp, per[i].tp + per[i].fn);
        json_array_append_new(jp,
                              json_pack("{s:s,s:s,s:I,s:I,s:I,s:f,s:f}", "election",
                                        per[i].election->id, "contestant", per[i].contestant->id,
                                        "tp", (json_int_t)per[i].tp, "fp", (json_int_t)per[i].fp,
                                        "fn", (json_int_t)per[i].fn, "precision", p, "recall", r));
        if (!ctx->json)
            fprintf(ctx->out, "  %-20s %-4s P %.3f  R %.3f  (tp %zu, fp %zu, fn %zu)\n",
                    per[i].election->id, per[i].contestant->id, p, r, per[i].tp, per[i].fp,
                    per[i].fn);
    }
    json_object_set_new(o, "per_contestant", jp);
    double ap = ratio(ev.asn_tp, ev.asn_tp + ev.asn_fp),
           ar = ratio(ev.asn_tp, ev.asn_tp + ev.asn_fn);
    double fp_ = ratio(ev.flag_tp, ev.flag_tp + ev.flag_fp),
           fr = ratio(ev.flag_tp, ev.flag_tp + ev.flag_fn);
    json_object_set_new(o, "asn",
                        json_pack("{s:f,s:f,s:I,s:I,s:I,s:I}", "precision", ap, "recall", ar, "tp",
                                  (json_int_t)ev.asn_tp, "fp", (json_int_t)ev.asn_fp, "fn",
                                  (json_int_t)ev.asn_fn, "tn", (json_int_t)ev.asn_tn));
    json_object_set_new(o, "flagged",
                        json_pack("{s:f,s:f,s:I,s:I,s:I}", "precision", fp_, "recall", fr, "tp",
                                  (json_int_t)ev.flag_tp, "fp", (json_int_t)ev.flag_fp, "fn",
                                  (json_int_t)ev.flag_fn));
    if (disguise) {
        netra_robustness rb;
        int err = netra_detector_eval_disguise(&rb, su.det, argv[optind]);
        if (err < 0) {
            json_decref(o);
            setup_free(&su);
            return cli_fail(ctx, err, "penilaian penyamaran gagal", "disguise evaluation failed");
        }
        json_t *jr = json_object();
        json_object_set_new(jr, "trials", json_integer((json_int_t)rb.trials));
        json_object_set_new(jr, "unchanged", json_integer((json_int_t)rb.unchanged));
        json_object_set_new(jr, "share", json_real(ratio(rb.unchanged, rb.trials)));
        if (!ctx->json)
            fprintf(ctx->out,
                    CLI_T(ctx, "\npenyamaran: %zu dari %zu putusan tidak berubah (%.1f%%)\n",
                          "\ndisguises: %zu of %zu verdicts unchanged (%.1f%%)\n"),
                    rb.unchanged, rb.trials, 100.0 * ratio(rb.unchanged, rb.trials));
        for (int k = 0; k < NETRA_DISGUISE_KINDS; k++) {
            json_object_set_new(jr, rb.kind_names[k],
                                json_real(ratio(rb.unchanged_kind[k], rb.per_kind[k])));
            if (!ctx->json)
                fprintf(ctx->out, "  %-11s %.1f%%\n", rb.kind_names[k],
                        100.0 * ratio(rb.unchanged_kind[k], rb.per_kind[k]));
        }
        json_object_set_new(o, "disguise", jr);
    }
    if (ctx->json) {
        rc = cli_print_json(ctx, o);
    } else {
        fprintf(ctx->out,
                CLI_T(ctx, "\natribusi ASN: presisi %.3f, recall %.3f\n",
                      "\ncivil-servant attribution: precision %.3f, recall %.3f\n"),
                ap, ar);
        fprintf(ctx->out,
                CLI_T(ctx, "ditandai (ASN + dukungan): presisi %.3f, recall %.3f\n",
                      "flagged (civil servant + support): precision %.3f, recall %.3f\n"),
                fp_, fr);
        json_decref(o);
    }
    setup_free(&su);
    return rc;
}
