/*
 * election.c - loads and validates election files (docs/data/election.md) with jansson.
 *
 * Every value is checked for type, shape and limits; an error names the file and the
 * JSON path of the value ("pilpres-2024.json: contestants[1].ballot_number: 2 is used
 * twice"). Strings are copied into one arena. The contestants are parsed one at a time
 * from the text and each jansson tree is freed once read (see "the contestants" below), so
 * a file of 258,229 candidates never exists as one tree.
 *
 * A pileg file (kind "pileg") holds parties and candidates: parties are numbered among
 * parties, candidates within (level, dapil, party), so uniqueness is checked with hash maps
 * rather than against every earlier contestant; it holds up to
 * NETRA_ELECTION_MAX_PILEG_CONTESTANTS.
 *
 * Layering: election uses util and the public law API (for netra_election_check_law).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "util/util_int.h"
#include "netra/election.h"

struct netra_election_file {
    nt_arena arena;           /* strings, lists and records */
    netra_election_info info; /* the election */
};

typedef struct ctx {
    netra_election_file *f; /* being built */
    const char *name;       /* file name for messages */
    int pileg;              /* the file is of kind pileg */
    /* The JSON path of the value being read, formatted only when an error is reported:
     * contestants[ci].key[li]. */
    long ci;         /* contestant index, -1 outside the contestants */
    const char *key; /* field name, NULL for a whole contestant or the top */
    long li;         /* index in a list, -1 when not in one */
} ctx;

static int fail(ctx *c, const char *fmt, ...) NT_PRINTF(2, 3);

