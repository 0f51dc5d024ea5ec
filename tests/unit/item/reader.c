/* Unit tests for the one-pass item reader (src/lib/item/json.c nt_item_read, item.c): every
 * error path with its exact code and message, which error wins when a line has several,
 * repeated members, limits at their byte, and a differential check against the reference
 * parser (tests/support/item_ref.c, the general JSON tree) over the fuzz corpus, the
 * labelled corpus files and random mutations of their lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "netra/item.h"
#include "netra/error.h"
#include "item_ref.h"

static netra_arena *arena, *ref_arena;

static int setup(void **state)
{
    (void)state;
    if (netra_arena_new(&arena, 0, 0) != NETRA_OK)
        return -1;
    return netra_arena_new(&ref_arena, 0, 0);
}

static int teardown(void **state)
{
    (void)state;
    netra_arena_free(arena);
    netra_arena_free(ref_arena);
    return 0;
}

typedef struct row {
    const char *line;
    unsigned flags;
    int code;
    const char *msg; /* the whole message; "" for NETRA_OK */
} row;

/* Every error the reader and the field checks can give, with flags 0 and NETRA_ITEM_LABEL;
 * lines with several errors give the first in the line for JSON errors, then the first
 * field in the order item.c checks them. */
static const row rows[] = {
    {"", 0, NETRA_EINVAL, "byte 1: empty line"},
    {"", 1, NETRA_EINVAL, "byte 1: empty line"},
    {"   ", 0, NETRA_EINVAL, "byte 4: empty line"},
    {"   ", 1, NETRA_EINVAL, "byte 4: empty line"},
    {"\r", 0, NETRA_EINVAL, "byte 1: empty line"},
    {"\r", 1, NETRA_EINVAL, "byte 1: empty line"},
    {"{", 0, NETRA_EINVAL, "byte 2: expected a key in quotes"},
    {"{", 1, NETRA_EINVAL, "byte 2: expected a key in quotes"},
    {"{\"id\":\"1\"", 0, NETRA_EINVAL, "byte 10: unexpected end of line"},
    {"{\"id\":\"1\"", 1, NETRA_EINVAL, "byte 10: unexpected end of line"},
    {"{\"id\" \"1\"}", 0, NETRA_EINVAL, "byte 7: expected ':'"},
    {"{\"id\" \"1\"}", 1, NETRA_EINVAL, "byte 7: expected ':'"},
    {"{\"id\":\"1\",}", 0, NETRA_EINVAL, "byte 11: expected a key in quotes"},
    {"{\"id\":\"1\",}", 1, NETRA_EINVAL, "byte 11: expected a key in quotes"},
    {"{1:2}", 0, NETRA_EINVAL, "byte 2: expected a key in quotes"},
    {"{1:2}", 1, NETRA_EINVAL, "byte 2: expected a key in quotes"},
    {"{\"id\":tru}", 0, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":tru}", 1, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":nul}", 0, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":nul}", 1, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":falsy}", 0, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":falsy}", 1, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":-}", 0, NETRA_EINVAL, "byte 8: expected a value"},
    {"{\"id\":-}", 1, NETRA_EINVAL, "byte 8: expected a value"},
    {"{\"id\":+1}", 0, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":+1}", 1, NETRA_EINVAL, "byte 7: expected a value"},
    {"{\"id\":01}", 0, NETRA_EINVAL, "byte 8: expected ',' or '}'"},
    {"{\"id\":01}", 1, NETRA_EINVAL, "byte 8: expected ',' or '}'"},
    {"{\"id\":1.}", 0, NETRA_EINVAL, "byte 9: digit expected after '.'"},
    {"{\"id\":1.}", 1, NETRA_EINVAL, "byte 9: digit expected after '.'"},
    {"{\"id\":1e}", 0, NETRA_EINVAL, "byte 9: digit expected in the exponent"},
    {"{\"id\":1e}", 1, NETRA_EINVAL, "byte 9: digit expected in the exponent"},
    {"{\"id\":1e+}", 0, NETRA_EINVAL, "byte 10: digit expected in the exponent"},
    {"{\"id\":1e+}", 1, NETRA_EINVAL, "byte 10: digit expected in the exponent"},
    {"{\"id\":12345678901234567890123456789012345678901234567890123456789012345}", 0, NETRA_ETOOBIG,
     "byte 72: number longer than 64 characters"},
    {"{\"id\":12345678901234567890123456789012345678901234567890123456789012345}", 1, NETRA_ETOOBIG,
     "byte 72: number longer than 64 characters"},
    {"{\"id\":\"a\\x\"}", 0, NETRA_EINVAL, "byte 10: unknown escape"},
    {"{\"id\":\"a\\x\"}", 1, NETRA_EINVAL, "byte 10: unknown escape"},
    {"{\"id\":\"a\\u12G4\"}", 0, NETRA_EINVAL, "byte 13: \\u needs four hex digits"},
    {"{\"id\":\"a\\u12G4\"}", 1, NETRA_EINVAL, "byte 13: \\u needs four hex digits"},
    {"{\"id\":\"a\\u12\"}", 0, NETRA_EINVAL, "byte 13: \\u needs four hex digits"},
    {"{\"id\":\"a\\u12\"}", 1, NETRA_EINVAL, "byte 13: \\u needs four hex digits"},
    {"{\"id\":\"a\\ud800\\u12\"}", 0, NETRA_EINVAL, "byte 19: \\u needs four hex digits"},
    {"{\"id\":\"a\\ud800\\u12\"}", 1, NETRA_EINVAL, "byte 19: \\u needs four hex digits"},
    {"{\"id\":\"a\tb\"}", 0, NETRA_EINVAL, "byte 9: control character in a string (escape it)"},
    {"{\"id\":\"a\tb\"}", 1, NETRA_EINVAL, "byte 9: control character in a string (escape it)"},
    {"{\"id\":\"a\\n\tb\"}", 0, NETRA_EINVAL, "byte 11: control character in a string (escape it)"},
    {"{\"id\":\"a\\n\tb\"}", 1, NETRA_EINVAL, "byte 11: control character in a string (escape it)"},
    {"{\"id\":\"abc", 0, NETRA_EINVAL, "byte 11: unterminated string"},
    {"{\"id\":\"abc", 1, NETRA_EINVAL, "byte 11: unterminated string"},
    {"{\"id\":\"a\\x\tb", 0, NETRA_EINVAL, "byte 13: unterminated string"},
    {"{\"id\":\"a\\x\tb", 1, NETRA_EINVAL, "byte 13: unterminated string"},
    {"{\"id\":\"a\\", 0, NETRA_EINVAL, "byte 10: unterminated string"},
    {"{\"id\":\"a\\", 1, NETRA_EINVAL, "byte 10: unterminated string"},
    {"{\"id\":\"1\"} x", 0, NETRA_EINVAL, "byte 12: text after the JSON value"},
    {"{\"id\":\"1\"} x", 1, NETRA_EINVAL, "byte 12: text after the JSON value"},
    {"{\"id\":\"1\"}}", 0, NETRA_EINVAL, "byte 11: text after the JSON value"},
    {"{\"id\":\"1\"}}", 1, NETRA_EINVAL, "byte 11: text after the JSON value"},
    {"{\"id\":[1 2]}", 0, NETRA_EINVAL, "byte 10: expected ',' or ']'"},
    {"{\"id\":[1 2]}", 1, NETRA_EINVAL, "byte 10: expected ',' or ']'"},
    {"{\"id\":[1,]}", 0, NETRA_EINVAL, "byte 10: expected a value"},
    {"{\"id\":[1,]}", 1, NETRA_EINVAL, "byte 10: expected a value"},
    {"{\"id\":[1", 0, NETRA_EINVAL, "byte 9: unexpected end of line"},
    {"{\"id\":[1", 1, NETRA_EINVAL, "byte 9: unexpected end of line"},
    {"{\"id\":\"1\" \"act\":1}", 0, NETRA_EINVAL, "byte 11: expected ',' or '}'"},
    {"{\"id\":\"1\" \"act\":1}", 1, NETRA_EINVAL, "byte 11: expected ',' or '}'"},
    {"{\"x\":[[[[[[[[1]]]]]]]]}", 0, NETRA_ETOOBIG, "byte 13: nested deeper than its limit"},
    {"{\"x\":[[[[[[[[1]]]]]]]]}", 1, NETRA_ETOOBIG, "byte 13: nested deeper than its limit"},
    {"{\"x\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{}}}}}}}}", 0, NETRA_EINVAL, "id: missing"},
    {"{\"x\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{}}}}}}}}", 1, NETRA_EINVAL, "id: missing"},
    {"{\"x\":[[[[[[[1]]]]]]]} ", 0, NETRA_EINVAL, "id: missing"},
    {"{\"x\":[[[[[[[1]]]]]]]} ", 1, NETRA_EINVAL, "id: missing"},
    {"[1,2]", 0, NETRA_EINVAL, "an item must be a JSON object, not a list"},
    {"[1,2]", 1, NETRA_EINVAL, "an item must be a JSON object, not a list"},
    {"\"text\"", 0, NETRA_EINVAL, "an item must be a JSON object, not a string"},
    {"\"text\"", 1, NETRA_EINVAL, "an item must be a JSON object, not a string"},
    {"12", 0, NETRA_EINVAL, "an item must be a JSON object, not a number"},
    {"12", 1, NETRA_EINVAL, "an item must be a JSON object, not a number"},
    {"true", 0, NETRA_EINVAL, "an item must be a JSON object, not a boolean"},
    {"true", 1, NETRA_EINVAL, "an item must be a JSON object, not a boolean"},
    {"null", 0, NETRA_EINVAL, "an item must be a JSON object, not null"},
    {"null", 1, NETRA_EINVAL, "an item must be a JSON object, not null"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"x\":\"\\q\"}",
     0, NETRA_EINVAL, "byte 91: unknown escape"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"x\":\"\\q\"}",
     1, NETRA_EINVAL, "byte 91: unknown escape"},
    {"{\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":\"2024-01-"
     "01\"}",
     0, NETRA_EINVAL, "id: missing"},
    {"{\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":\"2024-01-"
     "01\"}",
     1, NETRA_EINVAL, "id: missing"},
    {"{\"id\":null,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     0, NETRA_EINVAL, "id: missing"},
    {"{\"id\":null,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     1, NETRA_EINVAL, "id: missing"},
    {"{\"id\":\"\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     0, NETRA_EINVAL, "id: empty"},
    {"{\"id\":\"\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     1, NETRA_EINVAL, "id: empty"},
    {"{\"id\":7,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     0, NETRA_EINVAL, "id: must be a string, not a number"},
    {"{\"id\":7,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     1, NETRA_EINVAL, "id: must be a string, not a number"},
    {"{\"id\":true,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     0, NETRA_EINVAL, "id: must be a string, not a boolean"},
    {"{\"id\":true,\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     1, NETRA_EINVAL, "id: must be a string, not a boolean"},
    {"{\"id\":false}", 0, NETRA_EINVAL, "id: must be a string, not a boolean"},
    {"{\"id\":false}", 1, NETRA_EINVAL, "id: must be a string, not a boolean"},
    {"{\"id\":[]}", 0, NETRA_EINVAL, "id: must be a string, not a list"},
    {"{\"id\":[]}", 1, NETRA_EINVAL, "id: must be a string, not a list"},
    {"{\"id\":{}}", 0, NETRA_EINVAL, "id: must be a string, not an object"},
    {"{\"id\":{}}", 1, NETRA_EINVAL, "id: must be a string, not an object"},
    {"{\"id\":\"1\",\"id\":2}", 0, NETRA_EINVAL, "id: must be a string, not a number"},
    {"{\"id\":\"1\",\"id\":2}", 1, NETRA_EINVAL, "id: must be a string, not a number"},
    {"{\"id\":1,\"id\":\"\"}", 0, NETRA_EINVAL, "id: empty"},
    {"{\"id\":1,\"id\":\"\"}", 1, NETRA_EINVAL, "id: empty"},
    {"{\"id\":\"1\",\"platform\":3}", 0, NETRA_EINVAL, "platform: must be a string, not a number"},
    {"{\"id\":\"1\",\"platform\":3}", 1, NETRA_EINVAL, "platform: must be a string, not a number"},
    {"{\"id\":\"1\",\"platform\":\"myspace\",\"act\":\"post\"}", 0, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"myspace\",\"act\":\"post\"}", 1, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"X\"}", 0, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"X\"}", 1, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"xx\"}", 0, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"xx\"}", 1, NETRA_EINVAL,
     "platform: must be one of x, facebook, instagram, tiktok, youtube, whatsapp, telegram, other"},
    {"{\"id\":\"1\",\"platform\":\"\",\"act\":\"\"}", 0, NETRA_EINVAL, "act: empty"},
    {"{\"id\":\"1\",\"platform\":\"\",\"act\":\"\"}", 1, NETRA_EINVAL, "act: empty"},
    {"{\"id\":\"1\",\"act\":\"retweet\"}", 0, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":\"retweet\"}", 1, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":\"Post\"}", 0, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":\"Post\"}", 1, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":\"photo\"}", 0, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":\"photo\"}", 1, NETRA_EINVAL,
     "act: must be one of post, comment, share, like, follow, join, photo_caption"},
    {"{\"id\":\"1\",\"act\":[\"post\"]}", 0, NETRA_EINVAL, "act: must be a string, not a list"},
    {"{\"id\":\"1\",\"act\":[\"post\"]}", 1, NETRA_EINVAL, "act: must be a string, not a list"},
    {"{\"id\":\"1\"}", 0, NETRA_EINVAL, "act: missing"},
    {"{\"id\":\"1\"}", 1, NETRA_EINVAL, "act: missing"},
    {"{\"id\":\"1\",\"act\":\"post\"}", 0, NETRA_EINVAL, "author: missing"},
    {"{\"id\":\"1\",\"act\":\"post\"}", 1, NETRA_EINVAL, "author: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":null}", 0, NETRA_EINVAL, "author: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":null}", 1, NETRA_EINVAL, "author: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":\"a\"}", 0, NETRA_EINVAL,
     "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":\"a\"}", 1, NETRA_EINVAL,
     "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":[]}", 0, NETRA_EINVAL,
     "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":[]}", 1, NETRA_EINVAL,
     "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{}}", 0, NETRA_EINVAL, "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{}}", 1, NETRA_EINVAL, "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":null}}", 0, NETRA_EINVAL,
     "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":null}}", 1, NETRA_EINVAL,
     "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"\"}}", 0, NETRA_EINVAL,
     "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"\"}}", 1, NETRA_EINVAL,
     "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"@\"}}", 0, NETRA_EINVAL,
     "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"@\"}}", 1, NETRA_EINVAL,
     "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":5}}", 0, NETRA_EINVAL,
     "author.handle: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":5}}", 1, NETRA_EINVAL,
     "author.handle: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"name\":{}}}", 0, NETRA_EINVAL,
     "author.name: must be a string, not an object"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"name\":{}}}", 1, NETRA_EINVAL,
     "author.name: must be a string, not an object"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"bio\":[]}}", 0, NETRA_EINVAL,
     "author.bio: must be a string, not a list"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"bio\":[]}}", 1, NETRA_EINVAL,
     "author.bio: must be a string, not a list"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"author\":{\"name\":\"b\"}}", 0,
     NETRA_EINVAL, "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"author\":{\"name\":\"b\"}}", 1,
     NETRA_EINVAL, "author.handle: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"author\":\"b\"}", 0,
     NETRA_EINVAL, "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"author\":\"b\"}", 1,
     NETRA_EINVAL, "author: must be an object {handle, name, bio}"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"handle\":\"\"}}", 0,
     NETRA_EINVAL, "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"handle\":\"\"}}", 1,
     NETRA_EINVAL, "author.handle: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"}}", 0, NETRA_EINVAL,
     "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"}}", 1, NETRA_EINVAL,
     "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"comment\",\"author\":{\"handle\":\"a\"},\"text\":\"\"}", 0,
     NETRA_EINVAL, "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"comment\",\"author\":{\"handle\":\"a\"},\"text\":\"\"}", 1,
     NETRA_EINVAL, "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":null}", 0, NETRA_EINVAL,
     "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":null}", 1, NETRA_EINVAL,
     "text: missing or empty (a post or comment has text)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":1}", 0, NETRA_EINVAL,
     "text: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":1}", 1, NETRA_EINVAL,
     "text: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"like\",\"author\":{\"handle\":\"a\"}}", 0, NETRA_EINVAL,
     "target: missing (a like needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"like\",\"author\":{\"handle\":\"a\"}}", 1, NETRA_EINVAL,
     "target: missing (a like needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":null}", 0,
     NETRA_EINVAL, "target: missing (a share needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":null}", 1,
     NETRA_EINVAL, "target: missing (a share needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"}}", 0, NETRA_EINVAL,
     "target: missing (a follow needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"}}", 1, NETRA_EINVAL,
     "target: missing (a follow needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"join\",\"author\":{\"handle\":\"a\"}}", 0, NETRA_EINVAL,
     "target: missing (a join needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"join\",\"author\":{\"handle\":\"a\"}}", 1, NETRA_EINVAL,
     "target: missing (a join needs what was acted on)"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"},\"target\":{}}", 0,
     NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"},\"target\":{}}", 1,
     NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"},\"target\":{\"author\":\"@\"}"
     "}",
     0, NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"follow\",\"author\":{\"handle\":\"a\"},\"target\":{\"author\":\"@\"}"
     "}",
     1, NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":\"x\"}", 0,
     NETRA_EINVAL, "target: must be an object {author, text}"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":\"x\"}", 1,
     NETRA_EINVAL, "target: must be an object {author, text}"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"author\":1}}", 0,
     NETRA_EINVAL, "target.author: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"author\":1}}", 1,
     NETRA_EINVAL, "target.author: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"text\":false}}",
     0, NETRA_EINVAL, "target.text: must be a string, not a boolean"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"text\":false}}",
     1, NETRA_EINVAL, "target.text: must be a string, not a boolean"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"text\":\"t\"},"
     "\"target\":{}}",
     0, NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"share\",\"author\":{\"handle\":\"a\"},\"target\":{\"text\":\"t\"},"
     "\"target\":{}}",
     1, NETRA_EINVAL, "target: needs an author or a text"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"url\":7}", 0,
     NETRA_EINVAL, "url: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"url\":7}", 1,
     NETRA_EINVAL, "url: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\"}", 0,
     NETRA_EINVAL, "created_at: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\"}", 1,
     NETRA_EINVAL, "created_at: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"\"}",
     0, NETRA_EINVAL, "created_at: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"\"}",
     1, NETRA_EINVAL, "created_at: empty"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "20240101}",
     0, NETRA_EINVAL, "created_at: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "20240101}",
     1, NETRA_EINVAL, "created_at: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-13-01\"}",
     0, NETRA_EINVAL, "created_at: expected YYYY-MM-DD or an RFC 3339 time"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-13-01\"}",
     1, NETRA_EINVAL, "created_at: expected YYYY-MM-DD or an RFC 3339 time"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01X10:00\"}",
     0, NETRA_EINVAL, "created_at: expected 'T' after the date"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01X10:00\"}",
     1, NETRA_EINVAL, "created_at: expected 'T' after the date"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10\"}",
     0, NETRA_EINVAL, "created_at: expected hh:mm after the date"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10\"}",
     1, NETRA_EINVAL, "created_at: expected hh:mm after the date"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00:\"}",
     0, NETRA_EINVAL, "created_at: expected seconds after ':'"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00:\"}",
     1, NETRA_EINVAL, "created_at: expected seconds after ':'"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00:00.\"}",
     0, NETRA_EINVAL, "created_at: expected digits after '.'"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00:00.\"}",
     1, NETRA_EINVAL, "created_at: expected digits after '.'"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T24:00\"}",
     0, NETRA_EINVAL, "created_at: time out of range"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T24:00\"}",
     1, NETRA_EINVAL, "created_at: time out of range"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00+7\"}",
     0, NETRA_EINVAL, "created_at: expected an offset +hh:mm"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00+7\"}",
     1, NETRA_EINVAL, "created_at: expected an offset +hh:mm"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00Zx\"}",
     0, NETRA_EINVAL, "created_at: unexpected text after the time"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01T10:00Zx\"}",
     1, NETRA_EINVAL, "created_at: unexpected text after the time"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":3}",
     0, NETRA_EINVAL, "region: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":3}",
     1, NETRA_EINVAL, "region: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35..78\"}",
     0, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35..78\"}",
     1, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35.\"}",
     0, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35.\"}",
     1, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"jatim\"}",
     0, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"jatim\"}",
     1, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35.78.01.2001.\"}",
     0, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"region\":\"35.78.01.2001.\"}",
     1, NETRA_EINVAL, "region: expected a Kemendagri code like 35 or 35.78"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\"}",
     1, NETRA_EINVAL, "label: missing (a labelled file needs one per item)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":null}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":null}",
     1, NETRA_EINVAL, "label: missing (a labelled file needs one per item)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":[]}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":[]}",
     1, NETRA_EINVAL, "label: must be an object"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{}}",
     1, NETRA_EINVAL, "label.election: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":1}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":1}}",
     1, NETRA_EINVAL, "label.election: must be a string, not a number"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\"}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\"}}",
     1, NETRA_EINVAL, "label.stances: missing (use {} when none)"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":[]}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":[]}}",
     1, NETRA_EINVAL, "label.stances: must be an object"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"\":\"support\"}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"\":\"support\"}}}",
     1, NETRA_EINVAL, "label.stances: empty or over-long contestant id"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"love\"}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"love\"}}}",
     1, NETRA_EINVAL, "label.stances.c1: must be \"support\", \"oppose\" or \"mention\""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":1}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":1}}}",
     1, NETRA_EINVAL, "label.stances.c1: must be \"support\", \"oppose\" or \"mention\""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"support\",\"c1\":"
     "\"oppose\"}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"support\",\"c1\":"
     "\"oppose\"}}}",
     1, NETRA_EINVAL, "label.stances.c1: given twice"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c\\u0031\":\"support\",\"c1\":"
     "\"oppose\"}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c\\u0031\":\"support\",\"c1\":"
     "\"oppose\"}}}",
     1, NETRA_EINVAL, "label.stances.c1: given twice"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"support\"},\"stances\":{"
     "\"c1\":\"mention\"},\"asn\":\"yes\"}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"c1\":\"support\"},\"stances\":{"
     "\"c1\":\"mention\"},\"asn\":\"yes\"}}",
     1, NETRA_EINVAL, "label.asn: must be true or false"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{},\"register\":[]}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{},\"register\":[]}}",
     1, NETRA_EINVAL, "label.register: must be a string, not a list"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{}},\"label\":{\"stances\":{}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{}},\"label\":{\"stances\":{}}}",
     1, NETRA_EINVAL, "label.election: missing"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"a\":\"support\",\"b\":"
     "\"support\",\"c\":\"support\",\"d\":\"support\",\"e\":\"support\",\"f\":\"support\",\"g\":"
     "\"support\",\"h\":\"support\",\"i\":\"support\",\"j\":\"support\",\"k\":\"support\",\"l\":"
     "\"support\",\"m\":\"support\",\"n\":\"support\",\"o\":\"support\",\"p\":\"support\",\"q\":"
     "\"oops\"}}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"a\":\"support\",\"b\":"
     "\"support\",\"c\":\"support\",\"d\":\"support\",\"e\":\"support\",\"f\":\"support\",\"g\":"
     "\"support\",\"h\":\"support\",\"i\":\"support\",\"j\":\"support\",\"k\":\"support\",\"l\":"
     "\"support\",\"m\":\"support\",\"n\":\"support\",\"o\":\"support\",\"p\":\"support\",\"q\":"
     "\"oops\"}}}",
     1, NETRA_ETOOBIG, "label.stances: more than 16 contestants"},
    {"{\"id\":\"\",\"act\":\"post\",\"x\":[1,}", 0, NETRA_EINVAL, "byte 30: expected a value"},
    {"{\"id\":\"\",\"act\":\"post\",\"x\":[1,}", 1, NETRA_EINVAL, "byte 30: expected a value"},
    {"{\"id\":7,\"author\":{\"handle\":\"\"},\"created_at\":\"bad\",\"x\":\"a\\u00\"}", 0,
     NETRA_EINVAL, "byte 61: \\u needs four hex digits"},
    {"{\"id\":7,\"author\":{\"handle\":\"\"},\"created_at\":\"bad\",\"x\":\"a\\u00\"}", 1,
     NETRA_EINVAL, "byte 61: \\u needs four hex digits"},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"x\":\"oppose\"}},\"x\":{"
     "\"\\u0069d\":[{}]}}",
     0, NETRA_OK, ""},
    {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_at\":"
     "\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"x\":\"oppose\"}},\"x\":{"
     "\"\\u0069d\":[{}]}}",
     1, NETRA_OK, ""},
    {"{\"\\u0069d\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_"
     "at\":\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"x\":\"oppose\"},\"asn\":1}}",
     0, NETRA_OK, ""},
    {"{\"\\u0069d\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"created_"
     "at\":\"2024-01-01\",\"label\":{\"election\":\"e\",\"stances\":{\"x\":\"oppose\"},\"asn\":1}}",
     1, NETRA_EINVAL, "label.asn: must be true or false"},
};

