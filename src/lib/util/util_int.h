/*
 * util_int.h - libnetra's internal toolkit: allocation, errors, bounded buffers, arenas,
 * vectors, hash maps, strings, the TSV data reader and logging.
 *
 * Layering: util depends on nothing but libc; every other module of src/lib uses it.
 * Nothing here is exported; names carry the `nt_` prefix.
 */
#ifndef NT_UTIL_INT_H
#define NT_UTIL_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "netra/common.h"
#include "netra/error.h"
#include "netra/date.h"

#if defined(__GNUC__)
#define NT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NT_PRINTF(f, a)
#endif

/* ---- allocation (alloc.c) ---------------------------------------------------------------
 * Every allocation of the library goes through these; they return NULL on failure and set
 * the thread's error to NETRA_ENOMEM. */
void *nt_malloc(size_t size);
void *nt_calloc(size_t n, size_t size);
void *nt_realloc(void *ptr, size_t size);
void nt_free(void *ptr);
char *nt_strdup(const char *s);
char *nt_strndup(const char *s, size_t len);

/* ---- errors (error.c) -------------------------------------------------------------------
 * nt_error_set records `code` and a formatted message for the calling thread and returns
 * `code`, so a failure reads `return nt_error_set(NETRA_EINVAL, "...")`.
 * nt_error_set_oom never allocates. */
int nt_error_set(int code, const char *fmt, ...) NT_PRINTF(2, 3);
int nt_error_vset(int code, const char *fmt, va_list ap);
int nt_error_set_oom(void);
/* Prepends "prefix: " to the current message, keeping the code. */
int nt_error_prefix(const char *fmt, ...) NT_PRINTF(1, 2);

