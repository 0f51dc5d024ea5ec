/*
 * item.c - one social-media item from one line of JSON (docs/data/items.md).
 *
 * The line is read by json.c's item reader (nt_item_read: one pass, no tree, the members of
 * an item kept in a fixed table); this file checks every field's type, presence and limit,
 * names the field of every error (`author.handle: missing`); the strings it keeps are in a
 * copy of the line in the arena, NUL-terminated.
 */
#include <string.h>

#include "item/item_int.h"

static const char *const act_names[NETRA_ITEM_ACT_COUNT_] = {
    NULL, "post", "comment", "share", "like", "follow", "join", "photo_caption",
};

/* Whether p[0..n) is one of the platforms (docs/data/items.md): by length, then compares of
 * constant length (integer compares, no call), as act_of() below. */
static inline int valid_platform(const char *p, size_t n)
{
#define IS(lit) (memcmp(p, lit, sizeof lit - 1) == 0)
    switch (n) {
    case 1:
        return p[0] == 'x';
    case 5:
        return IS("other");
    case 6:
        return IS("tiktok");
    case 7:
        return IS("youtube");
    case 8:
        return IS("facebook") || IS("whatsapp") || IS("telegram");
    case 9:
        return IS("instagram");
    default:
        return 0;
    }
#undef IS
}

const char *netra_item_act_name(netra_item_act act)
{
    if (act <= 0 || act >= NETRA_ITEM_ACT_COUNT_)
        return "?";
    return act_names[act];
}

/* The act of name[0..len), 0 when none: by length, then a compare of constant length (which
 * the compiler turns into one or two integer compares instead of a call to memcmp); every
 * item line names its act, so this runs once per item. */
static inline netra_item_act act_of(const char *name, size_t len)
{
#define IS(lit) (memcmp(name, lit, sizeof lit - 1) == 0)
    switch (len) {
    case 4:
        return IS("post")   ? NETRA_ITEM_POST
               : IS("like") ? NETRA_ITEM_LIKE
               : IS("join") ? NETRA_ITEM_JOIN
                            : (netra_item_act)0;
    case 5:
        return IS("share") ? NETRA_ITEM_SHARE : (netra_item_act)0;
    case 6:
        return IS("follow") ? NETRA_ITEM_FOLLOW : (netra_item_act)0;
    case 7:
        return IS("comment") ? NETRA_ITEM_COMMENT : (netra_item_act)0;
    case 13:
        return IS("photo_caption") ? NETRA_ITEM_PHOTO_CAPTION : (netra_item_act)0;
    default:
        return (netra_item_act)0;
    }
#undef IS
}

netra_item_act netra_item_act_from_name(const char *name, size_t len)
{
    return act_of(name, len);
}

const char *netra_stance_name(netra_stance stance)
{
    switch (stance) {
    case NETRA_STANCE_SUPPORT:
        return "support";
    case NETRA_STANCE_OPPOSE:
        return "oppose";
    case NETRA_STANCE_MENTION:
        return "mention";
    default:
        return "none";
    }
}

static int field_fail(int code, const char *field, const char *reason)
{
    return nt_error_set(code, "%s: %s", field, reason);
}

/* A member kept by the reader, NULL when absent. */
static inline const nt_jslot *member(const nt_item_members *m, int k)
{
    return m->seen & NT_IK_BIT(k) ? &m->m[k] : NULL;
}

/* An optional string member: absent or null leaves *out as it is, empty (netra_item_parse()
 * empties every field first). */
static inline int opt_str(netra_str *out, const nt_jslot *v, const char *field, size_t max)
{
    if (v == NULL || v->type == NT_JV_NULL)
        return NETRA_OK;
    if (v->type != NT_JV_STRING)
        return nt_error_set(NETRA_EINVAL, "%s: must be a string, not %s", field,
                            nt_jv_type_name((nt_jv_type)v->type));
    if (v->len > max)
        return nt_error_set(NETRA_ETOOBIG, "%s: longer than %zu bytes", field, max);
    out->s = v->s;
    out->len = v->len;
    return NETRA_OK;
}

static inline int req_str(netra_str *out, const nt_jslot *v, const char *field, size_t max)
{
    if (v == NULL || v->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, field, "missing");
    int rc = opt_str(out, v, field, max);
    if (rc)
        return rc;
    if (out->len == 0)
        return field_fail(NETRA_EINVAL, field, "empty");
    return NETRA_OK;
}

static int str_is(const netra_str *s, const char *lit, size_t n)
{
    return s->len == n && memcmp(s->s, lit, n) == 0;
}

/* created_at: YYYY-MM-DD, optionally followed by T or a space, hh:mm[:ss[.frac]] and an
 * offset (Z or +hh:mm). The date as written is the day of the act. */