static void check_diff(const char *line, size_t len, unsigned flags)
{
    const char *d = nt_item_parse_diff(line, len, flags, arena, ref_arena);
    if (d != NULL)
        fail_msg("%s (flags %u) on %.*s", d, flags, (int)(len > 300 ? 300 : len), line);
}

static void test_error_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        netra_item it;
        netra_arena_reset(arena);
        netra_error_clear();
        int rc = netra_item_parse(&it, rows[i].line, strlen(rows[i].line), rows[i].flags, arena);
        const char *msg = rc ? netra_error_last()->msg : "";
        if (rc != rows[i].code || strcmp(msg, rows[i].msg) != 0)
            fail_msg("row %zu (%s, flags %u): %d \"%s\", expected %d \"%s\"", i, rows[i].line,
                     rows[i].flags, rc, msg, rows[i].code, rows[i].msg);
        check_diff(rows[i].line, strlen(rows[i].line), rows[i].flags);
    }
}

/* Repeated members: the last value wins, an object's members come from its last value
 * only; escaped member names are the names they decode to. */
static void test_repeated(void **state)
{
    (void)state;
    netra_item it;
    const char *line =
        "{\"id\":\"a\",\"id\":\"b\\u0021\",\"act\":\"like\",\"author\":{\"handle\":\"x\","
        "\"bio\":\"B\"},\"author\":{\"h\\u0061ndle\":\"@y\",\"handle\":\"@z\"},\"target\":"
        "{\"text\":\"T\"},\"target\":{\"author\":\"@w\"},\"created_at\":\"2024-02-03\",\"x\":"
        "{\"id\":\"no\",\"author\":{\"handle\":\"no\"}},\"label\":{\"election\":\"e\",\"stances\":"
        "{\"c1\":\"support\"},\"stances\":{\"c2\":\"mention\",\"c\\u0033\":\"oppose\"}}}";
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, line, strlen(line), NETRA_ITEM_LABEL, arena), NETRA_OK);
    assert_string_equal(it.id.s, "b!");
    assert_string_equal(it.author_handle.s, "z");
    assert_int_equal(it.author_bio.len, 0); /* from the first author only */
    assert_string_equal(it.target_author.s, "w");
    assert_int_equal(it.target_text.len, 0);
    assert_int_equal(it.label.n_stances, 2);
    assert_string_equal(it.label.stances[0].contestant.s, "c2");
    assert_int_equal(it.label.stances[0].stance, NETRA_STANCE_MENTION);
    assert_string_equal(it.label.stances[1].contestant.s, "c3");
    assert_int_equal(it.label.stances[1].stance, NETRA_STANCE_OPPOSE);
    check_diff(line, strlen(line), 0);
    check_diff(line, strlen(line), NETRA_ITEM_LABEL);
}

