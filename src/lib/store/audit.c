/*
 * audit.c - the audit chain. Every change appends one entry (actor, time, action, entity,
 * before and after as JSON); its hash is the SHA-256 of the previous entry's hash and of
 * every column, fields separated by a unit separator (0x1F). The last entry's sequence and
 * hash are kept in meta.audit_head, so deleting the newest entries is detected too.
 *
 * Appending is serial: it runs in a write transaction, which holds the writers' lock (SQLite's
 * single writer, PostgreSQL's advisory lock), so nobody else moves the head meanwhile. The
 * head is read from meta once per transaction and then kept in memory (store_int.h); it is
 * written to meta once, just before the commit (nt_store_audit_before_commit, called by
 * nt_db_commit), in the same transaction as the entries, so a crash keeps both or neither.
 * (Moving it at every entry made PostgreSQL walk the row's versions of the transaction at
 * each update: quadratic in the entries of a transaction.) After a rollback to a savepoint
 * the head is read again: meta's, or the newest entry this transaction appended that is
 * left. Entries are written with nt_db_queue: on PostgreSQL they travel with the next
 * statement that waits. An entry outside a write transaction moves meta's head at once.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static int entry_hash(char out[65], const char *prev, int64_t seq, const char *at,
                      const char *actor, const char *action, const char *entity, int64_t entity_id,
                      const char *before, const char *after)
{
    nt_buf b;
    nt_buf_init(&b, 64u << 20);
    int err =
        nt_buf_addf(&b, "%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%s\x1f%s", prev,
                    (long long)seq, at, actor, action, entity, (long long)entity_id, before, after);
    if (err == 0)
        nt_sha256_hex(out, b.ptr, b.len);
    nt_buf_free(&b);
    return err;
}

static int read_head(netra_store *st, int64_t *seq, char hash[65])
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT value FROM meta WHERE key = 'audit_head'");
    if (err < 0)
        return err;
    *seq = 0;
    memcpy(hash, GENESIS, 65);
    int rc = nt_db_step(q, "reading the audit head");
    if (rc < 0)
        err = rc;
    if (rc == NT_DB_ROW) {
        const char *v = nt_db_col_text(q, 0);
        const char *colon = v ? strchr(v, ':') : NULL;
        long parsed = 0;
        if (colon == NULL || strlen(colon + 1) != 64 ||
            nt_parse_long(&parsed, v, (size_t)(colon - v), 0, 0x7fffffffL) < 0) {
            err = nt_error_set(NETRA_EDATA, "audit entry ?: meta.audit_head is malformed");
        } else {
            *seq = parsed;
            memcpy(hash, colon + 1, 64);
            hash[64] = '\0';
        }
    }
    nt_db_finalize(q);
    return err;
}

/*
 * The head as this connection sees it: inside a write transaction the one kept in memory,
 * else meta's and, when this transaction appended entries whose head is not in meta yet
 * (a rollback to a savepoint dropped the one in memory), the newest of them still there.
 */
static int current_head(netra_store *st, int64_t *seq, char hash[65])
{
    uint64_t epoch = nt_db_write_epoch(st->db);
    if (epoch != 0 && st->head_epoch == epoch) {
        *seq = st->head_seq;
        memcpy(hash, st->head_hash, 65);
        return NETRA_OK;
    }
    int err = read_head(st, seq, hash);
    if (err < 0)
        return err;
    uint64_t txn = nt_db_write_txn(st->db);
    if (txn != 0 && st->head_txn == txn) {
        nt_stmt *q;
        if ((err = nt_db_prepare(st->db, &q,
                                 "SELECT seq, hash FROM audit WHERE seq > ? ORDER BY seq DESC "
                                 "LIMIT 1")) < 0)
            return err;
        nt_db_bind_int64(q, 1, *seq);
        int rc = nt_db_step(q, "reading the audit head");
        if (rc < 0) {
            err = rc;
        } else if (rc == NT_DB_ROW) {
            const char *h = nt_db_col_text(q, 1);
            if (h == NULL || strlen(h) != 64) {
                err = nt_error_set(NETRA_EDATA, "audit entry %lld: its hash is malformed",
                                   (long long)nt_db_col_int64(q, 0));
            } else {
                *seq = nt_db_col_int64(q, 0);
                memcpy(hash, h, 65);
            }
        }
        nt_db_finalize(q);
        if (err < 0)
            return err;
    }
    if (epoch != 0) {
        st->head_epoch = epoch;
        st->head_seq = *seq;
        memcpy(st->head_hash, hash, 65);
    }
    return NETRA_OK;
}

static int write_head(netra_store *st, int64_t seq, const char hash[65])
{
    char head[96];
    snprintf(head, sizeof head, "%lld:%s", (long long)seq, hash);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "INSERT INTO meta(key, value) VALUES ('audit_head', ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, head);
    err = nt_db_queue(q, "moving the audit head");
    nt_db_finalize(q);
    return err;
}