static int fail(ctx *c, const char *fmt, ...)
{
    char reason[320], path[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (n < 0)
        reason[0] = '\0';
    size_t pl = 0;
    path[0] = '\0';
    if (c->ci >= 0)
        pl += (size_t)snprintf(path, sizeof path, "contestants[%ld]%s", c->ci, c->key ? "." : "");
    if (c->key != NULL && pl < sizeof path)
        pl += (size_t)snprintf(path + pl, sizeof path - pl, "%s", c->key);
    if (c->li >= 0 && pl < sizeof path)
        snprintf(path + pl, sizeof path - pl, "[%ld]", c->li);
    return nt_error_set(NETRA_EDATA, "%s: %s: %s", c->name, path[0] ? path : "(top)", reason);
}

/* The value being read is field `key` of the current contestant (or of the top object). */
static void at(ctx *c, const char *key)
{
    c->key = key;
    c->li = -1;
}

/* The value being read is contestant `i` (-1: the top object), field `key` (may be NULL). */
static void at_k(ctx *c, long i, const char *key)
{
    c->ci = i;
    at(c, key);
}

/* A string value: valid UTF-8 (jansson guarantees it), no control characters, within the
 * length limit, non-empty unless allowed. */
static int get_str(const char **out, ctx *c, json_t *v, int empty_ok)
{
    if (!json_is_string(v))
        return fail(c, "must be a string");
    size_t len = json_string_length(v);
    const char *s = json_string_value(v);
    if (len == 0 && !empty_ok)
        return fail(c, "empty");
    if (len > NETRA_ELECTION_MAX_STRING)
        return fail(c, "longer than %d bytes", NETRA_ELECTION_MAX_STRING);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return fail(c, "control character at byte %zu", i + 1);
    char *p = nt_arena_strndup(&c->f->arena, s, len);
    if (p == NULL)
        return netra_error_last()->code;
    *out = p;
    return NETRA_OK;
}

static int get_field_str(const char **out, ctx *c, json_t *obj, const char *key, int empty_ok)
{
    at(c, key);
    json_t *v = json_object_get(obj, key);
    if (v == NULL)
        return fail(c, "missing");
    return get_str(out, c, v, empty_ok);
}

static int is_lower_id(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static int has_upper(const char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            return 1;
    return 0;
}

enum { L_ANY = 0, L_LOWER = 1, L_GESTURE = 2, L_HANDLE = 3 };

static const char *const no_items[1] = {NULL};

/* A list of strings; `need_one` > 0: at least one entry; < 0: may be left out (empty). */
static int get_list(netra_strlist *out, ctx *c, json_t *obj, const char *key, int rule,
                    int need_one)
{
    at(c, key);
    json_t *v = json_object_get(obj, key);
    if (v == NULL && need_one < 0) {
        out->items = no_items;
        out->n = 0;
        return NETRA_OK;
    }
    if (v == NULL)
        return fail(c, "missing (use [] when empty)");
    if (!json_is_array(v))
        return fail(c, "must be a list");
    size_t n = json_array_size(v);
    if (n > NETRA_ELECTION_MAX_LIST)
        return fail(c, "more than %d entries", NETRA_ELECTION_MAX_LIST);
    if (n == 0 && need_one > 0)
        return fail(c, "needs at least one entry");
    const char **items = nt_arena_alloc(&c->f->arena, (n ? n : 1) * sizeof(char *));
    if (items == NULL)
        return netra_error_last()->code;
    for (size_t i = 0; i < n; i++) {
        c->li = (long)i;
        int err = get_str(&items[i], c, json_array_get(v, i), 0);
        if (err < 0)
            return err;
        if (rule == L_LOWER && has_upper(items[i]))
            return fail(c, "'%s' must be lowercase", items[i]);
        if (rule == L_GESTURE && strcmp(items[i], "index") != 0 &&
            strcmp(items[i], "victory") != 0 && strcmp(items[i], "three") != 0)
            return fail(c, "'%s' is not index, victory or three", items[i]);
        if (rule == L_HANDLE && (items[i][0] == '@' || strchr(items[i], ' ') != NULL))
            return fail(c, "'%s': a handle without '@' or spaces", items[i]);
        for (size_t k = 0; k < i; k++)
            if (strcmp(items[k], items[i]) == 0)
                return fail(c, "'%s' is listed twice", items[i]);
    }
    out->items = items;
    out->n = n;
    return NETRA_OK;
}

static int check_keys(ctx *c, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int ok = 0;
        for (size_t i = 0; allowed[i] != NULL && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok)
            return fail(c, "unknown field '%s'", key);
    }
    return NETRA_OK;
}

/* The pileg fields of a contestant: a candidate of a pileg file has level and dapil, and a
 * party unless it stands for the DPD; no other contestant has any of them. */
static int parse_leg(ctx *c, netra_contestant *k, json_t *o)
{
    json_t *party = json_object_get(o, "party");
    json_t *dapil = json_object_get(o, "dapil");
    json_t *level = json_object_get(o, "level");
    const char *s;
    int err;
    if (!c->pileg || k->kind != NETRA_CONTESTANT_CANDIDATE) {
        const char *key = party ? "party" : dapil ? "dapil" : level ? "level" : NULL;
        if (key == NULL)
            return NETRA_OK;
        at(c, key);
        return fail(c, "only a candidate of a pileg file has %s", key);
    }
    at(c, "level");
    if (level == NULL)
        return fail(c, "missing (dpr, dpd, dprd_prov or dprd_kabkota)");
    if ((err = get_str(&s, c, level, 0)) < 0)
        return err;
    k->level = netra_leg_level_parse(s, strlen(s));
    if (k->level == NETRA_LEG_NONE || strcmp(s, netra_leg_level_name(k->level)) != 0)
        return fail(c, "'%s' is not dpr, dpd, dprd_prov or dprd_kabkota", s);
    at(c, "dapil");
    if (dapil == NULL)
        return fail(c, "missing");
    if ((err = get_str(&k->dapil, c, dapil, 0)) < 0)
        return err;
    if (!netra_leg_dapil_valid(k->level, k->dapil, strlen(k->dapil)))
        return fail(c, "'%s' is not a %s dapil code (%s)", k->dapil, s,
                    k->level == NETRA_LEG_DPR   ? "4 digits, like 1101"
                    : k->level == NETRA_LEG_DPD ? "the 2-digit province code, like 11"
                                                : "6 digits, like 110101");
    at(c, "party");
    if (k->level == NETRA_LEG_DPD) {
        if (party != NULL)
            return fail(c, "a DPD candidate stands without a party");
        return NETRA_OK;
    }
    if (party == NULL)
        return fail(c, "missing (the id of the candidate's party contestant)");
    return get_str(&k->party, c, party, 0);
}

/* "incumbent": {"office": "bupati", "region": "32.04"}: the office the contestant holds while
 * running (petahana). The office is an identifier (checked against data/org/authorities.tsv
 * where conflicts are computed); a regional office needs its Kemendagri code. */
static int parse_incumbent(ctx *c, netra_contestant *k, json_t *v)
{
    static const char *const keys[] = {"office", "region", NULL};
    static const char *const national[] = {"presiden",       "wakil_presiden",      "menteri",
                                           "kepala_lembaga", "sekretaris_jenderal", NULL};
    if (v == NULL)
        return NETRA_OK;
    at(c, "incumbent");
    if (!json_is_object(v))
        return fail(c, "must be an object {\"office\": ..., \"region\": ...}");
    int err = check_keys(c, v, keys);
    if (err < 0)
        return err;
    at(c, "incumbent.office");
    json_t *o = json_object_get(v, "office");
    if (o == NULL)
        return fail(c, "missing");
    if ((err = get_str(&k->incumbent_office, c, o, 0)) < 0)
        return err;
    for (const char *p = k->incumbent_office; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return fail(c, "'%s' is not an office id (a-z, _), like bupati or gubernur",
                        k->incumbent_office);
    int is_national = 0;
    for (size_t i = 0; national[i] != NULL; i++)
        is_national |= strcmp(k->incumbent_office, national[i]) == 0;
    at(c, "incumbent.region");
    json_t *r = json_object_get(v, "region");
    k->incumbent_region = "";
    if (r == NULL || json_is_null(r)) {
        if (!is_national)
            return fail(c, "missing: a %s governs a region (Kemendagri code)", k->incumbent_office);
        return NETRA_OK;
    }
    if ((err = get_str(&k->incumbent_region, c, r, 0)) < 0)
        return err;
    size_t digits = 0;
    for (const char *p = k->incumbent_region; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p != '.')
            return fail(c, "'%s' is not a Kemendagri code", k->incumbent_region);
    }
    if (digits != 2 && digits != 4)
        return fail(c, "'%s': the code of a province (PP) or kabupaten/kota (PP.KK)",
                    k->incumbent_region);
    return NETRA_OK;
}

static int parse_contestant(ctx *c, netra_contestant *k, json_t *o, size_t idx)
{
    static const char *const keys[] = {"id",       "kind",     "ballot_number", "names",
                                       "aliases",  "hashtags", "slogans",       "parties",
                                       "accounts", "gestures", "note",          "party",
                                       "dapil",    "level",    "incumbent",     NULL};
    int err;
    at_k(c, (long)idx, NULL);
    if (!json_is_object(o))
        return fail(c, "must be an object");
    if ((err = check_keys(c, o, keys)) < 0)
        return err;
    const char *kind;
    at(c, "id");
    json_t *v = json_object_get(o, "id");
    if (v == NULL)
        return fail(c, "missing");
    if ((err = get_str(&k->id, c, v, 0)) < 0)
        return err;
    at(c, "kind");
    if ((v = json_object_get(o, "kind")) == NULL)
        return fail(c, "missing");
    if ((err = get_str(&kind, c, v, 0)) < 0)
        return err;
    if (strcmp(kind, "pair") == 0)
        k->kind = NETRA_CONTESTANT_PAIR;
    else if (strcmp(kind, "candidate") == 0)
        k->kind = NETRA_CONTESTANT_CANDIDATE;
    else if (strcmp(kind, "party") == 0)
        k->kind = NETRA_CONTESTANT_PARTY;
    else
        return fail(c, "'%s' is not pair, candidate or party", kind);
    if (c->pileg && k->kind == NETRA_CONTESTANT_PAIR)
        return fail(c, "a pileg file holds parties and candidates, not pairs");
    at(c, "ballot_number");
    v = json_object_get(o, "ballot_number");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 99)
        return fail(c, "must be a whole number 1..99");
    k->ballot_number = (int)json_integer_value(v);
    /* The lists of a pileg candidate may be left out when empty: 258,229 of them would
     * otherwise carry five empty lists each. */
    int opt = c->pileg && k->kind == NETRA_CONTESTANT_CANDIDATE ? -1 : 0;
    if ((err = get_list(&k->names, c, o, "names", L_ANY, 1)) < 0 ||
        (err = get_list(&k->aliases, c, o, "aliases", L_LOWER, opt)) < 0 ||
        (err = get_list(&k->hashtags, c, o, "hashtags", L_HANDLE, opt)) < 0 ||
        (err = get_list(&k->slogans, c, o, "slogans", L_LOWER, opt)) < 0 ||
        (err = get_list(&k->parties, c, o, "parties", L_LOWER, opt)) < 0 ||
        (err = get_list(&k->accounts, c, o, "accounts", L_HANDLE, opt)) < 0 ||
        (err = get_list(&k->gestures, c, o, "gestures", L_GESTURE, opt)) < 0)
        return err;
    if (k->kind == NETRA_CONTESTANT_PAIR && k->names.n != 2) {
        at(c, "names");
        return fail(c, "a pair has two names, not %zu", k->names.n);
    }
    at(c, "note");
    v = json_object_get(o, "note");
    k->note = "";
    if (v != NULL && (err = get_str(&k->note, c, v, 1)) < 0)
        return err;
    if ((err = parse_incumbent(c, k, json_object_get(o, "incumbent"))) < 0)
        return err;
    return parse_leg(c, k, o);
}