static char *item_with(const char *before, size_t n, char fill, const char *after)
{
    size_t lb = strlen(before), la = strlen(after);
    char *s = malloc(lb + n + la + 1);
    assert_non_null(s);
    memcpy(s, before, lb);
    memset(s + lb, fill, n);
    memcpy(s + lb + n, after, la + 1);
    return s;
}

/* Strings at and over their limits, plain and with escapes (the slow path), values and
 * member names: the same code and byte as the reference. */
static void test_limits(void **state)
{
    (void)state;
    static const struct {
        const char *before, *after;
    } shapes[] = {
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"",
         "\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"\\n",
         "\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"",
         "\\t\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\",\"bio\":\"\\u00e9",
         "\"},\"text\":\"t\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"",
         "\":1,\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"\\\\",
         "\":1,\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"x\":[\"",
         "\"],\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"",
         "\"},\"text\":\"t\","
         "\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"url\":\"",
         "\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"",
         "\",\"created_at\":\"2024-01-01\""}, /* over the limit and unterminated object */
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"\\n", ""},
    };
    const size_t sizes[] = {NETRA_ITEM_MAX_SHORT,
                            NETRA_ITEM_MAX_SHORT + 1,
                            2048,
                            2049,
                            NETRA_ITEM_MAX_TEXT - 2,
                            NETRA_ITEM_MAX_TEXT - 1,
                            NETRA_ITEM_MAX_TEXT,
                            NETRA_ITEM_MAX_TEXT + 1,
                            NETRA_ITEM_MAX_TEXT + 40};
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            char *line = item_with(shapes[s].before, sizes[k], 'a', shapes[s].after);
            for (unsigned flags = 0; flags < 2; flags++)
                check_diff(line, strlen(line), flags);
            free(line);
        }
    /* exact: the plain text one byte over names the byte after its opening quote */
    char *line = item_with(shapes[0].before, NETRA_ITEM_MAX_TEXT + 1, 'a', shapes[0].after);
    netra_item it;
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, line, strlen(line), 0, arena), NETRA_ETOOBIG);
    char want[96];
    snprintf(want, sizeof want, "byte %zu: string longer than its limit",
             strlen(shapes[0].before) + 1);
    assert_string_equal(netra_error_last()->msg, want);
    free(line);
    /* with an escape first (decoded to one byte), the byte over the limit is named: the
     * byte after it, as the reader stands there */
    line = item_with(shapes[1].before, NETRA_ITEM_MAX_TEXT, 'a', shapes[1].after);
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, line, strlen(line), 0, arena), NETRA_ETOOBIG);
    snprintf(want, sizeof want, "byte %zu: string longer than its limit",
             strlen(shapes[1].before) + NETRA_ITEM_MAX_TEXT + 1);
    assert_string_equal(netra_error_last()->msg, want);
    free(line);
    line = item_with(shapes[7].before, NETRA_ITEM_MAX_SHORT + 1, 'h', shapes[7].after);
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, line, strlen(line), 0, arena), NETRA_ETOOBIG);
    assert_string_equal(netra_error_last()->msg, "author.handle: longer than 200 bytes");
    free(line);
    line = item_with(shapes[8].before, 2049, 'u', shapes[8].after);
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, line, strlen(line), 0, arena), NETRA_ETOOBIG);
    assert_string_equal(netra_error_last()->msg, "url: longer than 2048 bytes");
    free(line);
    netra_arena_reset(arena);
    assert_int_equal(netra_item_parse(&it, "{}", NETRA_ITEM_MAX_LINE + 1, 0, arena), NETRA_ETOOBIG);
    assert_string_equal(netra_error_last()->msg, "line longer than 1048576 bytes");
}