#define NT_ASSERT_ARG(x)                                                                           \
    do {                                                                                           \
        if (!(x))                                                                                  \
            return nt_error_set(NETRA_EINVAL, "%s: invalid argument '%s'", __func__, #x);          \
    } while (0)

/* ---- bounded growable buffer (buf.c) ----------------------------------------------------
 * Modelled on curl's dynbuf. `max` bounds the content length; an append that would pass it
 * fails with NETRA_ETOOBIG. Any failed append frees the buffer (it is then empty and can be
 * reused). The content is always NUL-terminated once something was added. */
typedef struct nt_buf {
    char *ptr;  /* content, NUL-terminated; NULL until the first append */
    size_t len; /* content length, without the NUL */
    size_t cap; /* allocated bytes */
    size_t max; /* limit on len */
} nt_buf;

void nt_buf_init(nt_buf *b, size_t max);
void nt_buf_free(nt_buf *b);
void nt_buf_reset(nt_buf *b); /* keeps the allocation, empties the content */
/* Makes room for len more bytes (and the NUL) without adding them: a writer may then
 * write up to len bytes at ptr + len itself. Fails like nt_buf_add(). */
int nt_buf_reserve(nt_buf *b, size_t len);
int nt_buf_add(nt_buf *b, const void *data, size_t len);
int nt_buf_adds(nt_buf *b, const char *s);
int nt_buf_addc(nt_buf *b, char c);
int nt_buf_addf(nt_buf *b, const char *fmt, ...) NT_PRINTF(2, 3);
int nt_buf_vaddf(nt_buf *b, const char *fmt, va_list ap);
/* Hands the content to the caller (free with nt_free) and empties the buffer. Returns ""
 * duplicated when empty; NULL on OOM. */
char *nt_buf_detach(nt_buf *b, size_t *len_out);
/* Content or "" when nothing was added. Borrowed. */
const char *nt_buf_cstr(const nt_buf *b);

/* ---- arena (arena.c) --------------------------------------------------------------------
 * A bump allocator for transient work: allocations are never freed one by one; reset or
 * free the arena instead. `max` bounds the total bytes taken from the system (0 = no bound). */
typedef struct nt_arena_chunk nt_arena_chunk;
typedef struct nt_arena {
    nt_arena_chunk *head; /* current chunk, linked to older ones */
    size_t chunk_size;    /* default chunk payload size */
    size_t total;         /* bytes taken from the allocator */
    size_t max;           /* bound on total, 0 for none */
} nt_arena;

void nt_arena_init(nt_arena *a, size_t chunk_size, size_t max);
/* NULL on failure with NETRA_ENOMEM or NETRA_ETOOBIG set. Memory is 16-byte aligned. */
void *nt_arena_alloc(nt_arena *a, size_t size);
char *nt_arena_strndup(nt_arena *a, const char *s, size_t len);
char *nt_arena_strdup(nt_arena *a, const char *s);
void nt_arena_reset(nt_arena *a); /* keeps the first chunk, forgets everything */
void nt_arena_free(nt_arena *a);
/* The arena inside a public netra_arena. */
struct netra_arena;
nt_arena *nt_arena_of(struct netra_arena *arena);

/* ---- vector (vec.c) ---------------------------------------------------------------------
 * A growable array of fixed-size elements, bounded to `max` elements (0 = SIZE_MAX/size). */
typedef struct nt_vec {
    void *items;      /* element storage */
    size_t n;         /* elements in use */
    size_t cap;       /* elements allocated */
    size_t elem_size; /* bytes per element */
    size_t max;       /* bound on n */
} nt_vec;

void nt_vec_init(nt_vec *v, size_t elem_size, size_t max);
void nt_vec_free(nt_vec *v);
/* Appends a copy of `elem` (or zeroes when NULL); returns the new slot or NULL on failure. */
void *nt_vec_push(nt_vec *v, const void *elem);
void *nt_vec_at(const nt_vec *v, size_t i); /* NULL when out of range */
int nt_vec_reserve(nt_vec *v, size_t n);

/* ---- hash map (hash.c) ------------------------------------------------------------------
 * Open addressing with linear probing over byte-string keys. Keys are borrowed: they must
 * outlive their entry (put them in an arena or in the value). Values are opaque pointers.
 * Lookup and insertion are O(1) expected; the table doubles at 70% load. */
typedef struct nt_map_slot {
    const char *key; /* borrowed key bytes; NULL for an empty slot */
    size_t klen;     /* key length */
    uint64_t hash;   /* cached hash */
    void *value;     /* the value */
} nt_map_slot;

typedef struct nt_map {
    nt_map_slot *slots; /* capacity is a power of two */
    size_t cap;         /* number of slots */
    size_t n;           /* live entries */
    size_t n_tomb;      /* deleted slots still occupying probes */
} nt_map;

void nt_map_init(nt_map *m);
void nt_map_free(nt_map *m);
/* Inserts or replaces. `old_out` (may be NULL) receives the replaced value or NULL. */
int nt_map_put(nt_map *m, const char *key, size_t klen, void *value, void **old_out);
void *nt_map_get(const nt_map *m, const char *key, size_t klen);
int nt_map_has(const nt_map *m, const char *key, size_t klen);
/* Removes and returns the value, NULL when absent. */
void *nt_map_del(nt_map *m, const char *key, size_t klen);
/* Iteration: start with *iter = 0; returns 0 when done. */
int nt_map_next(const nt_map *m, size_t *iter, const char **key_out, size_t *klen_out,
                void **value_out);
uint64_t nt_hash_bytes(const void *data, size_t len);
/* The same operations with a hash the caller computed; a map must use one hash function
 * for all its operations. */
int nt_map_put_h(nt_map *m, const char *key, size_t klen, uint64_t hash, void *value,
                 void **old_out);
void *nt_map_get_h(const nt_map *m, const char *key, size_t klen, uint64_t hash);
/* FNV-1a, which a scanner can compute byte by byte as it reads (h = (h ^ byte) * PRIME from
 * NT_FNV_SEED), finished by an avalanche. */
#define NT_FNV_SEED  1469598103934665603ULL
#define NT_FNV_PRIME 1099511628211ULL
static inline uint64_t nt_hash_fnv_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
uint64_t nt_hash_fnv(const void *data, size_t len);

/* ---- strings (str.c) --------------------------------------------------------------------*/
/* Parses a whole decimal integer in [min, max]; no spaces, optional leading '-'. */
int nt_parse_long(long *out, const char *s, size_t len, long min, long max);
int nt_str_eq(const char *a, size_t alen, const char *b); /* a[0..alen) equals NUL-term b */
int nt_str_ieq_ascii(const char *a, const char *b);       /* ASCII case-insensitive */
/* Splits s[0..len) on `sep`, calling fn for each part (empty parts included). */
int nt_str_split(const char *s, size_t len, char sep,
                 int (*fn)(const char *part, size_t plen, void *payload), void *payload);
/* Reads a whole file into a NUL-terminated buffer; fails with NETRA_ETOOBIG past max. */
int nt_file_read(char **out, size_t *len_out, const char *path, size_t max);

/* ASCII case folding of one byte / of a buffer in place (bytes >= 0x80 untouched). */
static inline char nt_ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}
static inline void nt_str_lower_ascii(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s[i] = nt_ascii_lower(s[i]);
}
/* Writes code point cp (at most U+10FFFF) as UTF-8 into out[0..4); returns the byte count. */
size_t nt_utf8_put(char *out, uint32_t cp);
/* splitmix64: a deterministic pseudo-random sequence from a seed (shuffles, sampling). */
static inline uint64_t nt_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- records of delimited files (rec.c) --------------------------------------------------
 * The header and the current record of a TSV or CSV file, shared by both readers: column
 * lookup by name, field access, and errors that name path:line and the field. */