/* Index + 1 of a contestant, stored as a map value. */
static void *idx_val(size_t i)
{
    return (void *)(uintptr_t)(i + 1);
}

static size_t val_idx(void *v)
{
    return (size_t)(uintptr_t)v - 1;
}

/* Ballot numbers of a pileg file: parties among parties; a candidate within its (level,
 * dapil, party), or (dpd, dapil) for the DPD; and a candidate's party must be a party
 * contestant of the file. `ids` maps contestant ids to indexes. O(n) expected. */
static int check_pileg(ctx *c, const netra_contestant *ks, size_t n, const nt_map *ids)
{
    nt_map seen;
    nt_arena keys;
    int err = NETRA_OK;
    int party_no[100] = {0}; /* index + 1 of the party holding each number */
    nt_map_init(&seen);
    nt_arena_init(&keys, 1u << 20, 0);
    for (size_t i = 0; i < n && err == NETRA_OK; i++) {
        const netra_contestant *k = &ks[i];
        if (k->kind == NETRA_CONTESTANT_PARTY) {
            if (party_no[k->ballot_number] != 0) {
                at_k(c, (long)i, "ballot_number");
                err = fail(c, "%d is used twice among the parties (contestants[%d])",
                           k->ballot_number, party_no[k->ballot_number] - 1);
            }
            party_no[k->ballot_number] = (int)i + 1;
            continue;
        }
        if (k->party != NULL) {
            void *p = nt_map_get(ids, k->party, strlen(k->party));
            if (p == NULL || ks[val_idx(p)].kind != NETRA_CONTESTANT_PARTY) {
                at_k(c, (long)i, "party");
                err = fail(c, "'%s' is not the id of a party contestant of the file", k->party);
                break;
            }
        }
        char key[NETRA_ELECTION_MAX_STRING * 2 + 32];
        int kl = snprintf(key, sizeof key, "%d\t%s\t%s\t%d", (int)k->level, k->dapil,
                          k->party ? k->party : "", k->ballot_number);
        char *kp = nt_arena_strndup(&keys, key, (size_t)kl);
        void *old = NULL;
        if (kp == NULL || (err = nt_map_put(&seen, kp, (size_t)kl, idx_val(i), &old)) < 0) {
            err = netra_error_last()->code;
            break;
        }
        if (old != NULL) {
            at_k(c, (long)i, "ballot_number");
            if (k->party != NULL)
                err = fail(c, "%d is used twice in %s dapil %s for %s (contestants[%zu])",
                           k->ballot_number, netra_leg_level_name(k->level), k->dapil, k->party,
                           val_idx(old));
            else
                err =
                    fail(c, "%d is used twice in %s dapil %s (contestants[%zu])", k->ballot_number,
                         netra_leg_level_name(k->level), k->dapil, val_idx(old));
        }
    }
    nt_map_free(&seen);
    nt_arena_free(&keys);
    return err;
}

