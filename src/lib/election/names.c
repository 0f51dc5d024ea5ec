/*
 * names.c - turns candidate names as KPU prints them ("Dr. H. IRMAWAN, S.Sos., M.M.") into
 * the lowercase aliases people write ("irmawan"). Titles are recognised from fixed word
 * lists (below) by their letters, with or without dots: "Dr.", "DR", "Dr.H." and "K.H." are
 * all titles. What follows the first comma of the name is degrees and is dropped; degrees
 * written without a comma are dropped from the end of the name.
 *
 * The rules were checked against the 258,229 names of the 2024 DCT (docs/data/election.md).
 * Layering: util only.
 */
#include <string.h>

#include "util/util_int.h"
#include "election/election_int.h"

/* Leading words dropped from a name: religious and academic titles, military and police
 * ranks with their branch, and the retirement mark. Compared with the dots removed. */
static const char *const titles[] = {
    /* religious */
    "h", "hj", "hjh", "hi", "haji", "hajjah", "kh", "kyai", "kiai", "ust", "ustad", "ustadz",
    "ustadzah", "ustazah", "tgh", "pdt", "ev",
    /* academic and professional */
    "dr", "drs", "dra", "drg", "drh", "ir", "prof", "asc", "phil", "dipl", "ing", "ec", "ns", "apt",
    "adv", "capt", "ny", "hc",
    /* retirement and service */
    "purn", "purnawirawan", "tni", "pol", "polri", NULL};

/* Military and police ranks: titles, after which grade and corps words are titles too. */
static const char *const ranks[] = {
    "jenderal", "jend",   "letjen",  "mayjen",    "brigjen", "kolonel", "kol",     "letkol",
    "mayor",    "kapten", "lettu",   "letda",     "serma",   "serka",   "sertu",   "serda",
    "peltu",    "pelda",  "kopral",  "koptu",     "kopka",   "praka",   "pratu",   "prada",
    "komjen",   "irjen",  "kombes",  "kombespol", "akbp",    "akp",     "kompol",  "iptu",
    "ipda",     "aiptu",  "aipda",   "bripka",    "brigpol", "briptu",  "bripda",  "laksamana",
    "laksma",   "laksda", "laksdya", "marsekal",  "marsma",  "marsda",  "marsdya", NULL};

/* Grade and corps words, titles only after a rank ("Laksamana Madya", "Kol. Inf."): alone
 * they are given names ("MUDA MARIA", "ART HAROLD"). */
static const char *const rank_tails[] = {"madya", "muda", "pertama", "inf",   "kav",  "arm", "art",
                                         "czi",   "cpm",  "cpl",     "cba",   "chb",  "ckm", "pnb",
                                         "mar",   "tni",  "pol",     "polri", "purn", NULL};

/* Leading words people also leave out, though they belong to how a person is known: the
 * name is given with and without them. Andi and Made are given names too often to be here. */
static const char *const honorifics[] = {
    "tgk",   "teungku", "tengku",   "teuku", "cut",   "tgb",   "raden",  "rd",    "rr",
    "rm",    "ra",      "krt",      "kmt",   "tb",    "kms",   "mgs",    "kgs",   "dt",
    "datuk", "datu",    "dg",       "daeng", "habib", "syekh", "syeikh", "syech", "syaikh",
    "gusti", "gst",     "pangeran", "gus",   "buya",  "abuya", "nyai",   NULL};

/* Degrees written without dots or with them, dropped from the end of a name. */
static const char *const degrees[] = {
    "se",   "sh",  "st",    "sp",    "spd",  "spdi", "skm",  "mm",   "mh",   "msi",  "mpd",
    "mpdi", "sip", "ssos",  "ssosi", "mt",   "mba",  "ma",   "lc",   "amd",  "amk",  "sag",
    "shi",  "sei", "ssi",   "skom",  "ners", "ba",   "bsc",  "msc",  "phd",  "sab",  "sap",
    "map",  "sst", "ss",    "me",    "mkes", "mag",  "sthi", "sked", "skep", "sth",  "spt",
    "ak",   "cpa", "ca",    "mars",  "mkn",  "mkom", "mhum", "spsi", "ssy",  "shut", "sfarm",
    "ssit", "mi",  "mikom", "mip",   "mkm",  "msm",  NULL};

/* First dotted part of a degree like "S.Pd.I" or "A.Md.Keb". */
static const char *const degree_heads[] = {"s", "m", "b", "d", "dr", "ph", "sp", "bc", "ak", NULL};

typedef struct tok {
    char *s;    /* the word, not NUL-terminated */
    size_t len; /* its length */
    int comma;  /* a comma follows it */
} tok;