/* Escaped strings are decoded in one pass, 16 bytes at a time between the escapes, and an
 * error inside one is named only once its closing quote is found: every escape (good, cut,
 * broken, a control byte, a backslash last) at every offset of the 16-byte blocks, followed
 * by runs across the next block, in a kept value, a member name and a skipped value, with
 * and without the rest of the line. */
static void test_escape_blocks(void **state)
{
    (void)state;
    static const char *const escs[] = {"\\n",     "\\u00e9",  "\\ud83d\\ude00",
                                       "\\ud83d", "\\ude00x", "\\ud83d\\u0041",
                                       "\\\\",    "\\\"",     "\\/",
                                       "\\u12",   "\\u12\"",  "\\ud83d\\u12",
                                       "\\x",     "\x01",     "\\u0000",
                                       "\\",      "\\\\\\n"};
    static const char *const shapes[][2] = {
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"",
         "\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"",
         "\":1,\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"a\"},\"text\":\"t\",\"x\":\"",
         "\",\"created_at\":\"2024-01-01\"}"},
        {"{\"id\":\"1\",\"act\":\"post\",\"author\":{\"handle\":\"", "\"},\"text\":\"t\"}"},
    };
    static const size_t after[] = {0, 1, 15, 16, 17, 40};
    char line[512];
    size_t lines = 0;
    for (size_t sh = 0; sh < sizeof shapes / sizeof *shapes; sh++)
        for (size_t e = 0; e < sizeof escs / sizeof *escs; e++)
            for (size_t k = 0; k <= 40; k++)
                for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
                    size_t n = 0, lb = strlen(shapes[sh][0]), le = strlen(escs[e]);
                    memcpy(line, shapes[sh][0], lb);
                    n = lb;
                    memset(line + n, 'a', k);
                    n += k;
                    memcpy(line + n, escs[e], le);
                    n += le;
                    memset(line + n, 'b', after[a]);
                    n += after[a];
                    size_t cut = n; /* the line ending inside the string */
                    memcpy(line + n, shapes[sh][1], strlen(shapes[sh][1]) + 1);
                    n += strlen(shapes[sh][1]);
                    for (unsigned flags = 0; flags < 2; flags++) {
                        check_diff(line, n, flags);
                        check_diff(line, cut, flags);
                    }
                    lines += 2;
                }
    assert_true(lines > 10000);
    /* long strings with escapes all along, at and over the limit (counted decoded), with an
     * error after them, and unterminated */
    static const char *const reps[] = {"x\\n", "\\u00e9", "\\ud83d\\ude00"};
    static const size_t dec[] = {2, 2, 4}; /* decoded bytes of each */
    for (size_t r = 0; r < sizeof reps / sizeof *reps; r++)
        for (int over = -1; over <= 1; over++) {
            size_t times = (NETRA_ITEM_MAX_TEXT + (size_t)(over + 1) * dec[r]) / dec[r] - 1;
            size_t lr = strlen(reps[r]), lb = strlen(shapes[0][0]);
            size_t cap = lb + times * lr + 64;
            char *big = malloc(cap);
            assert_non_null(big);
            memcpy(big, shapes[0][0], lb);
            size_t n = lb;
            for (size_t i = 0; i < times; i++, n += lr)
                memcpy(big + n, reps[r], lr);
            size_t body = n;
            static const char *const tails[] = {"\",\"created_at\":\"2024-01-01\"}", "\\q\"}", ""};
            for (size_t t = 0; t < 3; t++) {
                size_t lt = strlen(tails[t]);
                memcpy(big + body, tails[t], lt);
                for (unsigned flags = 0; flags < 2; flags++)
                    check_diff(big, body + lt, flags);
            }
            free(big);
        }
}