#define NT_REC_MAX_COLS 32

typedef struct nt_rec {
    const char *path;                       /* for messages; borrowed */
    unsigned line;                          /* line where the current record starts */
    size_t n_cols;                          /* columns in the header */
    const char *col_names[NT_REC_MAX_COLS]; /* header names */
    const char *fields[NT_REC_MAX_COLS];    /* current record, NUL-terminated */
    size_t lens[NT_REC_MAX_COLS];           /* their lengths */
} nt_rec;

/* Checks the header in col_names[0..n_cols): names non-empty and distinct, and every name of
 * `required` (NULL-terminated, may be NULL) present. NETRA_EDATA otherwise. */
int nt_rec_check_header(const nt_rec *r, const char *const *required);
/* Column index by name, -1 when absent. */
int nt_rec_col(const nt_rec *r, const char *name);
/* The field of the current record by column name; "" with len 0 when the column is absent. */
const char *nt_rec_get(const nt_rec *r, const char *name, size_t *len_out);
/* Records "path:line: field 'name': reason" (no field part when NULL); returns NETRA_EDATA. */
int nt_rec_error(const nt_rec *r, const char *field, const char *fmt, ...) NT_PRINTF(3, 4);

/* ---- TSV data files (tsv.c) ---------------------------------------------------------------
 * The reader behind every shipped data file; format in docs/data/formats.md. Errors name
 * file:line and the field. Limits: NT_REC_MAX_COLS columns, lines of NT_TSV_MAX_LINE bytes,
 * files of NT_TSV_MAX_FILE bytes. */
#define NT_TSV_MAX_LINE 65536
#define NT_TSV_MAX_FILE (64u * 1024u * 1024u)

typedef struct nt_tsv {
    nt_rec rec;    /* header and current record (fields point into data) */
    char *data;    /* the whole file, owned, split in place */
    size_t len;    /* bytes in data */
    size_t pos;    /* next unread byte */
    unsigned line; /* lines read so far */
} nt_tsv;

/* Opens a file from disk, or a memory image when `data` is not NULL (copied). Reads the
 * header and checks that every name of `required` (NULL-terminated, may be NULL) exists. */
int nt_tsv_open(nt_tsv *t, const char *path, const char *data, size_t len,
                const char *const *required);