static int parse_created(netra_date *out, const netra_str *s)
{
    const char *p = s->s;
    size_t n = s->len;
    if (n < 10)
        return field_fail(NETRA_EINVAL, "created_at", "expected YYYY-MM-DD or an RFC 3339 time");
    /* The items of a stream mostly share their day: the last date read by this thread is
     * kept with its value, so that a day seen again costs two integer compares instead of
     * netra_date_parse() (~150 instructions). Only dates that parsed are kept. */
    static _Thread_local struct {
        uint64_t head; /* bytes 0..7 ("YYYY-MM-") */
        uint16_t tail; /* bytes 8..9 ("DD") */
        int set;
        netra_date date;
    } last_day;
    uint64_t head;
    uint16_t tail;
    memcpy(&head, p, sizeof head);
    memcpy(&tail, p + 8, sizeof tail);
    if (last_day.set && head == last_day.head && tail == last_day.tail)
        *out = last_day.date;
    else {
        if (netra_date_parse(out, p, 10) != NETRA_OK)
            return field_fail(NETRA_EINVAL, "created_at",
                              "expected YYYY-MM-DD or an RFC 3339 time");
        last_day.head = head;
        last_day.tail = tail;
        last_day.date = *out;
        last_day.set = 1;
    }
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

static int parse_label(netra_label *lb, const nt_item_members *m)
{
    const nt_jslot *l = member(m, NT_IK_LABEL);
    if (l == NULL || l->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "label", "missing (a labelled file needs one per item)");
    if (l->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "label", "must be an object");
    lb->present = 1;
    int rc =
        req_str(&lb->election, member(m, NT_IK_L_ELECTION), "label.election", NETRA_ITEM_MAX_SHORT);
    if (rc)
        return rc;
    const nt_jslot *st = member(m, NT_IK_L_STANCES);
    if (st == NULL || st->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "label.stances", "missing (use {} when none)");
    if (st->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "label.stances", "must be an object");
    if (m->n_st > NETRA_LABEL_MAX_STANCES)
        return nt_error_set(NETRA_ETOOBIG, "label.stances: more than %d contestants",
                            NETRA_LABEL_MAX_STANCES);
    for (size_t i = 0; i < m->n_st; i++) {
        const nt_jslot *key = &m->st_key[i], *c = &m->st_val[i];
        if (key->len == 0 || key->len > NETRA_ITEM_MAX_SHORT)
            return field_fail(NETRA_EINVAL, "label.stances", "empty or over-long contestant id");
        netra_stance s = NETRA_STANCE_NONE;
        if (c->type == NT_JV_STRING) {
            netra_str v = {c->s, c->len};
            for (int k = NETRA_STANCE_SUPPORT; k < NETRA_STANCE_COUNT_; k++) {
                const char *name = netra_stance_name((netra_stance)k);
                if (str_is(&v, name, strlen(name)))
                    s = (netra_stance)k;
            }
        }
        if (s == NETRA_STANCE_NONE)
            return nt_error_set(NETRA_EINVAL,
                                "label.stances.%.*s: must be \"support\", \"oppose\" or "
                                "\"mention\"",
                                (int)(key->len > 40 ? 40 : key->len), key->s);
        for (size_t k = 0; k < lb->n_stances; k++)
            if (lb->stances[k].contestant.len == key->len &&
                memcmp(lb->stances[k].contestant.s, key->s, key->len) == 0)
                return nt_error_set(NETRA_EINVAL, "label.stances.%.*s: given twice",
                                    (int)(key->len > 40 ? 40 : key->len), key->s);
        lb->stances[lb->n_stances].contestant.s = key->s;
        lb->stances[lb->n_stances].contestant.len = key->len;
        lb->stances[lb->n_stances].stance = s;
        lb->n_stances++;
    }
    lb->asn = -1;
    const nt_jslot *asn = member(m, NT_IK_L_ASN);
    if (asn && asn->type != NT_JV_NULL) {
        if (asn->type != NT_JV_TRUE && asn->type != NT_JV_FALSE)
            return field_fail(NETRA_EINVAL, "label.asn", "must be true or false");
        lb->asn = asn->type == NT_JV_TRUE;
    }
    return opt_str(&lb->reg, member(m, NT_IK_L_REGISTER), "label.register", NETRA_ITEM_MAX_SHORT);
}

static int parse_fields(netra_item *out, const nt_item_members *m, unsigned flags)
{
    int rc;
    if ((rc = req_str(&out->id, member(m, NT_IK_ID), "id", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if ((rc = opt_str(&out->platform, member(m, NT_IK_PLATFORM), "platform", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->platform.len) {
        if (!valid_platform(out->platform.s, out->platform.len))
            return field_fail(NETRA_EINVAL, "platform",
                              "must be one of x, facebook, instagram, tiktok, youtube, "
                              "whatsapp, telegram, other");
    }
    netra_str act = {"", 0};
    if ((rc = req_str(&act, member(m, NT_IK_ACT), "act", NETRA_ITEM_MAX_SHORT)))
        return rc;
    out->act = act_of(act.s, act.len);
    if (out->act == 0)
        return field_fail(NETRA_EINVAL, "act",
                          "must be one of post, comment, share, like, follow, join, "
                          "photo_caption");

    const nt_jslot *author = member(m, NT_IK_AUTHOR);
    if (author == NULL || author->type == NT_JV_NULL)
        return field_fail(NETRA_EINVAL, "author", "missing");
    if (author->type != NT_JV_OBJECT)
        return field_fail(NETRA_EINVAL, "author", "must be an object {handle, name, bio}");
    if ((rc = req_str(&out->author_handle, member(m, NT_IK_A_HANDLE), "author.handle",
                      NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->author_handle.s[0] == '@') {
        out->author_handle.s++;
        out->author_handle.len--;
        if (out->author_handle.len == 0)
            return field_fail(NETRA_EINVAL, "author.handle", "empty");
    }
    if ((rc = opt_str(&out->author_name, member(m, NT_IK_A_NAME), "author.name",
                      NETRA_ITEM_MAX_SHORT)))
        return rc;
    if ((rc = opt_str(&out->author_bio, member(m, NT_IK_A_BIO), "author.bio", NETRA_ITEM_MAX_TEXT)))
        return rc;

    if ((rc = opt_str(&out->text, member(m, NT_IK_TEXT), "text", NETRA_ITEM_MAX_TEXT)))
        return rc;
    if (out->text.len == 0 && (out->act == NETRA_ITEM_POST || out->act == NETRA_ITEM_COMMENT))
        return field_fail(NETRA_EINVAL, "text", "missing or empty (a post or comment has text)");

    const nt_jslot *target = member(m, NT_IK_TARGET);
    if (target && target->type != NT_JV_NULL) {
        if (target->type != NT_JV_OBJECT)
            return field_fail(NETRA_EINVAL, "target", "must be an object {author, text}");
        out->has_target = 1;
        if ((rc = opt_str(&out->target_author, member(m, NT_IK_T_AUTHOR), "target.author",
                          NETRA_ITEM_MAX_SHORT)))
            return rc;
        if (out->target_author.len && out->target_author.s[0] == '@') {
            out->target_author.s++;
            out->target_author.len--;
        }
        if ((rc = opt_str(&out->target_text, member(m, NT_IK_T_TEXT), "target.text",
                          NETRA_ITEM_MAX_TEXT)))
            return rc;
        if (out->target_author.len == 0 && out->target_text.len == 0)
            return field_fail(NETRA_EINVAL, "target", "needs an author or a text");
    }
    if (!out->has_target && (out->act == NETRA_ITEM_SHARE || out->act == NETRA_ITEM_LIKE ||
                             out->act == NETRA_ITEM_FOLLOW || out->act == NETRA_ITEM_JOIN))
        return nt_error_set(NETRA_EINVAL, "target: missing (a %s needs what was acted on)",
                            act_names[out->act]);

    if ((rc = opt_str(&out->url, member(m, NT_IK_URL), "url", 2048)))
        return rc;
    if ((rc = req_str(&out->created_at, member(m, NT_IK_CREATED_AT), "created_at", 64)))
        return rc;
    if ((rc = parse_created(&out->date, &out->created_at)))
        return rc;
    if ((rc = opt_str(&out->region, member(m, NT_IK_REGION), "region", NETRA_ITEM_MAX_SHORT)))
        return rc;
    if (out->region.len && !valid_region(&out->region))
        return field_fail(NETRA_EINVAL, "region", "expected a Kemendagri code like 35 or 35.78");

    if (flags & NETRA_ITEM_LABEL)
        return parse_label(&out->label, m);
    return NETRA_OK;
}

int netra_item_parse(netra_item *out, const char *line, size_t len, unsigned flags,
                     netra_arena *arena)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(line != NULL || len == 0);
    NT_ASSERT_ARG(arena != NULL);
    /* every field but the label's stances past n_stances (left as they are) */
    static const netra_str none = {"", 0};
    out->id = out->platform = out->author_handle = out->author_name = out->author_bio = none;
    out->text = out->target_author = out->target_text = out->url = out->created_at = none;
    out->region = out->label.election = out->label.reg = none;
    out->act = (netra_item_act)0;
    out->has_target = 0;
    out->date = 0;
    out->label.present = 0;
    out->label.n_stances = 0;
    out->label.asn = -1;
    if (len > NETRA_ITEM_MAX_LINE)
        return nt_error_set(NETRA_ETOOBIG, "line longer than %u bytes", NETRA_ITEM_MAX_LINE);
    if (len > 0 && line[len - 1] == '\r')
        len--;
    /* The strings of the item stay in a copy of the line, each NUL-terminated where it is
     * (nt_item_read): one copy of the whole line costs less than a copy of each string,
     * and most of an item's bytes are strings it keeps. */
    char *copy = nt_arena_alloc(nt_arena_of(arena), NT_ITEM_BLOCK(len));
    if (copy == NULL)
        return netra_error_last()->code;
    memcpy(copy, line, len);
    nt_item_members m;
    int rc = nt_item_read(&m, line, len, (flags & NETRA_ITEM_LABEL) != 0, copy, nt_arena_of(arena));
    if (rc)
        return rc;
    if (m.root.type != NT_JV_OBJECT)
        return nt_error_set(NETRA_EINVAL, "an item must be a JSON object, not %s",
                            nt_jv_type_name((nt_jv_type)m.root.type));
    return parse_fields(out, &m, flags);
}