#define MAX_TOKS  64
#define MAX_PAREN 2

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The lowercase letters of s[0..len) without dots into key; 0 when something else than
 * letters and dots is there or it is too long. */
static size_t key_of(char *key, size_t cap, const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.')
            continue;
        if (!is_alpha(s[i]) || k + 1 >= cap)
            return 0;
        key[k++] = nt_ascii_lower(s[i]);
    }
    key[k] = '\0';
    return k;
}

static int in_list(const char *const *list, const char *key)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

static int word_in(const char *const *list, const char *s, size_t len)
{
    char key[32];
    return key_of(key, sizeof key, s, len) > 0 && in_list(list, key);
}

enum { W_NAME = 0, W_TITLE, W_RANK, W_HONORIFIC, W_PARTIAL };

/* How a leading word reads. W_PARTIAL: dotted title parts start it ("H.M.", "Hj.SITI"); *skip
 * is then how many bytes they take. */
static int classify(const tok *t, size_t *skip, int after_rank)
{
    if (word_in(ranks, t->s, t->len) || (after_rank && word_in(rank_tails, t->s, t->len)))
        return W_RANK;
    if (word_in(titles, t->s, t->len))
        return W_TITLE;
    if (word_in(honorifics, t->s, t->len))
        return W_HONORIFIC;
    size_t i = 0, last = 0;
    int n_title = 0;
    while (i < t->len) {
        size_t j = i;
        while (j < t->len && t->s[j] != '.')
            j++;
        if (!word_in(titles, t->s + i, j - i))
            break;
        n_title++;
        i = j + 1;
        last = i < t->len ? i : t->len;
    }
    if (n_title == 0)
        return W_NAME;
    if (last >= t->len)
        return W_TITLE;
    *skip = last;
    return W_PARTIAL;
}

/* A degree at the end of a name: a listed one ("SE", "S.H.", "S.Pd.I.") or dotted parts
 * after a degree head written in degree case, short and not all capitals ("S.Tr.Keb",
 * "A.Md.Kep", "M.I.Pol"). "M.ARIF", "D.UMAR" and "S.R." are names and initials. */
static int is_degree(const tok *t)
{
    if (word_in(degrees, t->s, t->len))
        return 1;
    char part[8];
    size_t i = 0, n = 0;
    int head_a = 0, lower_seen = 0;
    while (i < t->len) {
        size_t j = i;
        while (j < t->len && t->s[j] != '.')
            j++;
        if (j == i || j - i > 4 || key_of(part, sizeof part, t->s + i, j - i) == 0)
            return 0;
        if (n == 0) {
            head_a = strcmp(part, "a") == 0;
            if (!head_a && !in_list(degree_heads, part))
                return 0;
        } else {
            int upper = 0;
            for (size_t k = i; k < j; k++) {
                upper += t->s[k] >= 'A' && t->s[k] <= 'Z';
                lower_seen |= t->s[k] >= 'a' && t->s[k] <= 'z';
            }
            if (upper > 1)
                return 0;
        }
        if (n == 1 && head_a && part[0] != 'm')
            return 0; /* "A.R." is initials; "A.Md" and "A.Ma" are degrees */
        n++;
        i = j + 1;
    }
    return n >= 2 && lower_seen;
}

/* Appends a lowercase word to the alias being built in out->buf at *pos. */
static void put_word(nt_name_aliases *out, size_t *pos, const char *s, size_t len, int space)
{
    if (space && *pos + 1 < sizeof out->buf)
        out->buf[(*pos)++] = ' ';
    for (size_t i = 0; i < len && *pos + 1 < sizeof out->buf; i++)
        out->buf[(*pos)++] = nt_ascii_lower(s[i]);
}

/* Closes the alias that starts at `start`; keeps it unless it is empty or already there. */
static void end_alias(nt_name_aliases *out, size_t *pos, size_t start)
{
    if (*pos >= sizeof out->buf - 1)
        *pos = sizeof out->buf - 1; /* cannot happen: aliases are parts of a bounded name */
    out->buf[*pos] = '\0';
    const char *a = out->buf + start;
    int keep = *pos > start && out->n < NT_NAME_MAX_ALIASES;
    for (size_t i = 0; i < out->n && keep; i++)
        keep = strcmp(out->items[i], a) != 0;
    if (!keep) {
        *pos = start;
        return;
    }
    out->items[out->n++] = a;
    (*pos)++;
}

/* Splits w into words at spaces and commas; words of punctuation only are dropped (their
 * comma passes to the word before). */
