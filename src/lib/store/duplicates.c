/*
 * duplicates.c - suggestions of cases that may report the same incident (issue 5): the same
 * accused, act and date; the same canonical URL; a near-identical summary by SimHash over
 * the normaliser's tokens. Nothing is merged here (merge.c). The canonical URL of each act
 * and the SimHash of each summary are stored when written (migration 5) and looked up by
 * index: the SimHash by its four 16-bit bands, since two hashes at most 3 bits apart differ
 * in at most 3 bands and so share one. The walk over every act and summary stays as
 * netra_store_case_duplicates_scan(), the benchmark's baseline.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "store/store_int.h"
#include "netra/arena.h"

/* ---- canonical URLs ---------------------------------------------------------------------- */

static int tracking_param(const char *name, size_t len)
{
    static const char *const exact[] = {
        "fbclid",  "gclid",   "dclid", "msclkid", "igshid", "igsh",    "mibextid", "si", "ref",
        "ref_src", "ref_url", "_rdc",  "_rdr",    "__tn__", "feature", "share_id", NULL};
    if (len >= 4 && strncmp(name, "utm_", 4) == 0)
        return 1;
    if (len >= 7 && strncmp(name, "__cft__", 7) == 0)
        return 1;
    for (size_t i = 0; exact[i] != NULL; i++)
        if (strlen(exact[i]) == len && strncmp(name, exact[i], len) == 0)
            return 1;
    return 0;
}

int netra_url_canonical(char *buf, size_t size, const char *url)
{
    NT_ASSERT_ARG(buf != NULL && size > 0 && url != NULL);
    while (*url == ' ' || *url == '\t')
        url++;
    const char *sep = strstr(url, "://");
    if (sep == NULL || sep == url)
        return nt_error_set(NETRA_EINVAL, "'%s' is not a URL (scheme://host)", url);
    nt_buf b;
    nt_buf_init(&b, size - 1);
    int err = 0;
    size_t slen = (size_t)(sep - url);
    if (slen == 4 && strncasecmp(url, "http", 4) == 0)
        err = nt_buf_adds(&b, "https");
    else
        for (size_t i = 0; err == 0 && i < slen; i++)
            err = nt_buf_addc(&b, (char)tolower((unsigned char)url[i]));
    if (err == 0)
        err = nt_buf_adds(&b, "://");
    const char *host = sep + 3;
    size_t hlen = strcspn(host, "/?#");
    if (hlen == 0 && err == 0)
        err = nt_error_set(NETRA_EINVAL, "'%s' has no host", url);
    if (hlen > 4 && strncasecmp(host, "www.", 4) == 0) {
        host += 4;
        hlen -= 4;
    }
    /* The mobile and alternative front ends of the same post. */
    static const char *const mobile[] = {"m.", "mobile.", "mbasic.", "touch.", "web.", NULL};
    for (size_t i = 0; mobile[i] != NULL; i++) {
        size_t ml = strlen(mobile[i]);
        if (hlen > ml && strncasecmp(host, mobile[i], ml) == 0 &&
            memchr(host + ml, '.', hlen - ml) != NULL) {
            host += ml;
            hlen -= ml;
            break;
        }
    }
    const char *path = host + hlen;
    /* A default port says nothing. */
    if (hlen > 3 && strncmp(host + hlen - 3, ":80", 3) == 0)
        hlen -= 3;
    else if (hlen > 4 && strncmp(host + hlen - 4, ":443", 4) == 0)
        hlen -= 4;
    if (hlen == 11 && strncasecmp(host, "twitter.com", 11) == 0) {
        host = "x.com";
        hlen = 5;
    }
    for (size_t i = 0; err == 0 && i < hlen; i++)
        err = nt_buf_addc(&b, (char)tolower((unsigned char)host[i]));
    size_t plen = strcspn(path, "?#");
    while (plen > 0 && path[plen - 1] == '/')
        plen--;
    if (err == 0)
        err = nt_buf_add(&b, path, plen);
    path += strcspn(path, "?#");
    if (err == 0 && *path == '?') {
        const char *q = path + 1;
        size_t qlen = strcspn(q, "#");
        int first = 1;
        while (err == 0 && qlen > 0) {
            size_t plen2 = strcspn(q, "&#");
            if (plen2 > qlen)
                plen2 = qlen;
            size_t nlen = strcspn(q, "=&#");
            if (nlen > plen2)
                nlen = plen2;
            if (plen2 > 0 && !tracking_param(q, nlen)) {
                err = nt_buf_addc(&b, first ? '?' : '&');
                if (err == 0)
                    err = nt_buf_add(&b, q, plen2);
                first = 0;
            }
            size_t step = plen2 < qlen ? plen2 + 1 : plen2;
            q += step;
            qlen -= step;
        }
    }
    if (err == 0)
        snprintf(buf, size, "%s", nt_buf_cstr(&b));
    nt_buf_free(&b);
    if (err == NETRA_ETOOBIG)
        return nt_error_set(NETRA_ETOOBIG, "canonical URL longer than %zu bytes", size - 1);
    return err;
}