void nt_tsv_close(nt_tsv *t);
/* Advances to the next record: 1 when there is one, 0 at the end, < 0 on error. */
int nt_tsv_next(nt_tsv *t);
/* Column lookup, field access and errors: nt_rec_* on the current record. */
#define nt_tsv_col(t, name)          nt_rec_col(&(t)->rec, (name))
#define nt_tsv_get(t, name, len_out) nt_rec_get(&(t)->rec, (name), (len_out))
#define nt_tsv_error(t, ...)         nt_rec_error(&(t)->rec, __VA_ARGS__)
/* Helpers that validate a field and report through nt_tsv_error. */
int nt_tsv_get_date(netra_date *out, const nt_tsv *t, const char *name, int optional,
                    int *present_out);
int nt_tsv_get_long(long *out, const nt_tsv *t, const char *name, long min, long max);
/* Duplicates a required non-empty field into the arena. */
int nt_tsv_get_str(const char **out, const nt_tsv *t, const char *name, nt_arena *a, int optional);

/* A table file of a data directory, read with a bound on its rows (tsv.c): the loaders of
 * data/law and data/text use it. */
typedef struct nt_table {
    nt_tsv t;        /* the open file */
    nt_buf path;     /* "dir/name", for messages */
    size_t rows;     /* rows read */
    size_t max_rows; /* bound on rows */
} nt_table;

int nt_table_open(nt_table *tb, const char *dir, const char *name, const char *const *cols,
                  size_t max_rows);
/* Next record: 1, 0 at the end, < 0 on error (including more than max_rows rows). */
int nt_table_next(nt_table *tb);
void nt_table_close(nt_table *tb);

/* ---- CSV files (csv.c) --------------------------------------------------------------------
 * RFC 4180: comma-separated fields, optionally double-quoted; "" inside quotes is one quote;
 * a quoted field may hold commas and line breaks. Records end with LF or CRLF; blank lines
 * are skipped; a UTF-8 BOM at the start is skipped. The first record is the header.
 *
 * The data is copied (or read from disk, bounded by `max_file`) and unquoted in place, so
 * fields point into the reader's buffer and stay valid until the next nt_csv_next(). A
 * record is bounded to NT_CSV_MAX_RECORD bytes and NT_CSV_MAX_FIELDS fields. Rejected: an
 * unterminated quote, text after a closing quote, a quote inside an unquoted field, a CR
 * not followed by LF, a NUL byte, a record whose field count differs from the header's.
 * Errors are NETRA_EDATA with "path:line: reason", line being where the record starts. */
#define NT_CSV_MAX_FIELDS 16
#define NT_CSV_MAX_RECORD 4096

typedef struct nt_csv {
    nt_rec rec;    /* header and current record (fields point into data) */
    char *data;    /* the whole input, owned, unquoted in place */
    size_t len;    /* bytes in data (data[len] is NUL) */
    size_t pos;    /* next unread byte */
    unsigned line; /* line of the next unread byte, 1-based */
} nt_csv;

/* Opens a file (data == NULL) or a copy of a memory image, and reads the header: names must
 * be non-empty and distinct, and every name of `required` (NULL-terminated) present. */
int nt_csv_open(nt_csv *c, const char *path, const char *data, size_t len, size_t max_file,
                const char *const *required);
void nt_csv_close(nt_csv *c);
/* Next record: 1 when there is one, 0 at the end, < 0 on error. */
int nt_csv_next(nt_csv *c);
#define nt_csv_col(c, name)          nt_rec_col(&(c)->rec, (name))
#define nt_csv_get(c, name, len_out) nt_rec_get(&(c)->rec, (name), (len_out))
#define nt_csv_error(c, ...)         nt_rec_error(&(c)->rec, __VA_ARGS__)

/* ---- logging (log.c) --------------------------------------------------------------------*/
typedef enum nt_log_level { NT_LOG_ERROR = 0, NT_LOG_WARN, NT_LOG_INFO, NT_LOG_DEBUG } nt_log_level;

/* The threshold comes from NETRA_LOG (error, warn, info, debug); default warn. */
void nt_log(nt_log_level level, const char *fmt, ...) NT_PRINTF(2, 3);
void nt_log_set_level(nt_log_level level);
/* Replaces the sink (default: stderr); NULL restores it. */
void nt_log_set_sink(void (*sink)(nt_log_level level, const char *msg, void *payload),
                     void *payload);

#endif
