/*
 * item.h - social-media items, the detector's input: one act (post, comment, share, like,
 * follow, join, photo caption) by one account, read from one line of JSON Lines.
 * Format: docs/data/items.md, schema docs/schema/item.schema.json.
 *
 * The parser is libnetra's own (not jansson): it reads one line in one pass into a caller's
 * arena without any other allocation (docs/internals/item.md), bounds every string and the
 * nesting depth, and names the byte or the field of every error. Labelled items (training
 * and evaluation files) carry a `label` object that the same parser reads when asked.
 */
#ifndef NETRA_ITEM_H
#define NETRA_ITEM_H

#include <stdint.h>
#include "netra/common.h"
#include "netra/arena.h"
#include "netra/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the author did. */
typedef enum netra_item_act {
    NETRA_ITEM_POST = 1,      /* wrote a post */
    NETRA_ITEM_COMMENT,       /* commented on the target */
    NETRA_ITEM_SHARE,         /* shared (reposted) the target, maybe with text */
    NETRA_ITEM_LIKE,          /* liked the target */
    NETRA_ITEM_FOLLOW,        /* followed the target account */
    NETRA_ITEM_JOIN,          /* joined the target group */
    NETRA_ITEM_PHOTO_CAPTION, /* posted a photo; the text is its caption */
    NETRA_ITEM_ACT_COUNT_     /* not an act */
} netra_item_act;

/** A stance a label gives a contestant. */
typedef enum netra_stance {
    NETRA_STANCE_NONE = 0, /* not referred to */
    NETRA_STANCE_SUPPORT,  /* supports it */
    NETRA_STANCE_OPPOSE,   /* opposes it */
    NETRA_STANCE_MENTION,  /* only mentions it */
    NETRA_STANCE_COUNT_    /* not a stance */
} netra_stance;

/** A string read from the item: bytes and length (NUL-terminated as well). */
typedef struct netra_str {
    const char *s; /* the bytes; "" when absent */
    size_t len;    /* length in bytes */
} netra_str;

/** One contestant's stance in a label. */
typedef struct netra_label_stance {
    netra_str contestant; /* contestant id of the label's election */
    netra_stance stance;  /* support, oppose or mention */
} netra_label_stance;

/** The label of a labelled item (docs/data/items.md). */
#define NETRA_LABEL_MAX_STANCES 16
typedef struct netra_label {
    int present;                                         /* whether the item had one */
    netra_str election;                                  /* election file id */
    netra_label_stance stances[NETRA_LABEL_MAX_STANCES]; /* per contestant */
    size_t n_stances;                                    /* entries used */
    int asn;                                             /* 1, 0, or -1 when not given */
    netra_str reg;                                       /* register, "" when not given */
} netra_label;

/** One item. Strings are in the arena given to netra_item_parse(). */
typedef struct netra_item {
    netra_str id;            /* the item's id */
    netra_str platform;      /* "x", "facebook"...; "" when not given */
    netra_item_act act;      /* what the author did */
    netra_str author_handle; /* without '@' */
    netra_str author_name;   /* display name, "" when not given */
    netra_str author_bio;    /* profile text, "" when not given */
    netra_str text;          /* what the author wrote, "" when nothing */
    int has_target;          /* whether `target` was given */
    netra_str target_author; /* the target's author, account or group */
    netra_str target_text;   /* the target's text or description */
    netra_str url;           /* "" when not given */
    netra_date date;         /* day of the act (in the offset of created_at) */
    netra_str created_at;    /* as written */
    netra_str region;        /* Kemendagri code, "" when not given */
    netra_label label;       /* when parsed with NETRA_ITEM_LABEL */
} netra_item;

/* Limits (docs/data/items.md). */
#define NETRA_ITEM_MAX_LINE  (1024u * 1024u) /* bytes of one line */
#define NETRA_ITEM_MAX_TEXT  (64u * 1024u)   /* text, bio, target.text */
#define NETRA_ITEM_MAX_SHORT 200u            /* every other string */
#define NETRA_ITEM_MAX_DEPTH 8               /* JSON nesting */

/* Flags of netra_item_parse(). */
#define NETRA_ITEM_LABEL 0x1u /* read `label` too (and require it) */

/**
 * Parses one item from one line of JSON (without its newline; a trailing CR is allowed).
 * The first JSON error in the line wins over any field error; fields are then checked in a
 * fixed order (docs/internals/item.md). A member given twice keeps its last value. On
 * failure the contents of `*out` are unspecified.
 *
 * @param[out] out the item; its strings live in `arena`
 * @param line the bytes, need not be NUL-terminated
 * @param len their number; at most NETRA_ITEM_MAX_LINE
 * @param flags NETRA_ITEM_LABEL or 0
 * @return NETRA_OK; NETRA_EINVAL with a message naming the byte (`byte 17: expected ':'`)
 *         or the field (`author.handle: missing`); NETRA_ETOOBIG for a line, string or
 *         nesting over its limit (named the same way); NETRA_ENOMEM
 */
NETRA_API int netra_item_parse(netra_item *out, const char *line, size_t len, unsigned flags,
                               netra_arena *arena);

/** The id of an act ("post", "photo_caption"); "?" when unknown. */
NETRA_API const char *netra_item_act_name(netra_item_act act);

/** The act of an id, 0 when unknown. */
NETRA_API netra_item_act netra_item_act_from_name(const char *name, size_t len);

/** The id of a stance ("support", "oppose", "mention", "none"). */
NETRA_API const char *netra_stance_name(netra_stance stance);

/**
 * Appends `s[0..len)` to `buf` as a JSON string with its quotes, escaping what JSON needs
 * and replacing invalid UTF-8 by U+FFFD, like snprintf: writes at most `cap` bytes
 * (NUL-terminated when cap > 0) and returns the length the whole string needs.
 */
NETRA_API size_t netra_json_quote(char *buf, size_t cap, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