/* ---- differential: the reader against the reference ------------------------------------ */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* One random change of buf[0..*n) (capacity cap): a byte replaced by one that matters to
 * JSON, a byte dropped, the line cut, an escape or a control byte inserted, or a piece
 * repeated. */
static void mutate(char *buf, size_t *n, size_t cap)
{
    static const char special[] = "\"\\{}[],: \t\n\r0-eE.utnfa@\x01\x7f\xc3\xff";
    static const char *const inserts[] = {
        "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\u0000", "\\\"", "\\/", "\\x", "\\u12", "\"",
        "\"\"", "{", "[[", "null", "1e9", "\x1f", "\\",
        /* escapes cut or broken in their middle, and pairs of backslashes (the reader decodes
         * escaped strings in one pass and looks for their end only after an error) */
        "\\ud83d\\u", "\\ud83d\\ude0", "\\u00\"", "\\\\\\\"", "\\\\", "\\n\\\x01"};
    size_t len = *n;
    if (len == 0)
        return;
    size_t at = (size_t)(next_rand() % len);
    switch (next_rand() % 6) {
    case 0:
    case 1:
        buf[at] = special[next_rand() % (sizeof special - 1)];
        break;
    case 2:
        memmove(buf + at, buf + at + 1, len - at - 1);
        (*n)--;
        break;
    case 3:
        *n = at;
        break;
    case 4: {
        const char *s = inserts[next_rand() % (sizeof inserts / sizeof *inserts)];
        size_t k = strlen(s);
        if (len + k <= cap) {
            memmove(buf + at + k, buf + at, len - at);
            memcpy(buf + at, s, k);
            *n = len + k;
        }
        break;
    }
    default: {
        size_t from = (size_t)(next_rand() % len);
        size_t k = (size_t)(next_rand() % 24) + 1;
        if (from + k > len)
            k = len - from;
        if (len + k <= cap) {
            memmove(buf + at + k, buf + at, len - at);
            memmove(buf + at, buf + (from >= at ? from + k : from), k);
            *n = len + k;
        }
        break;
    }
    }
}