/* ---- SimHash ----------------------------------------------------------------------------- */

static uint64_t fnv64(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int netra_simhash(uint64_t *out, size_t *n_tokens_out, netra_normalizer *nz, const char *text,
                  size_t len)
{
    NT_ASSERT_ARG(out != NULL && nz != NULL && (text != NULL || len == 0));
    netra_arena *arena;
    int err = netra_arena_new(&arena, 16384, (size_t)8 << 20);
    if (err < 0)
        return err;
    netra_text t;
    if ((err = netra_normalize(&t, nz, text ? text : "", len, arena)) < 0) {
        netra_arena_free(arena);
        return err;
    }
    int32_t w[64] = {0};
    size_t n = 0;
    for (size_t i = 0; i < t.n_tokens; i++) {
        const netra_token *k = &t.tokens[i];
        if (k->kind != NETRA_TOK_WORD && k->kind != NETRA_TOK_NUMBER &&
            k->kind != NETRA_TOK_HASHTAG)
            continue;
        uint64_t h = fnv64(k->stem, k->stem_len);
        for (int bit = 0; bit < 64; bit++)
            w[bit] += (h >> bit) & 1u ? 1 : -1;
        n++;
    }
    uint64_t s = 0;
    for (int bit = 0; bit < 64; bit++)
        if (w[bit] > 0)
            s |= (uint64_t)1 << bit;
    netra_arena_free(arena);
    *out = s;
    if (n_tokens_out)
        *n_tokens_out = n;
    return NETRA_OK;
}

static int popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* ---- suggestions ------------------------------------------------------------------------- */

typedef struct url_item {
    char canon[256];
} url_item;

static int emit(int (*fn)(const netra_case_duplicate *d, void *payload), void *payload, int64_t id,
                const char *reason, const char *detail)
{
    netra_case_duplicate d;
    memset(&d, 0, sizeof d);
    d.id = id;
    snprintf(d.reason, sizeof d.reason, "%s", reason);
    snprintf(d.detail, sizeof d.detail, "%s", detail);
    return fn(&d, payload);
}

static int by_asn_act(netra_store *st, int64_t id,
                      int (*fn)(const netra_case_duplicate *d, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT a2.case_id, MIN(s.nip), MIN(a1.type), MIN(a1.date) "
                            "FROM acts a1 JOIN case_asn c1 ON c1.case_id = a1.case_id "
                            "JOIN asn s ON s.id = c1.asn_id "
                            "JOIN case_asn c2 ON c2.asn_id = c1.asn_id AND c2.case_id <> ?1 "
                            "JOIN acts a2 ON a2.case_id = c2.case_id AND a2.type = a1.type "
                            "AND a2.date = a1.date WHERE a1.case_id = ?1 "
                            "GROUP BY a2.case_id ORDER BY a2.case_id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW) {
        char date[NETRA_DATE_STRLEN], detail[160];
        netra_date_format((netra_date)nt_db_col_int(q, 3), date);
        snprintf(detail, sizeof detail, "%s %s %s", nt_db_col_text(q, 1), nt_db_col_text(q, 2),
                 date);
        if ((err = emit(fn, payload, nt_db_col_int64(q, 0), "asn_act_date", detail)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

static int by_url_scan(netra_store *st, int64_t id,
                       int (*fn)(const netra_case_duplicate *d, void *payload), void *payload)
{
    /* The case's canonical URLs (a case has few acts). */
    url_item mine[16];
    size_t n_mine = 0;
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT url FROM acts WHERE case_id = ? AND url <> ''");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW && n_mine < 16)
        if (netra_url_canonical(mine[n_mine].canon, sizeof mine[n_mine].canon,
                                nt_db_col_text(q, 0)) == 0)
            n_mine++;
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    if (n_mine == 0)
        return 0;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT case_id, url FROM acts WHERE case_id <> ? AND url <> '' "
                             "ORDER BY case_id, id")) < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int64_t last = 0;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW) {
        int64_t other = nt_db_col_int64(q, 0);
        char canon[256];
        if (other == last || netra_url_canonical(canon, sizeof canon, nt_db_col_text(q, 1)) < 0)
            continue;
        for (size_t i = 0; i < n_mine; i++)
            if (strcmp(canon, mine[i].canon) == 0) {
                last = other;
                err = emit(fn, payload, other, "url", canon);
                break;
            }
        if (err < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

static int by_text_scan(netra_store *st, int64_t id, netra_normalizer *nz,
                        int (*fn)(const netra_case_duplicate *d, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            nt_db_dialect_of(st->db) == NT_DB_PG
                                ? "SELECT id, fields::jsonb ->> 'uraian' FROM cases "
                                  "WHERE (fields::jsonb ->> 'uraian') IS NOT NULL ORDER BY id"
                                : "SELECT id, json_extract(fields, '$.uraian') FROM cases "
                                  "WHERE json_extract(fields, '$.uraian') IS NOT NULL "
                                  "ORDER BY id");
    if (err < 0)
        return err;
    uint64_t h = 0;
    size_t n = 0;
    char text[4096];
    if ((err = netra_store_case_field(text, sizeof text, st, id, "uraian")) < 0 ||
        text[0] == '\0' || (err = netra_simhash(&h, &n, nz, text, strlen(text))) < 0 || n < 4) {
        nt_db_finalize(q);
        return err;
    }
    int rc;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW) {
        int64_t other = nt_db_col_int64(q, 0);
        if (other == id)
            continue;
        const char *t = nt_db_col_text(q, 1);
        size_t len = nt_db_col_bytes(q, 1);
        uint64_t h2;
        size_t n2;
        if (len > NETRA_TEXT_MAX_BYTES || (err = netra_simhash(&h2, &n2, nz, t, len)) < 0)
            break;
        int d = popcount64(h ^ h2);
        if (n2 < 4 || d > NETRA_SIMHASH_NEAR)
            continue;
        char detail[64];
        snprintf(detail, sizeof detail, "simhash %d/64", d);
        if ((err = emit(fn, payload, other, "text", detail)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

int netra_store_case_duplicates_scan(netra_store *st, int64_t id, netra_normalizer *nz,
                                     int (*fn)(const netra_case_duplicate *d, void *payload),
                                     void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    netra_case c;
    int err = netra_store_case_get(&c, st, id);
    if (err < 0)
        return err;
    if ((err = by_asn_act(st, id, fn, payload)) < 0 || (err = by_url_scan(st, id, fn, payload)) < 0)
        return err;
    return nz != NULL ? by_text_scan(st, id, nz, fn, payload) : 0;
}

/* ---- stored keys ------------------------------------------------------------------------- */

int nt_store_index_url(netra_store *st, int64_t act_id, const char *url)
{
    char canon[256] = "";
    int err;
    if (url != NULL && *url != '\0' && (err = netra_url_canonical(canon, sizeof canon, url)) < 0) {
        if (err == NETRA_ENOMEM)
            return err;
        netra_error_clear(); /* not a URL (or too long to be one we compare): no key */
        canon[0] = '\0';
    }
    nt_stmt *q;
    err = nt_db_prepare(st->db, &q, "UPDATE acts SET canon_url = ? WHERE id = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, canon);
    nt_db_bind_int64(q, 2, act_id);
    err = nt_db_queue(q, "storing a canonical URL");
    nt_db_finalize(q);
    return err;
}

/* The four 16-bit bands of a SimHash. */
static int64_t band(uint64_t h, int i)
{
    return (int64_t)((h >> (16 * i)) & 0xffffu);
}

int nt_store_index_text(netra_store *st, int64_t case_id, const char *text)
{
    uint64_t h = 0;
    size_t n = 0;
    int err, have = 0;
    if (st->nz != NULL && text != NULL) {
        size_t len = strlen(text);
        if (len > NETRA_TEXT_MAX_BYTES) { /* the normaliser's bound: its head, whole chars */
            len = NETRA_TEXT_MAX_BYTES;
            while (len > 0 && ((unsigned char)text[len] & 0xc0u) == 0x80u)
                len--;
        }
        if ((err = netra_simhash(&h, &n, st->nz, text, len)) == NETRA_ENOMEM)
            return err;
        if (err < 0) { /* text the normaliser refuses has no key: it matches nothing */
            netra_error_clear();
            h = 0;
            n = 0;
        }
        have = 1;
    }
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "INSERT INTO case_simhash(case_id, simhash, n_tokens, b0, b1, b2, "
                             "b3) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(case_id) DO "
                             "UPDATE SET simhash = ?2, n_tokens = ?3, b0 = ?4, b1 = ?5, "
                             "b2 = ?6, b3 = ?7")) < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    if (have) {
        nt_db_bind_int64(q, 2, (int64_t)h);
        nt_db_bind_int64(q, 3, (int64_t)n);
        for (int i = 0; i < 4; i++)
            nt_db_bind_int64(q, 4 + i, band(h, i));
    } else {
        nt_db_bind_null(q, 2);
        nt_db_bind_int64(q, 3, 0);
        for (int i = 0; i < 4; i++)
            nt_db_bind_null(q, 4 + i);
    }
    err = nt_db_queue(q, "storing a SimHash");
    nt_db_finalize(q);
    return err;
}

#define BACKFILL_BATCH 512

/* Computes pending keys in batches of one transaction each: acts' canonical URLs always,
 * summaries' SimHash when the store has a normaliser. */
int nt_store_dup_backfill(netra_store *st)
{
    if (st->in_txn)
        return NETRA_OK;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && st->nz == NULL)
            break;
        for (;;) {
            int64_t ids[BACKFILL_BATCH];
            size_t n = 0;
            nt_stmt *q;
            int err = nt_db_prepare(st->db, &q,
                                    pass == 0 ? "SELECT id FROM acts WHERE canon_url IS NULL "
                                                "ORDER BY id LIMIT 512"
                                              : "SELECT case_id FROM case_simhash WHERE "
                                                "simhash IS NULL ORDER BY case_id LIMIT 512");
            if (err < 0)
                return err;
            int rc;
            while (n < BACKFILL_BATCH && (rc = nt_db_step(q, "finding pending keys")) == NT_DB_ROW)
                ids[n++] = nt_db_col_int64(q, 0);
            nt_db_finalize(q);
            if (rc < 0)
                return rc;
            if (n == 0)
                break;
            if ((err = nt_db_begin(st->db, NT_DB_WRITE)) < 0)
                return err;
            for (size_t i = 0; err == 0 && i < n; i++) {
                if (pass == 0) {
                    char url[4096];
                    if ((err = nt_db_prepare(st->db, &q, "SELECT url FROM acts WHERE id = ?")) < 0)
                        break;
                    nt_db_bind_int64(q, 1, ids[i]);
                    url[0] = '\0';
                    if ((rc = nt_db_step(q, "reading an act")) == NT_DB_ROW)
                        snprintf(url, sizeof url, "%s", nt_db_col_text(q, 0));
                    nt_db_finalize(q);
                    err = rc < 0 ? rc : nt_store_index_url(st, ids[i], url);
                } else {
                    char text[NETRA_TEXT_MAX_BYTES + 1];
                    if ((err = netra_store_case_field(text, sizeof text, st, ids[i], "uraian")) ==
                        NETRA_ETOOBIG)
                        err = 0; /* longer than the normaliser takes: the head below */
                    if (err == 0)
                        err = nt_store_index_text(st, ids[i], text);
                }
            }
            if (err < 0) {
                nt_db_rollback(st->db);
                return err;
            }
            if ((err = nt_db_commit(st->db)) < 0)
                return err;
        }
    }
    return NETRA_OK;
}

int netra_store_set_normalizer(netra_store *st, netra_normalizer *nz)
{
    NT_ASSERT_ARG(st != NULL);
    st->nz = nz;
    return nt_store_dup_backfill(st);
}

/* ---- indexed suggestions ----------------------------------------------------------------- */

static int by_url(netra_store *st, int64_t id,
                  int (*fn)(const netra_case_duplicate *d, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT a2.case_id, MIN(a2.canon_url) FROM acts a1 JOIN acts a2 "
                            "ON a2.canon_url = a1.canon_url AND a2.case_id <> a1.case_id "
                            "WHERE a1.case_id = ? AND a1.canon_url <> '' "
                            "GROUP BY a2.case_id ORDER BY a2.case_id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW)
        if ((err = emit(fn, payload, nt_db_col_int64(q, 0), "url", nt_db_col_text(q, 1))) < 0)
            break;
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

/* The stored SimHash of a case: 1 when there is one with enough tokens, 0 when not. */
static int own_simhash(uint64_t *h, netra_store *st, int64_t id, netra_normalizer *nz)
{
    nt_stmt *q;
    int err =
        nt_db_prepare(st->db, &q, "SELECT simhash, n_tokens FROM case_simhash WHERE case_id = ?");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int rc = nt_db_step(q, "reading a SimHash"), found = 0, pending = 0;
    if (rc == NT_DB_ROW) {
        pending = nt_db_col_is_null(q, 0);
        *h = (uint64_t)nt_db_col_int64(q, 0);
        found = !pending && nt_db_col_int64(q, 1) >= 4;
    }
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    if (pending && nz != NULL) { /* written without a normaliser: compute it for this query */
        char text[NETRA_TEXT_MAX_BYTES + 1];
        size_t n = 0;
        if ((err = netra_store_case_field(text, sizeof text, st, id, "uraian")) < 0 &&
            err != NETRA_ETOOBIG)
            return err;
        if ((err = netra_simhash(h, &n, nz, text, strlen(text))) < 0)
            return err;
        found = n >= 4;
    }
    return found;
}

static int by_text(netra_store *st, int64_t id, netra_normalizer *nz,
                   int (*fn)(const netra_case_duplicate *d, void *payload), void *payload)
{
    uint64_t h = 0;
    int err = own_simhash(&h, st, id, nz);
    if (err <= 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT coalesce(c.merged_into, s.case_id) AS other, s.simhash "
                             "FROM case_simhash s JOIN cases c ON c.id = s.case_id "
                             "WHERE (s.b0 = ?1 OR s.b1 = ?2 OR s.b2 = ?3 OR s.b3 = ?4) "
                             "AND s.case_id <> ?5 AND s.n_tokens >= 4 ORDER BY other, "
                             "s.case_id")) < 0)
        return err;
    for (int i = 0; i < 4; i++)
        nt_db_bind_int64(q, 1 + i, band(h, i));
    nt_db_bind_int64(q, 5, id);
    int rc;
    int64_t last = 0;
    while ((rc = nt_db_step(q, "finding duplicates")) == NT_DB_ROW) {
        int64_t other = nt_db_col_int64(q, 0);
        int d = popcount64(h ^ (uint64_t)nt_db_col_int64(q, 1));
        if (other == id || other == last || d > NETRA_SIMHASH_NEAR)
            continue;
        last = other;
        char detail[64];
        snprintf(detail, sizeof detail, "simhash %d/64", d);
        if ((err = emit(fn, payload, other, "text", detail)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

int netra_store_case_duplicates(netra_store *st, int64_t id, netra_normalizer *nz,
                                int (*fn)(const netra_case_duplicate *d, void *payload),
                                void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    netra_case c;
    int err = netra_store_case_get(&c, st, id);
    if (err < 0)
        return err;
    if ((err = by_asn_act(st, id, fn, payload)) < 0 || (err = by_url(st, id, fn, payload)) < 0)
        return err;
    return by_text(st, id, nz ? nz : st->nz, fn, payload);
}
