/*
 * migrate.c - the schema, as numbered migrations compiled into the library. Each applied
 * migration is recorded with the SHA-256 of its SQL; a database whose recorded checksum
 * differs from the compiled one is refused (someone changed a migration after it shipped, or
 * the database belongs to another build). Migrations are never edited once released: a
 * change is a new migration.
 */
#include <string.h>

#include "store/store_int.h"
#include "store/users_int.h"

static const char *const migrations[] = {
    /* 1: cases, reporters, accused ASN, acts, evidence, clocks, audit chain */
    "CREATE TABLE cases (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  version INTEGER NOT NULL DEFAULT 1,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('laporan','temuan','informasi_awal')),\n"
    "  regime TEXT NOT NULL CHECK (regime IN ('pemilu','pilkada')),\n"
    "  election TEXT NOT NULL DEFAULT '',\n"
    "  state TEXT NOT NULL,\n"
    "  region TEXT NOT NULL DEFAULT '',\n"
    "  holder TEXT NOT NULL,\n"
    "  title TEXT NOT NULL,\n"
    "  fields TEXT NOT NULL DEFAULT '{}',\n"
    "  opened INTEGER NOT NULL,\n"
    "  updated INTEGER NOT NULL,\n"
    "  demo INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX cases_state ON cases(state, region);\n"
    "CREATE INDEX cases_region ON cases(region);\n"
    "CREATE TABLE reporters (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  identity BLOB NOT NULL,\n"
    "  contact BLOB,\n"
    "  eligibility TEXT NOT NULL DEFAULT '',\n"
    "  represented INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE INDEX reporters_case ON reporters(case_id);\n"
    "CREATE TABLE asn (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  nip TEXT NOT NULL UNIQUE,\n"
    "  name TEXT NOT NULL,\n"
    "  employee_type TEXT NOT NULL DEFAULT '',\n"
    "  agency TEXT NOT NULL DEFAULT '',\n"
    "  position_class TEXT NOT NULL DEFAULT '',\n"
    "  region TEXT NOT NULL DEFAULT '',\n"
    "  ppk TEXT NOT NULL DEFAULT '',\n"
    "  accounts TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE case_asn (\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  asn_id INTEGER NOT NULL REFERENCES asn(id),\n"
    "  PRIMARY KEY (case_id, asn_id));\n"
    "CREATE INDEX case_asn_asn ON case_asn(asn_id);\n"
    "CREATE TABLE acts (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  type TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  region TEXT NOT NULL DEFAULT '',\n"
    "  platform TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '',\n"
    "  contestant TEXT NOT NULL DEFAULT '',\n"
    "  election TEXT NOT NULL DEFAULT '',\n"
    "  stage TEXT NOT NULL DEFAULT '',\n"
    "  form TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE blobs (\n"
    "  sha256 TEXT PRIMARY KEY,\n"
    "  size INTEGER NOT NULL,\n"
    "  content BLOB NOT NULL);\n"
    "CREATE TABLE evidence (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  sha256 TEXT NOT NULL REFERENCES blobs(sha256),\n"
    "  kind TEXT NOT NULL,\n"
    "  media_type TEXT NOT NULL DEFAULT '',\n"
    "  url TEXT NOT NULL DEFAULT '',\n"
    "  captured_at TEXT NOT NULL,\n"
    "  captured_by TEXT NOT NULL);\n"
    "CREATE TABLE custody (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  evidence_id INTEGER NOT NULL REFERENCES evidence(id),\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  action TEXT NOT NULL,\n"
    "  note TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE clocks (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  clock TEXT NOT NULL,\n"
    "  started INTEGER NOT NULL,\n"
    "  deadline INTEGER NOT NULL,\n"
    "  extended INTEGER NOT NULL DEFAULT 0,\n"
    "  running INTEGER NOT NULL DEFAULT 1,\n"
    "  stopped INTEGER);\n"
    "CREATE INDEX clocks_running ON clocks(running, deadline);\n"
    "CREATE INDEX clocks_case ON clocks(case_id);\n"
    "CREATE TABLE audit (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  action TEXT NOT NULL,\n"
    "  entity TEXT NOT NULL,\n"
    "  entity_id INTEGER NOT NULL,\n"
    "  before TEXT NOT NULL,\n"
    "  after TEXT NOT NULL,\n"
    "  prev_hash TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL);\n"
    "CREATE INDEX audit_entity ON audit(entity, entity_id);\n"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n",
    /* 2: a case's acts by case (case show, export, duplicates read them per case) */
    "CREATE INDEX acts_case ON acts(case_id, date);\n",
    /* 3: accounts: offices, users, sessions, API tokens, login failures (users.c) */
    nt_store_migration_accounts,
    /* 4: the public side and the review queue (public.c, queue.c): receipt hashes, the
     * messages between examiner and reporter, and the detector verdicts awaiting review. */
    "CREATE TABLE receipts (\n"
    "  case_id INTEGER PRIMARY KEY REFERENCES cases(id),\n"
    "  code_hash TEXT NOT NULL UNIQUE,\n"
    "  created TEXT NOT NULL);\n"
    "CREATE TABLE case_messages (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  case_id INTEGER NOT NULL REFERENCES cases(id),\n"
    "  at TEXT NOT NULL,\n"
    "  sender TEXT NOT NULL CHECK (sender IN ('pemeriksa','pelapor')),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('pertanyaan','jawaban','kelengkapan')),\n"
    "  author TEXT NOT NULL,\n"
    "  body TEXT NOT NULL);\n"
    "CREATE INDEX case_messages_case ON case_messages(case_id, id);\n"
    "CREATE TABLE review_queue (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  item_id TEXT NOT NULL,\n"
    "  election TEXT NOT NULL,\n"
    "  law_election TEXT NOT NULL DEFAULT '',\n"
    "  regime TEXT NOT NULL DEFAULT '',\n"
    "  contestant TEXT NOT NULL DEFAULT '',\n"
    "  form TEXT NOT NULL DEFAULT '',\n"
    "  level TEXT NOT NULL DEFAULT '',\n"
    "  act TEXT NOT NULL DEFAULT '',\n"
    "  asn_score INTEGER NOT NULL DEFAULT 0,\n" /* per mille */
    "  state TEXT NOT NULL DEFAULT 'baru' CHECK (state IN "
    "('baru','tinjau_ulang','dikonfirmasi','ditolak')),\n"
    "  item TEXT NOT NULL,\n"
    "  verdict TEXT NOT NULL,\n"
    "  added_at TEXT NOT NULL,\n"
    "  claimed_by TEXT NOT NULL DEFAULT '',\n"
    "  lease_until INTEGER NOT NULL DEFAULT 0,\n"
    "  reason TEXT NOT NULL DEFAULT '',\n"
    "  decided_by TEXT NOT NULL DEFAULT '',\n"
    "  case_id INTEGER REFERENCES cases(id),\n"
    "  UNIQUE (item_id, election));\n"
    "CREATE INDEX review_queue_list ON review_queue(state, election, form, id);\n",
    /* 5: duplicates at scale and merging (duplicates.c, merge.c). An act's canonical URL
     * and a case's SimHash are stored when written and indexed (the SimHash by its four
     * 16-bit bands: two hashes within 3 bits share a band). NULL marks a value still to be
     * computed (rows from before this migration; a SimHash written without a normaliser).
     * merges records each merge and merge_rows every row it moved, so undo is exact. */
    "ALTER TABLE cases ADD COLUMN merged_into INTEGER REFERENCES cases(id);\n"
    "ALTER TABLE acts ADD COLUMN canon_url TEXT;\n"
    "UPDATE acts SET canon_url = '' WHERE url = '';\n"
    "CREATE INDEX acts_canon_url ON acts(canon_url);\n"
    "CREATE TABLE case_simhash (\n"
    "  case_id INTEGER NOT NULL PRIMARY KEY REFERENCES cases(id),\n"
    "  simhash INTEGER,\n"
    "  n_tokens INTEGER NOT NULL DEFAULT 0,\n"
    "  b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER);\n"
    "CREATE INDEX case_simhash_b0 ON case_simhash(b0);\n"
    "CREATE INDEX case_simhash_b1 ON case_simhash(b1);\n"
    "CREATE INDEX case_simhash_b2 ON case_simhash(b2);\n"
    "CREATE INDEX case_simhash_b3 ON case_simhash(b3);\n"
    "CREATE INDEX case_simhash_pending ON case_simhash(simhash);\n"
    "INSERT INTO case_simhash(case_id) SELECT id FROM cases WHERE fields LIKE '%\"uraian\"%';\n"
    "CREATE TABLE merges (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  target INTEGER NOT NULL REFERENCES cases(id),\n"
    "  source INTEGER NOT NULL REFERENCES cases(id),\n"
    "  at TEXT NOT NULL,\n"
    "  actor TEXT NOT NULL,\n"
    "  undone_at TEXT,\n"
    "  undone_by TEXT);\n"
    "CREATE INDEX merges_target ON merges(target);\n"
    "CREATE INDEX merges_source ON merges(source);\n"
    "CREATE TABLE merge_rows (\n"
    "  merge_id INTEGER NOT NULL REFERENCES merges(id),\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (merge_id, tbl, row_id));\n",
    /* 6: accounts managed over the API (users.c): versions for ETags, a password to change at
     * the next login (one-time passwords of an administrator's reset) */
    nt_store_migration_accounts_edit,
    /* 7: lists at scale and conflicts of interest. `due` is a case's earliest running
     * deadline (2147483647 when no clock runs: after every date, so a kab/kota's late cases
     * come first in its part of the indexes), kept with the clocks, so "overdue" is a column
     * compared; the indexes cover the filters (state, region, due) so the list's probe of
     * how many cases match reads only an index (netra_store_case_list). */
    "CREATE INDEX clocks_case_running ON clocks(case_id, running, deadline);\n"
    "ALTER TABLE cases ADD COLUMN due INTEGER NOT NULL DEFAULT 2147483647;\n"
    "UPDATE cases SET due = coalesce((SELECT min(k.deadline) FROM clocks k WHERE k.case_id = "
    "cases.id AND k.running = 1), 2147483647);\n"
    "DROP INDEX cases_state;\n"
    "DROP INDEX cases_region;\n"
    "CREATE INDEX cases_state_due ON cases(state, due);\n"
    "CREATE INDEX cases_state_region ON cases(state, region, due);\n"
    "CREATE INDEX cases_region_due ON cases(region, due);\n"
    "CREATE INDEX cases_due ON cases(due);\n"
    /* Conflicts of interest (conflict.c): who holds the offices that act as PPK (imported
     * by an office), the contestants of the elections registered (each name a row, with the
     * office a contestant holds while running), the accused's kind of agency, and the
     * conflict found for a case (none: no row). */
    "CREATE TABLE office_holders (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  office TEXT NOT NULL,\n"
    "  region TEXT NOT NULL DEFAULT '',\n"
    "  agency TEXT NOT NULL DEFAULT '',\n"
    "  name TEXT NOT NULL,\n"
    "  name_key TEXT NOT NULL,\n"
    "  since INTEGER,\n"
    "  source TEXT NOT NULL,\n"
    "  UNIQUE (office, region, agency));\n"
    "CREATE TABLE election_contestants (\n"
    "  election TEXT NOT NULL,\n"
    "  law_election TEXT NOT NULL,\n"
    "  contestant TEXT NOT NULL,\n"
    "  ballot_number INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  name_key TEXT NOT NULL,\n"
    "  incumbent_office TEXT NOT NULL DEFAULT '',\n"
    "  incumbent_region TEXT NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (election, contestant, name_key));\n"
    "CREATE INDEX election_contestants_name ON election_contestants(name_key, law_election);\n"
    "CREATE INDEX election_contestants_office ON election_contestants(incumbent_office, "
    "incumbent_region, law_election);\n"
    "ALTER TABLE asn ADD COLUMN agency_kind TEXT NOT NULL DEFAULT '';\n"
    "CREATE TABLE case_conflicts (\n"
    "  case_id INTEGER PRIMARY KEY REFERENCES cases(id),\n"
    "  nip TEXT NOT NULL,\n"
    "  ppk_office TEXT NOT NULL,\n"
    "  ppk_region TEXT NOT NULL DEFAULT '',\n"
    "  ppk_agency TEXT NOT NULL DEFAULT '',\n"
    "  ppk_name TEXT NOT NULL DEFAULT '',\n"
    "  election TEXT NOT NULL,\n"
    "  contestant TEXT NOT NULL,\n"
    "  contestant_name TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  route_to TEXT NOT NULL,\n"
    "  route_region TEXT NOT NULL DEFAULT '');\n",
    /* 8: a case's evidence and a piece's custody are read by these keys (GET
     * /cases/{id}/evidence reads the case's pieces and then all their custody entries in one
     * query, netra_store_case_custody; the custody of one piece, the custody listing); without
     * them both walked their whole table, once per request. */
    "CREATE INDEX evidence_case ON evidence(case_id, id);\n"
    "CREATE INDEX custody_evidence ON custody(evidence_id, id);\n",
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

/* The key of the session-level advisory lock held while migrating a PostgreSQL database, so
 * two processes opening a fresh database do not both apply migration 1. ("netra-mg") */
#define MIGRATE_LOCK "7310302318771087207"

static int migrate_locked(netra_store *st)
{
    int pg = nt_db_dialect_of(st->db) == NT_DB_PG;
    int err =
        nt_db_exec(st->db, pg ? "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                "version BIGINT PRIMARY KEY, checksum TEXT NOT NULL, "
                                "applied_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE "
                                "'UTC', 'YYYY-MM-DD HH24:MI:SS')))"
                              : "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                "version INTEGER PRIMARY KEY, checksum TEXT NOT NULL, "
                                "applied_at TEXT NOT NULL DEFAULT (datetime('now')))");
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT version, checksum FROM schema_migrations "
                             "ORDER BY version")) < 0)
        return err;
    int applied = 0, rc;
    while ((rc = nt_db_step(q, "reading schema_migrations")) == NT_DB_ROW) {
        int v = nt_db_col_int(q, 0);
        const char *sum = nt_db_col_text(q, 1);
        if (v != applied + 1 || (size_t)v > N_MIGRATIONS) {
            nt_db_finalize(q);
            return nt_error_set(NETRA_ESTORAGE,
                                "database has migration %d, this build knows 1..%zu", v,
                                N_MIGRATIONS);
        }
        char want[65];
        nt_sha256_hex(want, migrations[v - 1], strlen(migrations[v - 1]));
        if (sum == NULL || strcmp(sum, want) != 0) {
            int e = nt_error_set(NETRA_ESTORAGE,
                                 "migration %d was applied with checksum %.16s..., this "
                                 "build's is %.16s...: refusing a database from another schema",
                                 v, sum ? sum : "(none)", want);
            nt_db_finalize(q);
            return e;
        }
        applied = v;
    }
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    for (size_t v = (size_t)applied + 1; v <= N_MIGRATIONS; v++) {
        /* One source per migration; PostgreSQL runs its translation (db.c), and both record
         * the checksum of the source, so the numbering and checksums are the same. */
        char *pg_sql = NULL;
        if (pg && (err = nt_db_pg_sql(&pg_sql, NULL, migrations[v - 1], 1)) < 0)
            return nt_error_prefix("migration %zu", v);
        if ((err = nt_db_begin(st->db, NT_DB_WRITE)) < 0) {
            nt_free(pg_sql);
            return err;
        }
        err = nt_db_exec(st->db, pg ? pg_sql : migrations[v - 1]);
        nt_free(pg_sql);
        if (err == 0) {
            char sum[65];
            nt_sha256_hex(sum, migrations[v - 1], strlen(migrations[v - 1]));
            if ((err = nt_db_prepare(st->db, &q,
                                     "INSERT INTO schema_migrations(version, "
                                     "checksum) VALUES (?, ?)")) == 0) {
                nt_db_bind_int64(q, 1, (int64_t)v);
                nt_db_bind_text(q, 2, sum);
                err = nt_db_run(q, "recording a migration");
                nt_db_finalize(q);
            }
        }
        if (err < 0) {
            nt_db_rollback(st->db);
            return nt_error_prefix("migration %zu", v);
        }
        if ((err = nt_db_commit(st->db)) < 0)
            return err;
    }
    st->schema = (int)N_MIGRATIONS;
    return NETRA_OK;
}

int nt_store_migrate(netra_store *st)
{
    if (nt_db_dialect_of(st->db) != NT_DB_PG)
        return migrate_locked(st);
    int err = nt_db_exec(st->db, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")");
    if (err < 0)
        return err;
    err = migrate_locked(st);
    netra_error saved = *netra_error_last();
    int unlock = nt_db_exec(st->db, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")");
    if (err < 0)
        return nt_error_set(saved.code, "%s", saved.msg);
    return unlock;
}
