/*
 * users_int.h - the store's operations for accounts (src/lib/store/users.c): offices, users,
 * sessions, API tokens and login failures. Backend-neutral signatures (no SQLite types):
 * the access rules, hashing and tokens live in src/lib/auth, which calls these.
 *
 * Times are Unix seconds (UTC). Token columns hold SHA-256 hex digests, never secrets.
 */
#ifndef NT_STORE_USERS_INT_H
#define NT_STORE_USERS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "netra/auth.h"

/* The SQL of migration 3 (accounts), referenced by migrate.c. */
extern const char nt_store_migration_accounts[];
/* The SQL of the accounts-editing migration (versions, password to change). */
extern const char nt_store_migration_accounts_edit[];

/* ---- offices ---- */
int nt_store_office_insert(int64_t *id_out, netra_store *st, const netra_office_new *o,
                           const char *region, int64_t now, const netra_actor *actor);
int nt_store_office_get(netra_office *out, netra_store *st, int64_t id);
int nt_store_office_list(netra_store *st, int (*fn)(const netra_office *o, void *payload),
                         void *payload);

/* Changes an office to `after` (name, region, parent) when its version is still
 * `if_version`: NETRA_ECONFLICT starting "version:" when not, or "field 'name'" for a name
 * taken. Audited (before and after, the client address). */
int nt_store_office_update(netra_store *st, const netra_office *before, int64_t if_version,
                           const netra_office *after, const netra_actor *actor, const char *client);

/* An account event without a change of the record (login, failed login, logout) on the
 * audit chain: entity "user", `after` the string pairs of `kv` (NULL-terminated). */
int nt_store_account_event(netra_store *st, const netra_actor *actor, const char *action,
                           int64_t user_id, const char *const *kv);

/* ---- users ---- */
/* Reads a user by login (id 0: by login) or by id; the hash is copied when `hash` is not
 * NULL (NETRA_PWHASH_STRLEN bytes). */
int nt_store_user_get(netra_user *out, char *hash, netra_store *st, const char *login, int64_t id);
int nt_store_user_insert(int64_t *id_out, netra_store *st, const netra_user_new *u,
                         const char *hash, int64_t now, const netra_actor *actor);
int nt_store_user_list(netra_store *st, int (*fn)(const netra_user *u, void *payload),
                       void *payload);
/* Sets the disabled flag; disabling ends the sessions. Audited. */
int nt_store_user_set_disabled(netra_store *st, const char *login, int disabled, int64_t now,
                               const netra_actor *actor);
/* Replaces the hash. With an actor: audited and the user's sessions end (a password change);
 * without: a silent rehash at login with the current cost. */
int nt_store_user_set_hash(netra_store *st, int64_t user_id, const char *hash, int64_t now,
                           const netra_actor *actor);
/* A password set by its user or an administrator: the hash, whether it must be changed at
 * the next login and until when it works (0: no limit), the session kept (0: none), the
 * audit action and the client address. */
typedef struct nt_password_set {
    const char *hash;
    int must_change;
    int64_t temp_expires;
    int64_t keep_session;
    const char *action; /* "ganti_kata_sandi" or "reset_kata_sandi" */
    const char *client;
    const char *by; /* "self" or "admin" */
} nt_password_set;
/* Sets the password and ends the user's other sessions. Audited without the hash. */
int nt_store_user_set_password(netra_store *st, int64_t user_id, const nt_password_set *ps,
                               int64_t now, const netra_actor *actor);
/* Changes a user read as `before` when its version is still `if_version` (NETRA_ECONFLICT
 * starting "version:" when not). Disabling or moving to another office ends the sessions.
 * Audited (before and after, the client address). */
int nt_store_user_update(netra_store *st, const netra_user *before, int64_t if_version,
                         const netra_user_change *c, int64_t now, const netra_actor *actor,
                         const char *client);
int nt_store_user_logged_in(netra_store *st, int64_t user_id, int64_t now);

/* ---- sessions ---- */
typedef struct nt_session_row {
    int64_t id, user_id, created, last_seen, expires;
    int ended;
    char csrf_hash[65];
} nt_session_row;

int nt_store_session_insert(int64_t *id_out, netra_store *st, int64_t user_id,
                            const char *token_hash, const char *csrf_hash, int64_t now,
                            int64_t expires);
/* By token hash (id 0) or by id. NETRA_ENOTFOUND when absent. */
int nt_store_session_get(nt_session_row *out, netra_store *st, const char *token_hash, int64_t id);
int nt_store_session_touch(netra_store *st, int64_t id, int64_t now);
int nt_store_session_end(netra_store *st, int64_t id, int64_t now);
int nt_store_session_end_user(size_t *n_out, netra_store *st, int64_t user_id, int64_t now);

/* ---- API tokens ---- */
int nt_store_token_insert(int64_t *id_out, netra_store *st, int64_t user_id, const char *name,
                          const char *token_hash, int64_t now, const netra_actor *actor);
int nt_store_token_used(netra_store *st, int64_t id, int64_t now);
int nt_store_token_revoke(netra_store *st, int64_t id, int64_t now, const netra_actor *actor);
int nt_store_token_list(netra_store *st, const char *login,
                        int (*fn)(const netra_api_token *t, void *payload), void *payload);

/* ---- one read per authenticated request ---- */
/* A session or an API token by its hash, with its user and the user's office, in one query
 * (the path every request takes). */
typedef struct nt_credential_row {
    int64_t id, user_id, created, last_seen, expires; /* expires: sessions only */
    int ended;                                        /* ended session or revoked token */
    char csrf_hash[65];                               /* sessions only */
    netra_user user;                                  /* the user */
    netra_office office;                              /* the user's office */
} nt_credential_row;

/* `api` 0: a session (by token hash, or by `id` when `token_hash` is NULL); 1: an API token
 * by hash. NETRA_ENOTFOUND when absent. */
int nt_store_credential(nt_credential_row *out, netra_store *st, int api, const char *token_hash,
                        int64_t id);

/* ---- login failures (throttling) ---- */
/* Records a failure of `key` at `now`, dropping the key's failures before `since`. */
int nt_store_failure_add(netra_store *st, const char *key, int64_t now, int64_t since);
/* Failures of `key` at or after `since` and the time of the last one (0 when none). */
int nt_store_failure_count(int *n_out, int64_t *last_out, netra_store *st, const char *key,
                           int64_t since);
int nt_store_failure_clear(netra_store *st, const char *key);

#endif