static size_t lines_checked;

static void check_line(const char *line, size_t len, int mutations)
{
    check_diff(line, len, 0);
    check_diff(line, len, NETRA_ITEM_LABEL);
    lines_checked++;
    char buf[8192];
    if (len + 64 > sizeof buf)
        return;
    for (int m = 0; m < mutations; m++) {
        memcpy(buf, line, len);
        size_t n = len;
        int times = 1 + (int)(next_rand() % 3);
        for (int t = 0; t < times; t++)
            mutate(buf, &n, sizeof buf);
        check_diff(buf, n, 0);
        check_diff(buf, n, NETRA_ITEM_LABEL);
        lines_checked++;
    }
}

static void check_file(const char *path, int mutations)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        check_line(line, len, mutations);
    }
    free(line);
    fclose(f);
}

static void test_differential(void **state)
{
    (void)state;
    const char *data = getenv("NETRA_DATA_DIR");
    const char *tdata = getenv("NETRA_TEST_DATA");
    assert_non_null(data);
    assert_non_null(tdata);
    char path[4096];
    /* the item fuzz corpus: whole files as one line, with and without mutations */
    snprintf(path, sizeof path, "%s/../fuzz/corpora/item", tdata);
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char file[4600];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        FILE *f = fopen(file, "rb");
        assert_non_null(f);
        char buf[8192];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        check_line(buf, n, 200);
        files++;
    }
    closedir(d);
    assert_true(files >= 8);
    /* the labelled corpus, each line and a few mutations of it */
    snprintf(path, sizeof path, "%s/corpus/train.jsonl", data);
    check_file(path, 4);
    snprintf(path, sizeof path, "%s/corpus/heldout.jsonl", data);
    check_file(path, 4);
    assert_true(lines_checked > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_table),  cmocka_unit_test(test_repeated),
        cmocka_unit_test(test_limits),       cmocka_unit_test(test_escape_blocks),
        cmocka_unit_test(test_differential),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