static size_t split_words(tok *toks, char *w)
{
    size_t n = 0;
    char *p = w;
    while (*p) {
        while (*p == ' ')
            p++;
        if (*p == ',') {
            if (n > 0)
                toks[n - 1].comma = 1;
            p++;
            continue;
        }
        if (*p == '\0')
            break;
        char *s = p;
        int letters = 0;
        while (*p && *p != ' ' && *p != ',') {
            letters |= *p != '.' && *p != '-' && *p != '\'' && *p != '/' && *p != '&';
            p++;
        }
        if (!letters || n == MAX_TOKS)
            continue;
        toks[n].s = s;
        toks[n].len = (size_t)(p - s);
        toks[n].comma = 0;
        n++;
    }
    return n;
}

int nt_election_name_aliases(nt_name_aliases *out, const char *name, size_t len)
{
    char w[NETRA_ELECTION_MAX_STRING + 1];
    char paren[MAX_PAREN][NETRA_ELECTION_MAX_STRING + 1];
    size_t n_paren = 0, wl = 0;
    tok toks[MAX_TOKS];
    out->n = 0;
    if (len > NETRA_ELECTION_MAX_STRING)
        return nt_error_set(NETRA_EDATA, "name longer than %d bytes", NETRA_ELECTION_MAX_STRING);
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if ((unsigned char)c < 0x20 || c == 0x7f)
            return nt_error_set(NETRA_EDATA, "control character in the name at byte %zu", i + 1);
        if (c == '(') {
            const char *close = memchr(name + i, ')', len - i);
            if (close != NULL && n_paren < MAX_PAREN) {
                size_t pl = (size_t)(close - name) - i - 1;
                memcpy(paren[n_paren], name + i + 1, pl);
                paren[n_paren++][pl] = '\0';
                i = (size_t)(close - name);
            }
            c = ' ';
        } else if (c == ')') {
            c = ' ';
        } else if (c == '`') {
            c = '\'';
        }
        w[wl++] = c;
    }
    w[wl] = '\0';
    size_t n = split_words(toks, w);

    /* Leading titles, and one honorific among them. */
    size_t i = 0, skip = 0;
    long hon = -1;
    int after_rank = 0;
    while (i < n) {
        int k = classify(&toks[i], &skip, after_rank);
        /* "Drs. HAJI, M.M.": a title word that the degrees follow is the name. */
        int abbrev = toks[i].len <= 3 || toks[i].s[toks[i].len - 1] == '.';
        if ((k == W_TITLE || k == W_RANK) && i + 1 < n && (!toks[i].comma || abbrev)) {
            after_rank = k == W_RANK;
            i++;
        } else if (k == W_HONORIFIC && hon < 0 && i + 1 < n && !toks[i].comma) {
            hon = (long)i++;
        } else if (k == W_PARTIAL) {
            toks[i].s += skip; /* "Drs.K.H." leaves "K.H.", read again */
            toks[i].len -= skip;
        } else {
            break;
        }
    }
    /* The name runs to the first comma; degrees follow it or end it. */
    size_t first = i, end = i;
    while (end < n) {
        if (toks[end++].comma)
            break;
    }
    while (end > first + 1 && is_degree(&toks[end - 1]))
        end--;
    /* A title word alone is the name ("LAKSAMANA" stands for election); an abbreviation
     * alone ("H.", "DR") is not one. */
    if (end == first || (end == first + 1 && classify(&toks[first], &skip, 0) >= W_TITLE &&
                         classify(&toks[first], &skip, 0) <= W_RANK &&
                         (toks[first].len <= 3 || toks[first].s[toks[first].len - 1] == '.')))
        return nt_error_set(NETRA_EDATA, "no name left once titles and degrees are removed");
    if (end == first + 1 && is_degree(&toks[first]) && memchr(toks[first].s, '.', toks[first].len))
        return nt_error_set(NETRA_EDATA, "only a degree, no name");

    size_t pos = 0, start = 0;
    if (hon >= 0) {
        put_word(out, &pos, toks[hon].s, toks[hon].len, 0);
        for (size_t t = first; t < end; t++)
            put_word(out, &pos, toks[t].s, toks[t].len, 1);
        end_alias(out, &pos, start);
        start = pos;
    }
    for (size_t t = first; t < end; t++)
        put_word(out, &pos, toks[t].s, toks[t].len, t > first);
    end_alias(out, &pos, start);
    for (size_t p = 0; p < n_paren; p++) {
        tok pt[MAX_TOKS];
        size_t pn = split_words(pt, paren[p]);
        if (pn == 0 || (pn == 1 && word_in(titles, pt[0].s, pt[0].len)))
            continue;
        start = pos;
        for (size_t t = 0; t < pn; t++)
            put_word(out, &pos, pt[t].s, pt[t].len, t > 0);
        end_alias(out, &pos, start);
    }
    return NETRA_OK;
}
