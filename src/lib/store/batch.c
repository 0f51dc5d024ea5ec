/*
 * batch.c - group commit and read snapshots over the statement layer (db.h).
 *
 * A batch is one write transaction (BEGIN IMMEDIATE on SQLite, the store's advisory lock on
 * PostgreSQL). Each write of it runs in the savepoint `nt_item`; while a batch is open the
 * store's own transactions (sqlite.c, users.c, merge.c: st->in_txn; the public side:
 * nt_pub_txn_begin) become nested savepoints, so one write failing rolls back that write
 * alone. The commit is the single point of durability: with synchronous=FULL it is one
 * fsync of the write-ahead log for every write of the batch.
 */
#include "store/store_int.h"

int netra_store_batch_begin(netra_store *st)
{
    NT_ASSERT_ARG(st != NULL);
    if (st->batch || st->in_txn || st->reading)
        return nt_error_set(NETRA_ERROR, "a transaction is already open on this store");
    int err = nt_db_begin(st->db, NT_DB_WRITE);
    if (err < 0)
        return err;
    st->batch = 1;
    st->in_txn = 1;
    st->item = 0;
    return NETRA_OK;
}

int netra_store_batch_item_begin(netra_store *st)
{
    NT_ASSERT_ARG(st != NULL);
    if (!st->batch || st->item)
        return nt_error_set(NETRA_ERROR, "no batch open, or a write of it is still running");
    int err = nt_db_savepoint(st->db, "nt_item");
    if (err == 0)
        st->item = 1;
    return err;
}

int netra_store_batch_item_end(netra_store *st, int keep)
{
    NT_ASSERT_ARG(st != NULL);
    if (!st->batch || !st->item)
        return nt_error_set(NETRA_ERROR, "no write of a batch is running");
    st->item = 0;
    st->pub_nested = 0;
    if (keep) {
        int err = nt_db_savepoint_release(st->db, "nt_item");
        if (err == 0)
            return NETRA_OK;
        nt_db_savepoint_rollback(st->db, "nt_item");
        return err;
    }
    nt_db_savepoint_rollback(st->db, "nt_item");
    return NETRA_OK;
}

int netra_store_batch_commit(netra_store *st)
{
    NT_ASSERT_ARG(st != NULL);
    if (!st->batch)
        return nt_error_set(NETRA_ERROR, "no batch open");
    st->batch = 0;
    st->in_txn = 0;
    st->item = 0;
    st->pub_nested = 0;
    int err = nt_db_commit(st->db);
    if (err < 0)
        nt_db_rollback(st->db);
    return err;
}

void netra_store_batch_rollback(netra_store *st)
{
    if (st == NULL || !st->batch)
        return;
    st->batch = 0;
    st->in_txn = 0;
    st->item = 0;
    st->pub_nested = 0;
    nt_db_rollback(st->db);
}

int netra_store_read_begin(netra_store *st)
{
    NT_ASSERT_ARG(st != NULL);
    if (st->batch || st->in_txn || st->reading)
        return nt_error_set(NETRA_ERROR, "a transaction is already open on this store");
    int err = nt_db_begin(st->db, NT_DB_READ);
    if (err == 0)
        st->reading = 1;
    return err;
}

void netra_store_read_end(netra_store *st)
{
    if (st == NULL || !st->reading)
        return;
    st->reading = 0;
    /* nothing was written: COMMIT only ends the snapshot; ROLLBACK if it cannot */
    if (nt_db_commit(st->db) < 0)
        nt_db_rollback(st->db);
}
