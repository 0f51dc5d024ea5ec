/*
 * dct.c - builds a pileg election file (docs/data/election.md) from KPU's candidate list,
 * the Daftar Calon Tetap, as TSV: level, dapil, party_number, party, number, name.
 *
 * The input is read whole and split in place. Every data row is either used or reported
 * through the caller's `reject` callback with its line and reason; nothing is dropped
 * silently. This is why the file is not read with nt_tsv, which stops at the first bad row
 * and skips lines starting with '#'. Party numbers become party ids through the party
 * table data/elections/parties-2024.tsv. The output is JSON written with nt_buf, one
 * contestant per line: a jansson tree of 258,229 candidates would take far more memory than
 * the text.
 *
 * Work: O(rows) expected (one hash lookup per row); memory: the input, one record per row
 * and the output text.
 *
 * Layering: election uses util and the public law API.
 */
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"
#include "election/election_int.h"

#define MAX_PARTIES 100 /* party numbers are 1..99 */

typedef struct party {
    const char *id;      /* lowercase id ("pkb"), NULL when the number is free */
    const char *name;    /* official name */
    const char *aliases; /* extra aliases, comma-separated, may be "" */
    int used;            /* a written candidate belongs to it */
} party;

typedef struct cand {
    const char *dapil;       /* district code, into the input */
    const char *name;        /* name as printed, into the input */
    const char *aliases;     /* NUL-separated aliases, in the arena */
    unsigned line;           /* input line */
    unsigned char level;     /* netra_leg_level */
    unsigned char party;     /* party number, 0 for the DPD */
    unsigned char number;    /* ballot number */
    unsigned char n_aliases; /* aliases in `aliases` */
} cand;

typedef struct imp {
    const netra_dct_options *o; /* the caller's options */
    const char *path;           /* input path, for messages */
    party parties[MAX_PARTIES]; /* by number */
    nt_arena arena;             /* party table strings, aliases, duplicate keys */
    nt_map seen;                /* "level\tdapil\tparty\tnumber" -> line */
    nt_vec cands;               /* cand, in input order */
    netra_dct_stats st;         /* counts */
} imp;

static const char *const dct_level[] = {"", "dpr", "dpd", "dprdprov", "dprdkk"};

static void reject(imp *im, unsigned line, const char *fmt, ...) NT_PRINTF(3, 4);

static void reject(imp *im, unsigned line, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (n < 0)
        reason[0] = '\0';
    im->st.rejected++;
    if (im->o->reject != NULL)
        im->o->reject(im->path, line, reason, im->o->payload);
}

static int is_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

/* Whether s[0..len) is valid UTF-8 without control characters. */
static int text_ok(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > len || c < 0x20 || c == 0x7f || c == 0xc0 || c == 0xc1 || c > 0xf4)
            return 0;
        for (size_t k = 1; k < n; k++)
            if (((unsigned char)s[i + k] & 0xc0) != 0x80)
                return 0;
        i += n;
    }
    return 1;
}

/* A party name folded for comparison: ASCII lowercase, ` as ', runs of spaces as one, no
 * outer spaces. Returns the length, or `cap` when it does not fit. */