/* The fields of the file other than its contestants. */
static int parse_head(ctx *c, json_t *root)
{
    static const char *const keys[] = {"format",      "id",           "kind",        "name_id",
                                       "name_en",     "law_election", "office",      "region",
                                       "voting_date", "sources",      "contestants", NULL};
    netra_election_info *e = &c->f->info;
    const char *kind, *date, *region;
    int err;
    at_k(c, -1, NULL);
    if (!json_is_object(root))
        return fail(c, "the file must hold one JSON object");
    if ((err = check_keys(c, root, keys)) < 0)
        return err;
    at(c, "format");
    json_t *v = json_object_get(root, "format");
    if (!json_is_integer(v) || json_integer_value(v) != 1)
        return fail(c, "must be 1 (the format this program reads)");
    if ((err = get_field_str(&e->id, c, root, "id", 0)) < 0)
        return err;
    if (!is_lower_id(e->id))
        return fail(c, "'%s': lowercase letters, digits and '-' only", e->id);
    if ((err = get_field_str(&kind, c, root, "kind", 0)) < 0)
        return err;
    static const char *const kinds[] = {
        "", "pilpres", "pileg", "pilkada_gubernur", "pilkada_bupati", "pilkada_walikota"};
    e->kind = 0;
    for (int i = 1; i <= 5; i++)
        if (strcmp(kind, kinds[i]) == 0)
            e->kind = (netra_election_kind)i;
    c->pileg = e->kind == NETRA_ELECTION_PILEG;
    if (e->kind == 0)
        return fail(c,
                    "'%s' is not pilpres, pileg, pilkada_gubernur, pilkada_bupati or "
                    "pilkada_walikota",
                    kind);
    if ((err = get_field_str(&e->name_id, c, root, "name_id", 0)) < 0 ||
        (err = get_field_str(&e->name_en, c, root, "name_en", 0)) < 0 ||
        (err = get_field_str(&e->law_election, c, root, "law_election", 0)) < 0 ||
        (err = get_field_str(&e->office, c, root, "office", 0)) < 0 ||
        (err = get_field_str(&date, c, root, "voting_date", 0)) < 0)
        return err;
    at(c, "voting_date");
    if (netra_date_parse(&e->voting_date, date, strlen(date)) < 0)
        return fail(c, "%s", netra_error_last()->msg);
    at(c, "region");
    v = json_object_get(root, "region");
    e->region = NULL;
    if (v == NULL)
        return fail(c, "missing (null for a national election)");
    if (!json_is_null(v)) {
        if ((err = get_str(&region, c, v, 0)) < 0)
            return err;
        size_t rl = strlen(region);
        int ok = rl == 2 || rl == 5 || rl == 8;
        for (size_t i = 0; i < rl && ok; i++)
            ok = (i % 3 == 2) ? region[i] == '.' : (region[i] >= '0' && region[i] <= '9');
        if (!ok)
            return fail(c, "'%s' is not a Kemendagri code like 31, 32.04 or 32.04.01", region);
        e->region = region;
    }
    if ((err = get_list(&e->sources, c, root, "sources", L_ANY, 1)) < 0)
        return err;
    at(c, "contestants");
    if (!json_is_array(json_object_get(root, "contestants")))
        return fail(c, "must be a list of at least one contestant");
    return NETRA_OK;
}

