/*
 * item_ref.c - the item parser as it was before the one-pass reader (docs/internals/item.md):
 * the whole line as a tree (a copy of the general reader), members found by name. Kept as the
 * reference the unit test and the fuzz target compare netra_item_parse() with: the same
 * fields, the same error code and message for every line. The JSON reader below is a copy
 * of the library's general reader as it was then, so that the reference shares no code
 * with the reader it checks.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "item/item_int.h"
#include "item_ref.h"

/* A JSON value of the tree. Children of arrays and objects are a linked list in order. */
typedef struct nt_jv {
    nt_jv_type type;
    const char *key;     /* member name inside an object, else NULL */
    size_t klen;         /* its length */
    const char *s;       /* strings: unescaped, NUL-terminated; numbers: as written */
    size_t len;          /* length of s */
    struct nt_jv *first; /* first child of an array or object */
    struct nt_jv *next;  /* next sibling */
    size_t n;            /* number of children */
} nt_jv;

typedef struct jp {
    const char *start; /* the line */
    const char *p;     /* next byte */
    const char *end;   /* one past the last byte */
    nt_arena *a;       /* where nodes and strings go */
    size_t max_str;    /* longest string accepted */
    int max_depth;     /* deepest nesting accepted */
} jp;

static int jfail(const jp *j, int code, const char *what)
{
    return nt_error_set(code, "byte %zu: %s", (size_t)(j->p - j->start) + 1, what);
}

static void skip_ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_hex4(jp *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return jfail(j, NETRA_EINVAL, "\\u needs four hex digits");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)j->p[i]);
        if (h < 0) {
            j->p += i;
            return jfail(j, NETRA_EINVAL, "\\u needs four hex digits");
        }
        v = v << 4 | (unsigned)h;
    }
    j->p += 4;
    *out = v;
    return NETRA_OK;
}

/* At the opening quote. The unescaped string is never longer than the escaped one, so one
 * allocation of the raw length suffices. */
static int read_string(jp *j, const char **out, size_t *len_out)
{
    const char *q = ++j->p; /* after the quote */
    /* Fast scan for the closing quote when there are no escapes: 16 bytes at a time while
     * 16 remain in the line, then byte by byte. */
#if defined(__SSE2__)
    while (j->end - q >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
        /* a control byte (< 0x20) is its own minimum with 0x1f */
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                                    ctl);
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m != 0) {
            q += __builtin_ctz(m);
            break;
        }
        q += 16;
    }
#endif
    while (q < j->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
        q++;
    if (q < j->end && *q == '"') {
        size_t n = (size_t)(q - j->p);
        if (n > j->max_str)
            return jfail(j, NETRA_ETOOBIG, "string longer than its limit");
        char *s = nt_arena_strndup(j->a, j->p, n);
        if (s == NULL)
            return netra_error_last()->code;
        *out = s;
        *len_out = n;
        j->p = q + 1;
        return NETRA_OK;
    }
    /* Slow path: find the end first to size the buffer. */
    const char *e = q;
    while (e < j->end && *e != '"') {
        if (*e == '\\')
            e++;
        e++;
    }
    if (e >= j->end) {
        j->p = j->end;
        return jfail(j, NETRA_EINVAL, "unterminated string");
    }
    char *s = nt_arena_alloc(j->a, (size_t)(e - j->p) + 1);
    if (s == NULL)
        return netra_error_last()->code;
    size_t n = 0;
    while (*j->p != '"') {
        unsigned char c = (unsigned char)*j->p;
        if (c < 0x20)
            return jfail(j, NETRA_EINVAL, "control character in a string (escape it)");
        if (c != '\\') {
            s[n++] = (char)c;
            j->p++;
        } else {
            j->p++;
            char x = *j->p++;
            switch (x) {
            case '"':
                s[n++] = '"';
                break;
            case '\\':
                s[n++] = '\\';
                break;
            case '/':
                s[n++] = '/';
                break;
            case 'b':
                s[n++] = '\b';
                break;
            case 'f':
                s[n++] = '\f';
                break;
            case 'n':
                s[n++] = '\n';
                break;
            case 'r':
                s[n++] = '\r';
                break;
            case 't':
                s[n++] = '\t';
                break;
            case 'u': {
                unsigned cp;
                int rc = read_hex4(j, &cp);
                if (rc)
                    return rc;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                        const char *save = j->p;
                        j->p += 2;
                        if ((rc = read_hex4(j, &lo)))
                            return rc;
                        if (lo >= 0xDC00 && lo <= 0xDFFF)
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        else {
                            cp = 0xFFFD;
                            j->p = save;
                        }
                    } else
                        cp = 0xFFFD;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF)
                    cp = 0xFFFD;
                /* \u0000 would cut C strings short: it becomes U+FFFD. */
                if (cp == 0)
                    cp = 0xFFFD;
                n += nt_utf8_put(s + n, cp);
                break;
            }
            default:
                j->p--;
                return jfail(j, NETRA_EINVAL, "unknown escape");
            }
        }
        if (n > j->max_str)
            return jfail(j, NETRA_ETOOBIG, "string longer than its limit");
    }
    j->p++;
    s[n] = '\0';
    *out = s;
    *len_out = n;
    return NETRA_OK;
}