static size_t fold_name(char *out, size_t cap, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue;
        if (n + 1 >= cap)
            return cap;
        out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '`' ? '\'' : c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

/* Whether the DCT's party name a[0..alen) is the table's name b ("Partai GOLKAR" is
 * "Partai Golkar"). */
static int same_name(const char *a, size_t alen, const char *b)
{
    char fa[NETRA_ELECTION_MAX_STRING + 1], fb[NETRA_ELECTION_MAX_STRING + 1];
    size_t la = fold_name(fa, sizeof fa, a, alen);
    size_t lb = fold_name(fb, sizeof fb, b, strlen(b));
    return la < sizeof fa && la == lb && memcmp(fa, fb, la) == 0;
}

/* data/elections/parties-2024.tsv: number, id, name, aliases, scope, source. */
static int load_parties(imp *im)
{
    static const char *const cols[] = {"number", "id", "name", "aliases", "scope", NULL};
    nt_table tb;
    int err;
    if (im->o->parties_path != NULL) {
        memset(&tb, 0, sizeof tb);
        nt_buf_init(&tb.path, 4096);
        tb.max_rows = MAX_PARTIES;
        err = nt_buf_adds(&tb.path, im->o->parties_path);
        if (err == NETRA_OK)
            err = nt_tsv_open(&tb.t, nt_buf_cstr(&tb.path), NULL, 0, cols);
        if (err < 0) {
            nt_buf_free(&tb.path);
            return err;
        }
    } else {
        nt_buf dir;
        nt_buf_init(&dir, 4096);
        err = nt_buf_addf(&dir, "%s/elections", netra_data_dir());
        if (err < 0)
            return err;
        err = nt_table_open(&tb, nt_buf_cstr(&dir), "parties-2024.tsv", cols, MAX_PARTIES);
        nt_buf_free(&dir);
        if (err < 0)
            return err;
    }
    int r;
    while ((r = nt_table_next(&tb)) > 0) {
        long num;
        const char *id, *name, *aliases, *scope;
        if ((err = nt_tsv_get_long(&num, &tb.t, "number", 1, MAX_PARTIES - 1)) < 0 ||
            (err = nt_tsv_get_str(&id, &tb.t, "id", &im->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&name, &tb.t, "name", &im->arena, 0)) < 0 ||
            (err = nt_tsv_get_str(&aliases, &tb.t, "aliases", &im->arena, 1)) < 0 ||
            (err = nt_tsv_get_str(&scope, &tb.t, "scope", &im->arena, 0)) < 0)
            goto done;
        if (!is_id(id)) {
            err = nt_tsv_error(&tb.t, "id", "'%s': lowercase letters, digits and '-' only", id);
            goto done;
        }
        for (const char *a = aliases; *a; a++) {
            if (*a >= 'A' && *a <= 'Z') {
                err = nt_tsv_error(&tb.t, "aliases", "'%s' must be lowercase", aliases);
                goto done;
            }
        }
        if (strcmp(scope, "national") != 0 && strcmp(scope, "aceh") != 0) {
            err = nt_tsv_error(&tb.t, "scope", "'%s' is not national or aceh", scope);
            goto done;
        }
        if (im->parties[num].id != NULL) {
            err = nt_tsv_error(&tb.t, "number", "%ld is used twice", num);
            goto done;
        }
        for (int k = 1; k < MAX_PARTIES; k++) {
            if (im->parties[k].id != NULL && strcmp(im->parties[k].id, id) == 0) {
                err = nt_tsv_error(&tb.t, "id", "'%s' is used twice", id);
                goto done;
            }
        }
        im->parties[num].id = id;
        im->parties[num].name = name;
        im->parties[num].aliases = aliases;
    }
    err = r;
done:
    nt_table_close(&tb);
    return err;
}

/* Columns of the input header, by name. */
enum { C_LEVEL, C_DAPIL, C_PARTY_NUMBER, C_PARTY, C_NUMBER, C_NAME, C_COUNT };
static const char *const col_names[C_COUNT] = {"level", "dapil",  "party_number",
                                               "party", "number", "name"};

/* Splits a line at tabs in place; returns the field count (capped at `max` + 1). */
static size_t split_tabs(char *line, char **f, size_t *lens, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < max) {
            f[n] = p;
            lens[n] = tab ? (size_t)(tab - p) : strlen(p);
        }
        n++;
        if (tab == NULL || n > max)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

/* One data row: used (appended to im->cands) or reported. Returns < 0 only on failures
 * that stop the import (memory). */
static int row(imp *im, unsigned line, char **f, const size_t *fl)
{
    netra_leg_level level = netra_leg_level_parse(f[C_LEVEL], fl[C_LEVEL]);
    long party_no = 0, number;
    if (level == NETRA_LEG_NONE) {
        reject(im, line, "level '%s' is not dpr, dpd, dprdprov or dprdkk (dprd_prov, dprd_kabkota)",
               f[C_LEVEL]);
        return NETRA_OK;
    }
    if (im->o->levels != 0 && (im->o->levels & (1u << level)) == 0) {
        im->st.skipped++;
        return NETRA_OK;
    }
    if (!netra_leg_dapil_valid(level, f[C_DAPIL], fl[C_DAPIL])) {
        reject(im, line, "dapil '%s' is not a %s dapil code (%s)", f[C_DAPIL], dct_level[level],
               level == NETRA_LEG_DPR   ? "4 digits"
               : level == NETRA_LEG_DPD ? "the 2-digit province code"
                                        : "6 digits");
        return NETRA_OK;
    }
    if (level == NETRA_LEG_DPD) {
        if (fl[C_PARTY_NUMBER] > 0 || fl[C_PARTY] > 0) {
            reject(im, line, "a DPD candidate stands without a party, but party is '%s %s'",
                   f[C_PARTY_NUMBER], f[C_PARTY]);
            return NETRA_OK;
        }
    } else {
        if (nt_parse_long(&party_no, f[C_PARTY_NUMBER], fl[C_PARTY_NUMBER], 1, MAX_PARTIES - 1) <
                0 ||
            im->parties[party_no].id == NULL) {
            reject(im, line, "party_number '%s' is not a party of the party table",
                   f[C_PARTY_NUMBER]);
            return NETRA_OK;
        }
        const party *p = &im->parties[party_no];
        if (!same_name(f[C_PARTY], fl[C_PARTY], p->name)) {
            reject(im, line, "party '%s' is not party %ld of the party table (%s)", f[C_PARTY],
                   party_no, p->name);
            return NETRA_OK;
        }
    }
    if (nt_parse_long(&number, f[C_NUMBER], fl[C_NUMBER], 1, 99) < 0) {
        reject(im, line, "number '%s' is not a ballot number 1..99", f[C_NUMBER]);
        return NETRA_OK;
    }
    /* Spaces around the name are not part of it. */
    const char *name = f[C_NAME];
    size_t nl = fl[C_NAME];
    while (nl > 0 && name[0] == ' ')
        name++, nl--;
    while (nl > 0 && name[nl - 1] == ' ')
        nl--;
    f[C_NAME][(size_t)(name - f[C_NAME]) + nl] = '\0';
    nt_name_aliases al;
    if (nl == 0) {
        reject(im, line, "name is empty");
        return NETRA_OK;
    }
    if (!text_ok(name, nl)) {
        reject(im, line, "name is not valid UTF-8 text");
        return NETRA_OK;
    }
    if (nt_election_name_aliases(&al, name, nl) < 0) {
        reject(im, line, "name '%s': %s", name, netra_error_last()->msg);
        return NETRA_OK;
    }
    char key[64];
    int kl =
        snprintf(key, sizeof key, "%d\t%s\t%ld\t%ld", (int)level, f[C_DAPIL], party_no, number);
    if (kl < 0 || (size_t)kl >= sizeof key)
        return nt_error_set(NETRA_ERROR, "dct: key too long");
    void *old = nt_map_get(&im->seen, key, (size_t)kl);
    if (old != NULL) {
        if (level == NETRA_LEG_DPD)
            reject(im, line, "ballot number %ld in dpd dapil %s is already used on line %u", number,
                   f[C_DAPIL], (unsigned)(uintptr_t)old);
        else
            reject(im, line, "ballot number %ld of %s in %s dapil %s is already used on line %u",
                   number, im->parties[party_no].id, dct_level[level], f[C_DAPIL],
                   (unsigned)(uintptr_t)old);
        return NETRA_OK;
    }
    char *kp = nt_arena_strndup(&im->arena, key, (size_t)kl);
    if (kp == NULL)
        return netra_error_last()->code;
    int err = nt_map_put(&im->seen, kp, (size_t)kl, (void *)(uintptr_t)line, NULL);
    if (err < 0)
        return err;
    size_t alen = 0;
    for (size_t i = 0; i < al.n; i++)
        alen += strlen(al.items[i]) + 1;
    char *aliases = nt_arena_alloc(&im->arena, alen);
    if (aliases == NULL)
        return netra_error_last()->code;
    for (size_t i = 0, at = 0; i < al.n; i++) {
        size_t l = strlen(al.items[i]) + 1;
        memcpy(aliases + at, al.items[i], l);
        at += l;
    }
    cand c = {f[C_DAPIL],
              name,
              aliases,
              line,
              (unsigned char)level,
              (unsigned char)party_no,
              (unsigned char)number,
              (unsigned char)al.n};
    if (im->cands.n == NETRA_ELECTION_MAX_PILEG_CONTESTANTS)
        return nt_error_set(NETRA_ETOOBIG, "%s:%u: more than %d candidates, the limit of a file",
                            im->path, line, NETRA_ELECTION_MAX_PILEG_CONTESTANTS);
    if (nt_vec_push(&im->cands, &c) == NULL)
        return netra_error_last()->code;
    if (level != NETRA_LEG_DPD)
        im->parties[party_no].used = 1;
    return NETRA_OK;
}

static int read_rows(imp *im, char *data, size_t len)
{
    size_t col[C_COUNT];
    char *f[NT_REC_MAX_COLS];
    size_t fl[NT_REC_MAX_COLS];
    size_t pos = 0, n_cols = 0;
    unsigned line = 0;
    int err = NETRA_OK;
    while (pos < len) {
        char *start = data + pos;
        char *nl = memchr(start, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - start) : len - pos;
        pos += ll + (nl ? 1 : 0);
        line++;
        if (ll > 0 && start[ll - 1] == '\r')
            ll--;
        start[ll] = '\0';
        if (line == 1) {
            if (ll >= 3 && memcmp(start, "\xef\xbb\xbf", 3) == 0)
                start += 3; /* a UTF-8 byte order mark */
            n_cols = split_tabs(start, f, fl, NT_REC_MAX_COLS);
            if (n_cols > NT_REC_MAX_COLS)
                return nt_error_set(NETRA_EDATA, "%s:1: more than %d columns", im->path,
                                    NT_REC_MAX_COLS);
            for (size_t c = 0; c < C_COUNT; c++) {
                col[c] = SIZE_MAX;
                for (size_t k = 0; k < n_cols; k++)
                    if (nt_str_eq(f[k], fl[k], col_names[c]))
                        col[c] = k;
                if (col[c] == SIZE_MAX)
                    return nt_error_set(NETRA_EDATA,
                                        "%s:1: no column '%s' (the header needs level, dapil, "
                                        "party_number, party, number and name)",
                                        im->path, col_names[c]);
            }
            continue;
        }
        if (ll == 0)
            continue; /* a blank line holds no row */
        im->st.rows++;
        if (memchr(start, '\0', ll) != NULL) {
            reject(im, line, "NUL byte in the line");
            continue;
        }
        size_t n = split_tabs(start, f, fl, NT_REC_MAX_COLS);
        if (n != n_cols) {
            reject(im, line, "%zu fields, the header has %zu", n, n_cols);
            continue;
        }
        char *rf[C_COUNT];
        size_t rl[C_COUNT];
        for (size_t c = 0; c < C_COUNT; c++) {
            rf[c] = f[col[c]];
            rl[c] = fl[col[c]];
        }
        if ((err = row(im, line, rf, rl)) < 0)
            return err;
        if (im->o->progress != NULL && im->st.rows % NETRA_DCT_PROGRESS_ROWS == 0)
            im->o->progress(im->st.rows, pos, len, im->o->payload);
    }
    if (line == 0)
        return nt_error_set(NETRA_EDATA, "%s: empty file (no header line)", im->path);
    if (im->o->progress != NULL)
        im->o->progress(im->st.rows, len, len, im->o->payload);
    return NETRA_OK;
}

/* ---- output ------------------------------------------------------------------------------*/

static int jstr(nt_buf *b, const char *s)
{
    int err = nt_buf_addc(b, '"');
    for (; *s && err == NETRA_OK; s++) {
        if (*s == '"' || *s == '\\')
            err = nt_buf_addc(b, '\\');
        if (err == NETRA_OK)
            err = nt_buf_addc(b, *s);
    }
    return err < 0 ? err : nt_buf_addc(b, '"');
}

static int head(nt_buf *b, const netra_dct_options *o, const char *input)
{
    char date[NETRA_DATE_STRLEN];
    const char *base = strrchr(input, '/');
    int err;
    base = base ? base + 1 : input;
    if ((err = nt_buf_adds(b, "{\n  \"format\": 1,\n  \"id\": ")) < 0 ||
        (err = jstr(b, o->id)) < 0 || (err = nt_buf_adds(b, ",\n  \"kind\": \"pileg\",\n")) < 0 ||
        (err = nt_buf_adds(b, "  \"name_id\": ")) < 0 || (err = jstr(b, o->name_id)) < 0 ||
        (err = nt_buf_adds(b, ",\n  \"name_en\": ")) < 0 || (err = jstr(b, o->name_en)) < 0 ||
        (err = nt_buf_adds(b, ",\n  \"law_election\": ")) < 0 ||
        (err = jstr(b, o->law_election)) < 0 || (err = nt_buf_adds(b, ",\n  \"office\": ")) < 0 ||
        (err = jstr(b, o->office)) < 0 ||
        (err = nt_buf_addf(b, ",\n  \"region\": null,\n  \"voting_date\": \"%s\",\n",
                           netra_date_format(o->voting_date, date))) < 0 ||
        (err = nt_buf_adds(b, "  \"sources\": [")) < 0)
        return err;
    if (o->source != NULL) {
        err = jstr(b, o->source);
    } else {
        char src[NETRA_ELECTION_MAX_STRING + 1];
        snprintf(src, sizeof src, "KPU, Daftar Calon Tetap Pemilu (%.120s)", base);
        err = jstr(b, src);
    }
    if (err == NETRA_OK)
        err = nt_buf_adds(b, ", \"party ids and numbers: data/elections/parties-2024.tsv\"],\n"
                             "  \"contestants\": [");
    return err;
}

/* The aliases of a party: its name in lowercase and the table's aliases. */
static int party_json(nt_buf *b, int num, const party *p)
{
    char lname[NETRA_ELECTION_MAX_STRING + 1];
    size_t i;
    for (i = 0; p->name[i] && i < NETRA_ELECTION_MAX_STRING; i++) {
        char c = p->name[i];
        lname[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c == '`' ? '\'' : c;
    }
    lname[i] = '\0';
    int err;
    if ((err = nt_buf_adds(b, "{\"id\": ")) < 0 || (err = jstr(b, p->id)) < 0 ||
        (err = nt_buf_addf(b, ", \"kind\": \"party\", \"ballot_number\": %d, \"names\": [", num)) <
            0 ||
        (err = jstr(b, p->name)) < 0 || (err = nt_buf_adds(b, "], \"aliases\": [")) < 0 ||
        (err = jstr(b, lname)) < 0)
        return err;
    const char *a = p->aliases;
    while (*a) {
        const char *e = strchr(a, ',');
        size_t l = e ? (size_t)(e - a) : strlen(a);
        char one[NETRA_ELECTION_MAX_STRING + 1];
        if (l > 0 && l <= NETRA_ELECTION_MAX_STRING) {
            memcpy(one, a, l);
            one[l] = '\0';
            if (strcmp(one, lname) != 0 &&
                ((err = nt_buf_adds(b, ", ")) < 0 || (err = jstr(b, one)) < 0))
                return err;
        }
        a += l + (e ? 1 : 0);
    }
    if ((err = nt_buf_adds(b, "], \"hashtags\": [], \"slogans\": [], \"parties\": [")) < 0 ||
        (err = jstr(b, p->id)) < 0 ||
        (err = nt_buf_adds(b, "], \"accounts\": [], \"gestures\": []}")) < 0)
        return err;
    return NETRA_OK;
}

static int cand_json(nt_buf *b, const imp *im, const cand *c)
{
    const char *pid = c->party ? im->parties[c->party].id : NULL;
    int err;
    if (pid != NULL)
        err =
            nt_buf_addf(b,
                        "{\"id\": \"%s-%s-%s-%d\", \"kind\": \"candidate\", \"ballot_number\": %d, "
                        "\"party\": \"%s\", ",
                        dct_level[c->level], c->dapil, pid, c->number, c->number, pid);
    else
        err = nt_buf_addf(b,
                          "{\"id\": \"%s-%s-%d\", \"kind\": \"candidate\", \"ballot_number\": %d, ",
                          dct_level[c->level], c->dapil, c->number, c->number);
    if (err < 0 ||
        (err = nt_buf_addf(b, "\"dapil\": \"%s\", \"level\": \"%s\", \"names\": [", c->dapil,
                           netra_leg_level_name((netra_leg_level)c->level))) < 0 ||
        (err = jstr(b, c->name)) < 0 || (err = nt_buf_adds(b, "], \"aliases\": [")) < 0)
        return err;
    const char *a = c->aliases;
    for (unsigned i = 0; i < c->n_aliases; i++) {
        if ((i > 0 && (err = nt_buf_adds(b, ", ")) < 0) || (err = jstr(b, a)) < 0)
            return err;
        a += strlen(a) + 1;
    }
    return nt_buf_adds(b, "]}");
}

static int write_json(char **json_out, size_t *len_out, imp *im)
{
    nt_buf b;
    int err;
    const char *sep = "\n    ";
    nt_buf_init(&b, NETRA_ELECTION_MAX_BYTES);
    if ((err = head(&b, im->o, im->path)) < 0)
        return err;
    for (int p = 1; p < MAX_PARTIES; p++) {
        if (!im->parties[p].used)
            continue;
        if ((err = nt_buf_adds(&b, sep)) < 0 || (err = party_json(&b, p, &im->parties[p])) < 0)
            return err;
        sep = ",\n    ";
        im->st.parties++;
    }
    for (size_t i = 0; i < im->cands.n; i++) {
        if ((err = nt_buf_adds(&b, sep)) < 0 ||
            (err = cand_json(&b, im, nt_vec_at(&im->cands, i))) < 0)
            return err;
        sep = ",\n    ";
    }
    im->st.candidates = im->cands.n;
    if ((err = nt_buf_adds(&b, "\n  ]\n}\n")) < 0)
        return err;
    *json_out = nt_buf_detach(&b, len_out);
    return *json_out ? NETRA_OK : NETRA_ENOMEM;
}

static int check_options(const netra_dct_options *o)
{
    if (o->version != NETRA_DCT_OPTIONS_VERSION)
        return nt_error_set(NETRA_EINVAL, "import-dct: options version %d, expected %d", o->version,
                            NETRA_DCT_OPTIONS_VERSION);
    const char *need[] = {o->id, o->name_id, o->name_en, o->law_election, o->office};
    const char *what[] = {"id", "name_id", "name_en", "law_election", "office"};
    for (size_t i = 0; i < 5; i++) {
        if (need[i] == NULL || need[i][0] == '\0')
            return nt_error_set(NETRA_EINVAL, "import-dct: %s is required", what[i]);
        if (strlen(need[i]) > NETRA_ELECTION_MAX_STRING || !text_ok(need[i], strlen(need[i])))
            return nt_error_set(NETRA_EINVAL, "import-dct: %s: text of at most %d bytes", what[i],
                                NETRA_ELECTION_MAX_STRING);
    }
    if (!is_id(o->id))
        return nt_error_set(NETRA_EINVAL,
                            "import-dct: id '%s': lowercase letters, digits and "
                            "'-' only",
                            o->id);
    if (o->source != NULL &&
        (o->source[0] == '\0' || strlen(o->source) > NETRA_ELECTION_MAX_STRING ||
         !text_ok(o->source, strlen(o->source))))
        return nt_error_set(NETRA_EINVAL, "import-dct: source: text of 1..%d bytes",
                            NETRA_ELECTION_MAX_STRING);
    return NETRA_OK;
}

int netra_election_import_dct(char **json_out, size_t *len_out, netra_dct_stats *stats_out,
                              const char *path, const netra_dct_options *opts)
{
    NT_ASSERT_ARG(json_out != NULL && path != NULL && opts != NULL);
    imp im;
    char *data = NULL;
    size_t len = 0;
    int err = check_options(opts);
    if (err < 0)
        return err;
    memset(&im, 0, sizeof im);
    im.o = opts;
    im.path = path;
    nt_arena_init(&im.arena, 1u << 20, 0);
    nt_map_init(&im.seen);
    nt_vec_init(&im.cands, sizeof(cand), NETRA_ELECTION_MAX_PILEG_CONTESTANTS);
    *json_out = NULL;
    if ((err = load_parties(&im)) < 0)
        goto done;
    if ((err = nt_file_read(&data, &len, path, NETRA_ELECTION_MAX_BYTES)) < 0)
        goto done;
    if ((err = read_rows(&im, data, len)) < 0)
        goto done;
    if (im.cands.n == 0) {
        err = nt_error_set(NETRA_EDATA,
                           "%s: no candidate to write (%zu rows, %zu rejected, %zu "
                           "of other levels)",
                           path, im.st.rows, im.st.rejected, im.st.skipped);
        goto done;
    }
    err = write_json(json_out, len_out, &im);
    if (err == NETRA_OK &&
        im.st.candidates + im.st.parties > NETRA_ELECTION_MAX_PILEG_CONTESTANTS) {
        nt_free(*json_out);
        *json_out = NULL;
        err = nt_error_set(NETRA_ETOOBIG, "%s: more than %d contestants", path,
                           NETRA_ELECTION_MAX_PILEG_CONTESTANTS);
    }
done:
    if (stats_out != NULL)
        *stats_out = im.st;
    nt_free(data);
    nt_vec_free(&im.cands);
    nt_map_free(&im.seen);
    nt_arena_free(&im.arena);
    return err;
}