/* ---- the contestants, from a jansson array or read one by one from the text ---------------
 * A file of 258,229 candidates makes a jansson tree of about 500 MB. When the top-level
 * "contestants" list can be found in the text, the rest of the file is parsed with the list
 * emptied (newlines and the last line's width kept, so jansson's line and column still hold),
 * and each contestant is parsed on its own and freed once read. The scan below is only
 * structural (strings, nesting); jansson checks the syntax. When the scan does not find the
 * list, the whole file goes to jansson, as before. */

typedef struct source {
    json_t *array;    /* the list, when the whole file was parsed */
    const char *text; /* else: the file */
    size_t pos;       /* next byte of text, inside the list */
    size_t end;       /* offset of the list's closing ']' */
    int line;         /* line of text[pos], 1-based */
    int col;          /* column of text[pos] in characters, 1-based */
} source;

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && is_ws(s[i]))
        i++;
    return i;
}

/* Past the string that starts at s[i] ('"'); len + 1 when it does not end. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return len + 1;
}

/* Past the value that starts at s[i]; len + 1 when brackets or strings do not close.
 * `n_items` receives the number of items when the value is a list or object, else 0. */
static size_t skip_value(const char *s, size_t len, size_t i, size_t *n_items)
{
    *n_items = 0;
    if (i >= len)
        return len + 1;
    if (s[i] == '"')
        return skip_string(s, len, i);
    if (s[i] != '[' && s[i] != '{') {
        while (i < len && !is_ws(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']')
            i++;
        return i;
    }
    int depth = 0, empty = 1;
    size_t items = 0;
    for (; i < len; i++) {
        char ch = s[i];
        if (ch == '"') {
            empty &= depth != 1;
            size_t e = skip_string(s, len, i);
            if (e > len)
                return len + 1;
            i = e - 1;
        } else if (ch == '[' || ch == '{') {
            empty &= depth != 1;
            depth++;
        } else if (ch == ']' || ch == '}') {
            if (--depth == 0) {
                *n_items = empty ? 0 : items + 1;
                return i + 1;
            }
        } else if (ch == ',' && depth == 1) {
            items++;
        } else if (depth == 1 && !is_ws(ch)) {
            empty = 0;
        }
    }
    return len + 1;
}

/* Finds the top-level "contestants" list: [*start, *end] are its brackets. 0 when the text
 * is not a plain object holding such a list. */
static int find_list(const char *s, size_t len, size_t *start, size_t *end, size_t *n_items)
{
    size_t i = skip_ws(s, len, 0);
    if (i >= len || s[i] != '{')
        return 0;
    i = skip_ws(s, len, i + 1);
    while (i < len && s[i] == '"') {
        size_t k = i + 1, ke = skip_string(s, len, i);
        if (ke > len)
            return 0;
        i = skip_ws(s, len, ke);
        if (i >= len || s[i] != ':')
            return 0;
        i = skip_ws(s, len, i + 1);
        size_t vs = i, items;
        i = skip_value(s, len, i, &items);
        if (i > len)
            return 0;
        if (ke - k - 1 == 11 && memcmp(s + k, "contestants", 11) == 0 && s[vs] == '[' &&
            s[i - 1] == ']') {
            *start = vs;
            *end = i - 1;
            *n_items = items;
            return 1;
        }
        i = skip_ws(s, len, i);
        if (i >= len || s[i] != ',')
            return 0;
        i = skip_ws(s, len, i + 1);
    }
    return 0;
}

/* Moves src->line and src->col over text[from..to). */
static void advance(source *src, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (src->text[i] == '\n') {
            src->line++;
            src->col = 1;
        } else if (((unsigned char)src->text[i] & 0xc0) != 0x80) {
            src->col++;
        }
    }
}