static int read_number(jp *j, nt_jv *v)
{
    const char *b = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
        return jfail(j, NETRA_EINVAL, "expected a value");
    if (*j->p == '0')
        j->p++;
    else
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
            return jfail(j, NETRA_EINVAL, "digit expected after '.'");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
            return jfail(j, NETRA_EINVAL, "digit expected in the exponent");
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    }
    if ((size_t)(j->p - b) > 64)
        return jfail(j, NETRA_ETOOBIG, "number longer than 64 characters");
    v->type = NT_JV_NUMBER;
    v->s = b;
    v->len = (size_t)(j->p - b);
    return NETRA_OK;
}

static int read_word(jp *j, const char *w, size_t n)
{
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
        return jfail(j, NETRA_EINVAL, "expected a value");
    j->p += n;
    return NETRA_OK;
}

static int read_value(jp *j, nt_jv *v, int depth);

static int read_container(jp *j, nt_jv *v, int depth, int is_obj)
{
    if (depth >= j->max_depth)
        return jfail(j, NETRA_ETOOBIG, "nested deeper than its limit");
    v->type = is_obj ? NT_JV_OBJECT : NT_JV_ARRAY;
    v->first = NULL;
    v->n = 0;
    nt_jv **tail = &v->first;
    char close = is_obj ? '}' : ']';
    j->p++;
    skip_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return NETRA_OK;
    }
    for (;;) {
        nt_jv *child = nt_arena_alloc(j->a, sizeof *child);
        if (child == NULL)
            return netra_error_last()->code;
        memset(child, 0, sizeof *child);
        skip_ws(j);
        if (is_obj) {
            if (j->p >= j->end || *j->p != '"')
                return jfail(j, NETRA_EINVAL, "expected a key in quotes");
            int rc = read_string(j, &child->key, &child->klen);
            if (rc)
                return rc;
            skip_ws(j);
            if (j->p >= j->end || *j->p != ':')
                return jfail(j, NETRA_EINVAL, "expected ':'");
            j->p++;
            skip_ws(j);
        }
        int rc = read_value(j, child, depth + 1);
        if (rc)
            return rc;
        *tail = child;
        tail = &child->next;
        v->n++;
        skip_ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return NETRA_OK;
        }
        if (j->p >= j->end)
            return jfail(j, NETRA_EINVAL, "unexpected end of line");
        return jfail(j, NETRA_EINVAL, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int read_value(jp *j, nt_jv *v, int depth)
{
    if (j->p >= j->end)
        return jfail(j, NETRA_EINVAL, "unexpected end of line");
    switch (*j->p) {
    case '{':
        return read_container(j, v, depth, 1);
    case '[':
        return read_container(j, v, depth, 0);
    case '"':
        v->type = NT_JV_STRING;
        return read_string(j, &v->s, &v->len);
    case 't':
        v->type = NT_JV_TRUE;
        return read_word(j, "true", 4);
    case 'f':
        v->type = NT_JV_FALSE;
        return read_word(j, "false", 5);
    case 'n':
        v->type = NT_JV_NULL;
        return read_word(j, "null", 4);
    default:
        return read_number(j, v);
    }
}

static int ref_json_parse(nt_jv **out, const char *text, size_t len, size_t max_str, int max_depth,
                          nt_arena *a)
{
    jp j = {text, text, text + len, a, max_str, max_depth};
    nt_jv *root = nt_arena_alloc(a, sizeof *root);
    if (root == NULL)
        return netra_error_last()->code;
    memset(root, 0, sizeof *root);
    skip_ws(&j);
    if (j.p >= j.end)
        return jfail(&j, NETRA_EINVAL, "empty line");
    int rc = read_value(&j, root, 0);
    if (rc)
        return rc;
    skip_ws(&j);
    if (j.p < j.end)
        return jfail(&j, NETRA_EINVAL, "text after the JSON value");
    *out = root;
    return NETRA_OK;
}

static const nt_jv *ref_jv_get(const nt_jv *obj, const char *key)
{
    if (obj == NULL || obj->type != NT_JV_OBJECT)
        return NULL;
    size_t kl = strlen(key);
    const nt_jv *found = NULL;
    /* The last of duplicate keys wins, as in most readers. */
    for (const nt_jv *c = obj->first; c; c = c->next)
        if (c->klen == kl && memcmp(c->key, key, kl) == 0)
            found = c;
    return found;
}

static const char *const platforms[] = {
    "x", "facebook", "instagram", "tiktok", "youtube", "whatsapp", "telegram", "other", NULL,
};

static int field_fail(int code, const char *field, const char *reason)
{
    return nt_error_set(code, "%s: %s", field, reason);
}

/* An optional string member: absent or null leaves *out empty. */
static int opt_str(netra_str *out, const nt_jv *obj, const char *key, const char *field, size_t max)
{
    out->s = "";
    out->len = 0;
    const nt_jv *v = ref_jv_get(obj, key);
    if (v == NULL || v->type == NT_JV_NULL)
        return NETRA_OK;
    if (v->type != NT_JV_STRING)
        return nt_error_set(NETRA_EINVAL, "%s: must be a string, not %s", field,
                            nt_jv_type_name(v->type));
    if (v->len > max)
        return nt_error_set(NETRA_ETOOBIG, "%s: longer than %zu bytes", field, max);
    out->s = v->s;
    out->len = v->len;
    return NETRA_OK;
}

static int req_str(netra_str *out, const nt_jv *obj, const char *key, const char *field, size_t max)
{
    const nt_jv *v = ref_jv_get(obj, key);
    if (v == NULL || v->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, field, "missing");
    int rc = opt_str(out, obj, key, field, max);
    if (rc)
        return rc;
    if (out->len == 0)
        return field_fail(NETRA_EINVAL, field, "empty");
    return NETRA_OK;
}

/* created_at: YYYY-MM-DD, optionally followed by T or a space, hh:mm[:ss[.frac]] and an
 * offset (Z or +hh:mm). The date as written is the day of the act. */
static int parse_created(netra_date *out, const netra_str *s)
{
    const char *p = s->s;
    size_t n = s->len;
    if (n < 10 || netra_date_parse(out, p, 10) != NETRA_OK)
        return field_fail(NETRA_EINVAL, "created_at", "expected YYYY-MM-DD or an RFC 3339 time");
    if (n == 10)
        return NETRA_OK;
    size_t i = 10;
    if (p[i] != 'T' && p[i] != 't' && p[i] != ' ')
        return field_fail(NETRA_EINVAL, "created_at", "expected 'T' after the date");
    i++;
#define DIG(k) (i + (k) < n && p[i + (k)] >= '0' && p[i + (k)] <= '9')
    if (!(DIG(0) && DIG(1) && i + 2 < n && p[i + 2] == ':' && DIG(3) && DIG(4)))
        return field_fail(NETRA_EINVAL, "created_at", "expected hh:mm after the date");
    int hh = (p[i] - '0') * 10 + (p[i + 1] - '0');
    int mm = (p[i + 3] - '0') * 10 + (p[i + 4] - '0');
    i += 5;
    int ss = 0;
    if (i < n && p[i] == ':') {
        i++;
        if (!(DIG(0) && DIG(1)))
            return field_fail(NETRA_EINVAL, "created_at", "expected seconds after ':'");
        ss = (p[i] - '0') * 10 + (p[i + 1] - '0');
        i += 2;
        if (i < n && p[i] == '.') {
            i++;
            if (!DIG(0))
                return field_fail(NETRA_EINVAL, "created_at", "expected digits after '.'");
            while (DIG(0))
                i++;
        }
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return field_fail(NETRA_EINVAL, "created_at", "time out of range");
    if (i < n && (p[i] == 'Z' || p[i] == 'z'))
        i++;
    else if (i < n && (p[i] == '+' || p[i] == '-')) {
        i++;
        if (!(DIG(0) && DIG(1) && i + 2 < n && p[i + 2] == ':' && DIG(3) && DIG(4)))
            return field_fail(NETRA_EINVAL, "created_at", "expected an offset +hh:mm");
        i += 5;
    }
#undef DIG
    if (i != n)
        return field_fail(NETRA_EINVAL, "created_at", "unexpected text after the time");
    return NETRA_OK;
}

static int valid_region(const netra_str *r)
{
    if (r->len == 0 || r->len > 13)
        return 0;
    for (size_t i = 0; i < r->len; i++) {
        char c = r->s[i];
        if (!((c >= '0' && c <= '9') || (c == '.' && i > 0 && r->s[i - 1] != '.')))
            return 0;
    }
    return r->s[r->len - 1] != '.';
}

static int parse_label(netra_label *lb, const nt_jv *root)
{
    const nt_jv *l = ref_jv_get(root, "label");
    if (l == NULL || l->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "label", "missing (a labelled file needs one per item)");
    if (l->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "label", "must be an object");
    lb->present = 1;
    int rc = req_str(&lb->election, l, "election", "label.election", NETRA_ITEM_MAX_SHORT);
    if (rc)
        return rc;
    const nt_jv *st = ref_jv_get(l, "stances");
    if (st == NULL || st->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "label.stances", "missing (use {} when none)");
    if (st->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "label.stances", "must be an object");
    if (st->n > NETRA_LABEL_MAX_STANCES)
        return nt_error_set(NETRA_ETOOBIG, "label.stances: more than %d contestants",
                            NETRA_LABEL_MAX_STANCES);
    for (const nt_jv *c = st->first; c; c = c->next) {
        if (c->klen == 0 || c->klen > NETRA_ITEM_MAX_SHORT)
            return field_fail(NETRA_EINVAL, "label.stances", "empty or over-long contestant id");
        netra_stance s = NETRA_STANCE_NONE;
        if (c->type == NT_JV_STRING) {
            for (int k = NETRA_STANCE_SUPPORT; k < NETRA_STANCE_COUNT_; k++)
                if (strcmp(c->s, netra_stance_name((netra_stance)k)) == 0)
                    s = (netra_stance)k;
        }
        if (s == NETRA_STANCE_NONE)
            return nt_error_set(NETRA_EINVAL,
                                "label.stances.%.*s: must be \"support\", \"oppose\" or "
                                "\"mention\"",
                                (int)(c->klen > 40 ? 40 : c->klen), c->key);
        for (size_t k = 0; k < lb->n_stances; k++)
            if (lb->stances[k].contestant.len == c->klen &&
                memcmp(lb->stances[k].contestant.s, c->key, c->klen) == 0)
                return nt_error_set(NETRA_EINVAL, "label.stances.%.*s: given twice",
                                    (int)(c->klen > 40 ? 40 : c->klen), c->key);
        lb->stances[lb->n_stances].contestant.s = c->key;
        lb->stances[lb->n_stances].contestant.len = c->klen;
        lb->stances[lb->n_stances].stance = s;
        lb->n_stances++;
    }
    lb->asn = -1;
    const nt_jv *asn = ref_jv_get(l, "asn");
    if (asn && asn->type != NT_JV_NULL) {
        if (asn->type != NT_JV_TRUE && asn->type != NT_JV_FALSE)
            return field_fail(NETRA_EINVAL, "label.asn", "must be true or false");
        lb->asn = asn->type == NT_JV_TRUE;
    }
    return opt_str(&lb->reg, l, "register", "label.register", NETRA_ITEM_MAX_SHORT);
}

int nt_item_parse_ref(netra_item *out, const char *line, size_t len, unsigned flags,
                      netra_arena *arena)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(line != NULL || len == 0);
    NT_ASSERT_ARG(arena != NULL);
    memset(out, 0, sizeof *out);
    netra_str *all[] = {
        &out->id,         &out->platform,   &out->author_handle, &out->author_name,
        &out->author_bio, &out->text,       &out->target_author, &out->target_text,
        &out->url,        &out->created_at, &out->region,        &out->label.election,
        &out->label.reg};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        all[i]->s = "";
    out->label.asn = -1;
    if (len > NETRA_ITEM_MAX_LINE)
        return nt_error_set(NETRA_ETOOBIG, "line longer than %u bytes", NETRA_ITEM_MAX_LINE);
    if (len > 0 && line[len - 1] == '\r')
        len--;
    nt_jv *root;
    int rc = ref_json_parse(&root, line, len, NETRA_ITEM_MAX_TEXT, NETRA_ITEM_MAX_DEPTH,
                            nt_arena_of(arena));
    if (rc)
        return rc;
    if (root->type != NT_JV_OBJECT)
        return nt_error_set(NETRA_EINVAL, "an item must be a JSON object, not %s",
                            nt_jv_type_name(root->type));

    if ((rc = req_str(&out->id, root, "id", "id", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if ((rc = opt_str(&out->platform, root, "platform", "platform", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->platform.len) {
        int ok = 0;
        for (size_t i = 0; platforms[i]; i++)
            ok |= strcmp(platforms[i], out->platform.s) == 0;
        if (!ok)
            return field_fail(NETRA_EINVAL, "platform",
                              "must be one of x, facebook, instagram, tiktok, youtube, "
                              "whatsapp, telegram, other");
    }
    netra_str act;
    if ((rc = req_str(&act, root, "act", "act", NETRA_ITEM_MAX_SHORT)))
        return rc;
    out->act = netra_item_act_from_name(act.s, act.len);
    if (out->act == 0)
        return field_fail(NETRA_EINVAL, "act",
                          "must be one of post, comment, share, like, follow, join, "
                          "photo_caption");

    const nt_jv *author = ref_jv_get(root, "author");
    if (author == NULL || author->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "author", "missing");
    if (author->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "author", "must be an object {handle, name, bio}");
    if ((rc =
             req_str(&out->author_handle, author, "handle", "author.handle", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->author_handle.s[0] == '@') {
        out->author_handle.s++;
        out->author_handle.len--;
        if (out->author_handle.len == 0)
            return field_fail(NETRA_EINVAL, "author.handle", "empty");
    }
    if ((rc = opt_str(&out->author_name, author, "name", "author.name", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if ((rc = opt_str(&out->author_bio, author, "bio", "author.bio", NETRA_ITEM_MAX_TEXT)))
        return rc;

    if ((rc = opt_str(&out->text, root, "text", "text", NETRA_ITEM_MAX_TEXT)))
        return rc;
    if (out->text.len == 0 && (out->act == NETRA_ITEM_POST || out->act == NETRA_ITEM_COMMENT))
        return field_fail(NETRA_EINVAL, "text", "missing or empty (a post or comment has text)");

    const nt_jv *target = ref_jv_get(root, "target");
    if (target && target->type != NT_JV_NULL) {
        if (target->type != NT_JV_OBJECT)
            return field_fail(NETRA_EINVAL, "target", "must be an object {author, text}");
        out->has_target = 1;
        if ((rc = opt_str(&out->target_author, target, "author", "target.author",
                          NETRA_ITEM_MAX_SHORT)))
            return rc;
        if (out->target_author.len && out->target_author.s[0] == '@') {
            out->target_author.s++;
            out->target_author.len--;
        }
        if ((rc = opt_str(&out->target_text, target, "text", "target.text", NETRA_ITEM_MAX_TEXT)))
            return rc;
        if (out->target_author.len == 0 && out->target_text.len == 0)
            return field_fail(NETRA_EINVAL, "target", "needs an author or a text");
    }
    if (!out->has_target && (out->act == NETRA_ITEM_SHARE || out->act == NETRA_ITEM_LIKE ||
                             out->act == NETRA_ITEM_FOLLOW || out->act == NETRA_ITEM_JOIN))
        return nt_error_set(NETRA_EINVAL, "target: missing (a %s needs what was acted on)",
                            netra_item_act_name(out->act));

    if ((rc = opt_str(&out->url, root, "url", "url", 2048)))
        return rc;
    if ((rc = req_str(&out->created_at, root, "created_at", "created_at", 64)))
        return rc;
    if ((rc = parse_created(&out->date, &out->created_at)))
        return rc;
    if ((rc = opt_str(&out->region, root, "region", "region", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->region.len && !valid_region(&out->region))
        return field_fail(NETRA_EINVAL, "region", "expected a Kemendagri code like 35 or 35.78");

    if (flags & NETRA_ITEM_LABEL)
        return parse_label(&out->label, root);
    return NETRA_OK;
}

static const char *str_diff(const netra_str *a, const netra_str *b)
{
    if (a->s == NULL || b->s == NULL)
        return "a string is NULL";
    if (a->len != b->len || memcmp(a->s, b->s, a->len) != 0)
        return "a string differs";
    if (a->s[a->len] != '\0' || b->s[b->len] != '\0')
        return "a string is not NUL-terminated";
    return NULL;
}

const char *nt_item_parse_diff(const char *line, size_t len, unsigned flags, netra_arena *a1,
                               netra_arena *a2)
{
    static char msg1[NETRA_ERROR_MSG_MAX];
    netra_item x, y;
    netra_arena_reset(a1);
    netra_arena_reset(a2);
    netra_error_clear();
    int r1 = netra_item_parse(&x, line, len, flags, a1);
    memcpy(msg1, netra_error_last()->msg, sizeof msg1);
    netra_error_clear();
    int r2 = nt_item_parse_ref(&y, line, len, flags, a2);
    if (r1 != r2)
        return "return codes differ";
    if (r1 == NETRA_ENOMEM)
        return NULL;
    if (strcmp(msg1, netra_error_last()->msg) != 0)
        return "messages differ";
    if (r1 != NETRA_OK)
        return NULL;
    const netra_str *sx[] = {&x.id,         &x.platform,   &x.author_handle, &x.author_name,
                             &x.author_bio, &x.text,       &x.target_author, &x.target_text,
                             &x.url,        &x.created_at, &x.region,        &x.label.election,
                             &x.label.reg};
    const netra_str *sy[] = {&y.id,         &y.platform,   &y.author_handle, &y.author_name,
                             &y.author_bio, &y.text,       &y.target_author, &y.target_text,
                             &y.url,        &y.created_at, &y.region,        &y.label.election,
                             &y.label.reg};
    for (size_t i = 0; i < sizeof sx / sizeof *sx; i++) {
        const char *d = str_diff(sx[i], sy[i]);
        if (d)
            return d;
    }
    if (x.act != y.act || x.has_target != y.has_target || x.date != y.date)
        return "act, target or date differ";
    if (x.label.present != y.label.present || x.label.asn != y.label.asn ||
        x.label.n_stances != y.label.n_stances)
        return "label differs";
    for (size_t i = 0; i < x.label.n_stances; i++) {
        const char *d = str_diff(&x.label.stances[i].contestant, &y.label.stances[i].contestant);
        if (d)
            return d;
        if (x.label.stances[i].stance != y.label.stances[i].stance)
            return "a stance differs";
    }
    return NULL;
}