int nt_store_audit_before_commit(void *arg)
{
    netra_store *st = arg;
    uint64_t txn = nt_db_write_txn(st->db);
    if (txn == 0 || st->head_txn != txn)
        return NETRA_OK;
    int64_t seq;
    char hash[65];
    int err = current_head(st, &seq, hash);
    if (err == 0)
        err = write_head(st, seq, hash);
    if (err == 0)
        st->head_txn = 0;
    return err;
}

int nt_store_audit(netra_store *st, const netra_actor *actor, const char *action,
                   const char *entity, int64_t entity_id, const char *before, const char *after)
{
    int64_t seq;
    char prev[65], hash[65], at[32];
    int err = current_head(st, &seq, prev);
    if (err < 0)
        return err;
    st->head_epoch = 0;
    seq++;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if ((err = entry_hash(hash, prev, seq, at, actor->name, action, entity, entity_id, before,
                          after)) < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "INSERT INTO audit(seq, at, actor, action, entity, "
                             "entity_id, before, after, prev_hash, hash) VALUES "
                             "(?,?,?,?,?,?,?,?,?,?)")) < 0)
        return err;
    nt_db_bind_int64(q, 1, seq);
    nt_db_bind_text(q, 2, at);
    nt_db_bind_text(q, 3, actor->name);
    nt_db_bind_text(q, 4, action);
    nt_db_bind_text(q, 5, entity);
    nt_db_bind_int64(q, 6, entity_id);
    nt_db_bind_text(q, 7, before);
    nt_db_bind_text(q, 8, after);
    nt_db_bind_text(q, 9, prev);
    nt_db_bind_text(q, 10, hash);
    err = nt_db_queue(q, "appending to the audit chain");
    nt_db_finalize(q);
    if (err < 0)
        return err;
    uint64_t txn = nt_db_write_txn(st->db);
    if (txn == 0) /* not in a write transaction: the head moves with the entry */
        return write_head(st, seq, hash);
    /* in one: the head is kept in memory and written once, before the commit */
    st->head_epoch = nt_db_write_epoch(st->db);
    st->head_seq = seq;
    memcpy(st->head_hash, hash, 65);
    st->head_txn = txn;
    return NETRA_OK;
}

static const char *col(nt_stmt *q, int i)
{
    const char *s = nt_db_col_text(q, i);
    return s ? s : "";
}

int netra_store_audit_verify(int64_t *entries_out, int64_t *bad_seq_out, netra_store *st)
{
    NT_ASSERT_ARG(st != NULL);
    if (entries_out)
        *entries_out = 0;
    if (bad_seq_out)
        *bad_seq_out = 0;
    int64_t n = 0, bad = 0, head_seq;
    char head_hash[65];
    int err = current_head(st, &head_seq, head_hash);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT seq, at, actor, action, entity, entity_id, "
                             "before, after, prev_hash, hash FROM audit ORDER BY "
                             "seq")) < 0)
        return err;
    char prev[65];
    memcpy(prev, GENESIS, 65);
    int64_t expect = 1;
    int rc;
    while ((rc = nt_db_step(q, "reading the audit chain")) == NT_DB_ROW) {
        int64_t seq = nt_db_col_int64(q, 0);
        char h[65];
        if ((err = entry_hash(h, prev, seq, col(q, 1), col(q, 2), col(q, 3), col(q, 4),
                              nt_db_col_int64(q, 5), col(q, 6), col(q, 7))) < 0)
            break;
        if (seq != expect) {
            bad = expect;
            err = nt_error_set(NETRA_EDATA,
                               "audit entry %lld: missing or out of order (found entry %lld "
                               "where %lld was expected: deleted or reordered)",
                               (long long)expect, (long long)seq, (long long)expect);
            break;
        }
        if (strcmp(col(q, 8), prev) != 0) {
            bad = seq;
            err = nt_error_set(NETRA_EDATA,
                               "audit entry %lld: does not follow entry %lld (its previous "
                               "hash differs: an entry was deleted, reordered or edited)",
                               (long long)seq, (long long)seq - 1);
            break;
        }
        if (strcmp(col(q, 9), h) != 0) {
            bad = seq;
            err = nt_error_set(NETRA_EDATA,
                               "audit entry %lld: hash does not match its content (edited)",
                               (long long)seq);
            break;
        }
        memcpy(prev, h, 65);
        expect++;
        n++;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    if (err == 0 && (n != head_seq || strcmp(prev, head_hash) != 0)) {
        bad = n + 1;
        err = nt_error_set(NETRA_EDATA,
                           "audit entry %lld: the chain ends at entry %lld but the recorded "
                           "head is entry %lld (entries deleted at the end, or the head edited)",
                           (long long)bad, (long long)n, (long long)head_seq);
    }
    if (entries_out)
        *entries_out = n;
    if (bad_seq_out)
        *bad_seq_out = bad;
    return err;
}

int netra_store_audit_head(int64_t *seq_out, char hash_hex[65], netra_store *st)
{
    NT_ASSERT_ARG(seq_out != NULL && hash_hex != NULL && st != NULL);
    return current_head(st, seq_out, hash_hex);
}