/* A syntax error at text[p] in jansson's words: "']' expected near '{'". */
static int unexpected(ctx *c, const source *src, size_t p, const char *what)
{
    size_t n = 1;
    const char *t = src->text;
    if (t[p] != '{' && t[p] != '[' && t[p] != ']' && t[p] != '}' && t[p] != ',' && t[p] != ':')
        while (n < 20 && p + n < src->end && !is_ws(t[p + n]) && t[p + n] != ',' &&
               t[p + n] != ']' && t[p + n] != '}')
            n++;
    return nt_error_set(NETRA_EDATA, "%s:%d:%d: %s expected near '%.*s'", c->name, src->line,
                        src->col, what, (int)n, t + p);
}

/* Contestant i: borrowed from the array, or parsed from the text (*own set: decref it). */
static int next_item(ctx *c, source *src, size_t i, json_t **out, int *own)
{
    *own = 0;
    if (src->array != NULL) {
        *out = json_array_get(src->array, i);
        return NETRA_OK;
    }
    const char *t = src->text;
    size_t p = skip_ws(t, src->end, src->pos);
    if (i > 0) {
        if (p >= src->end || t[p] != ',') {
            advance(src, src->pos, p);
            return unexpected(c, src, p, "',' or ']'");
        }
        p = skip_ws(t, src->end, p + 1);
    }
    advance(src, src->pos, p);
    src->pos = p;
    json_error_t je;
    json_t *v = json_loadb(t + p, src->end + 1 - p,
                           JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
    if (v == NULL)
        return nt_error_set(NETRA_EDATA, "%s:%d:%d: %s", c->name, src->line + je.line - 1,
                            je.line == 1 ? src->col + je.column - 1 : je.column, je.text);
    advance(src, p, p + (size_t)je.position);
    src->pos = p + (size_t)je.position;
    *out = v;
    *own = 1;
    return NETRA_OK;
}

static int parse_list(ctx *c, source *src, size_t n)
{
    netra_election_info *e = &c->f->info;
    int err;
    at_k(c, -1, "contestants");
    if (n == 0)
        return fail(c, "must be a list of at least one contestant");
    size_t max = c->pileg ? NETRA_ELECTION_MAX_PILEG_CONTESTANTS : NETRA_ELECTION_MAX_CONTESTANTS;
    if (n > max)
        return fail(c, "more than %zu contestants in a %s file", max,
                    netra_election_kind_name(e->kind));
    netra_contestant *ks = nt_arena_alloc(&c->f->arena, n * sizeof *ks);
    if (ks == NULL)
        return netra_error_last()->code;
    memset(ks, 0, n * sizeof *ks);
    nt_map ids;
    nt_map_init(&ids);
    for (size_t i = 0; i < n; i++) {
        json_t *o = NULL;
        int own = 0;
        if ((err = next_item(c, src, i, &o, &own)) < 0)
            goto done;
        err = parse_contestant(c, &ks[i], o, i);
        if (own)
            json_decref(o);
        if (err < 0)
            goto done;
        void *old = NULL;
        if ((err = nt_map_put(&ids, ks[i].id, strlen(ks[i].id), idx_val(i), &old)) < 0)
            goto done;
        if (old != NULL) {
            at_k(c, (long)i, "id");
            err = fail(c, "'%s' is used twice (contestants[%zu])", ks[i].id, val_idx(old));
            goto done;
        }
        for (size_t j = 0; j < i && !c->pileg; j++) {
            if (ks[j].ballot_number == ks[i].ballot_number) {
                at_k(c, (long)i, "ballot_number");
                err = fail(c, "%d is used twice (contestants[%zu])", ks[i].ballot_number, j);
                goto done;
            }
        }
    }
    if (src->array == NULL) {
        size_t p = skip_ws(src->text, src->end, src->pos);
        if (p != src->end) {
            advance(src, src->pos, p);
            err = unexpected(c, src, p, "']'");
            goto done;
        }
    }
    if (c->pileg && (err = check_pileg(c, ks, n, &ids)) < 0)
        goto done;
    e->contestants = ks;
    e->n_contestants = n;
    err = NETRA_OK;
done:
    nt_map_free(&ids);
    return err;
}

/* The text with the contestants list emptied: "[", the list's newlines, as many spaces as
 * the characters before its "]" on the last line, "]". NULL on failure (error set). */
static char *without_list(const char *s, size_t len, size_t start, size_t end, size_t *len_out)
{
    size_t lines = 0, width = 0;
    for (size_t i = start + 1; i < end; i++) {
        if (s[i] == '\n') {
            lines++;
            width = 0;
        } else if (((unsigned char)s[i] & 0xc0) != 0x80) {
            width++;
        }
    }
    size_t n = (start + 1) + lines + width + (len - end);
    char *out = nt_malloc(n + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, s, start + 1);
    memset(out + start + 1, '\n', lines);
    memset(out + start + 1 + lines, ' ', width);
    memcpy(out + start + 1 + lines + width, s + end, len - end);
    out[n] = '\0';
    *len_out = n;
    return out;
}

static int parse(ctx *c, const char *json, size_t len)
{
    json_error_t je;
    size_t start, end, n = 0, hlen = len;
    source src;
    memset(&src, 0, sizeof src);
    char *head = NULL;
    int streamed = find_list(json, len, &start, &end, &n);
    if (streamed) {
        head = without_list(json, len, start, end, &hlen);
        if (head == NULL)
            return NETRA_ENOMEM;
    }
    json_t *root = json_loadb(streamed ? head : json, hlen, JSON_REJECT_DUPLICATES, &je);
    nt_free(head);
    if (root == NULL && streamed) {
        /* A broken string can fool the scan; let jansson read the whole text and say where. */
        streamed = 0;
        root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    }
    if (root == NULL)
        return nt_error_set(NETRA_EDATA, "%s:%d:%d: %s", c->name, je.line, je.column, je.text);
    int err = parse_head(c, root);
    if (err == NETRA_OK) {
        if (streamed) {
            src.text = json;
            src.pos = start + 1;
            src.end = end;
            src.line = 1;
            src.col = 1;
            advance(&src, 0, start + 1);
        } else {
            src.array = json_object_get(root, "contestants");
            n = json_array_size(src.array);
        }
        err = parse_list(c, &src, n);
    }
    json_decref(root);
    return err;
}

int netra_election_parse(netra_election_file **out, const char *json, size_t len, const char *name)
{
    NT_ASSERT_ARG(out != NULL && (json != NULL || len == 0));
    ctx c;
    memset(&c, 0, sizeof c);
    c.name = name ? name : "<election>";
    if (len > NETRA_ELECTION_MAX_BYTES)
        return nt_error_set(NETRA_ETOOBIG, "%s: larger than %u bytes", c.name,
                            NETRA_ELECTION_MAX_BYTES);
    c.f = nt_calloc(1, sizeof *c.f);
    if (c.f == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&c.f->arena, 16384, 0);
    int err = parse(&c, json ? json : "", len);
    if (err < 0) {
        netra_election_free(c.f);
        return err;
    }
    *out = c.f;
    return NETRA_OK;
}

int netra_election_load(netra_election_file **out, const char *path)
{
    char *data;
    size_t len;
    int err = nt_file_read(&data, &len, path, NETRA_ELECTION_MAX_BYTES);
    if (err < 0)
        return err;
    const char *base = strrchr(path, '/');
    err = netra_election_parse(out, data, len, base ? base + 1 : path);
    nt_free(data);
    return err;
}

void netra_election_free(netra_election_file *file)
{
    if (file == NULL)
        return;
    nt_arena_free(&file->arena);
    nt_free(file);
}

const netra_election_info *netra_election_get(const netra_election_file *file)
{
    return &file->info;
}

const char *netra_election_kind_name(netra_election_kind kind)
{
    switch (kind) {
    case NETRA_ELECTION_PILPRES:
        return "pilpres";
    case NETRA_ELECTION_PILEG:
        return "pileg";
    case NETRA_ELECTION_PILKADA_GUBERNUR:
        return "pilkada_gubernur";
    case NETRA_ELECTION_PILKADA_BUPATI:
        return "pilkada_bupati";
    case NETRA_ELECTION_PILKADA_WALIKOTA:
        return "pilkada_walikota";
    default:
        return "?";
    }
}

int netra_election_check_law(const netra_election_file *file, const netra_law *law)
{
    const netra_election_info *e = &file->info;
    const netra_election *le = netra_law_election(law, e->law_election);
    if (le == NULL)
        return nt_error_set(NETRA_EDATA, "%s: law_election: '%s' is not in data/law/elections.tsv",
                            e->id, e->law_election);
    if (netra_law_designation(law, le, e->office) == NULL)
        return nt_error_set(NETRA_EDATA, "%s: office: %s", e->id, netra_error_last()->msg);
    if (le->voting_date != e->voting_date) {
        char a[NETRA_DATE_STRLEN], b[NETRA_DATE_STRLEN];
        return nt_error_set(NETRA_EDATA, "%s: voting_date: %s, but %s votes on %s", e->id,
                            netra_date_format(e->voting_date, a), le->id,
                            netra_date_format(le->voting_date, b));
    }
    return NETRA_OK;
}

const char *netra_leg_level_name(netra_leg_level level)
{
    switch (level) {
    case NETRA_LEG_DPR:
        return "dpr";
    case NETRA_LEG_DPD:
        return "dpd";
    case NETRA_LEG_DPRD_PROV:
        return "dprd_prov";
    case NETRA_LEG_DPRD_KABKOTA:
        return "dprd_kabkota";
    default:
        return "?";
    }
}

netra_leg_level netra_leg_level_parse(const char *s, size_t len)
{
    static const struct {
        const char *name;
        netra_leg_level level;
    } names[] = {{"dpr", NETRA_LEG_DPR},
                 {"dpd", NETRA_LEG_DPD},
                 {"dprd_prov", NETRA_LEG_DPRD_PROV},
                 {"dprdprov", NETRA_LEG_DPRD_PROV},
                 {"dprd_kabkota", NETRA_LEG_DPRD_KABKOTA},
                 {"dprdkk", NETRA_LEG_DPRD_KABKOTA}};
    if (s == NULL)
        return NETRA_LEG_NONE;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (nt_str_eq(s, len, names[i].name))
            return names[i].level;
    return NETRA_LEG_NONE;
}

int netra_leg_dapil_valid(netra_leg_level level, const char *dapil, size_t len)
{
    size_t want = level == NETRA_LEG_DPR                                            ? 4
                  : level == NETRA_LEG_DPD                                          ? 2
                  : level == NETRA_LEG_DPRD_PROV || level == NETRA_LEG_DPRD_KABKOTA ? 6
                                                                                    : 0;
    if (dapil == NULL || want == 0 || len != want)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (dapil[i] < '0' || dapil[i] > '9')
            return 0;
    return dapil[0] != '0' && !(dapil[0] == '1' && dapil[1] == '0');
}

void netra_election_text_free(char *text)
{
    nt_free(text);
}
