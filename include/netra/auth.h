/*
 * auth.h - accounts, offices, sessions, API tokens and the access policy.
 *
 * The organisation is data: data/org/offices.tsv lists the kinds of office (Bawaslu RI,
 * provinsi, kabupaten/kota, Panwaslu kecamatan, Satgas/BKN, PPK and agency HR per agency,
 * analysts, administrators), each mapped to a workflow role of data/workflow/roles.tsv and
 * carrying its legal basis (docs/data/org.md). Offices and users live in the case store.
 *
 * A user belongs to one office. A principal (the user behind a session or an API token)
 * sees the cases of its office's region and below (a region code prefix on code boundaries:
 * "32" covers "32.04" and "32.04.05", not "3" or "320"; a national office covers all); a PPK
 * or agency HR office sees the cases whose accused belongs to its agency. It acts only
 * through the actions the workflow (netra/case.h) grants its role.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str). Session and API tokens
 * are 32 random bytes; only their SHA-256 is stored. Login failures are throttled per login
 * and per client address. Design: docs/internals/auth.md.
 */
#ifndef NETRA_AUTH_H
#define NETRA_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "netra/common.h"
#include "netra/case.h"
#include "netra/region.h"
#include "netra/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the organisation as data (data/org/offices.tsv) ----------------------------------- */

/** The level of region an office of a kind covers. */
typedef enum netra_office_level {
    NETRA_OFFICE_NATIONAL = 0, /* no region: the whole country */
    NETRA_OFFICE_PROVINCE = 1, /* a province code ("32") */
    NETRA_OFFICE_REGENCY = 2,  /* a kabupaten/kota code ("32.04") */
    NETRA_OFFICE_DISTRICT = 3, /* a kecamatan code ("32.04.05") */
    NETRA_OFFICE_ANY_LEVEL = 4 /* national or any region (Satgas, PPK, HR, analysts) */
} netra_office_level;

/** A kind of office. Strings are borrowed from the loaded table. */
typedef struct netra_office_kind {
    const char *id;           /* "bawaslu_provinsi" */
    const char *role;         /* the workflow role of its users (roles.tsv) */
    netra_office_level level; /* the region an office of this kind has */
    const char *parent;       /* the kind of its parent office; NULL when it has none */
    int agency;               /* 1 when an office of this kind belongs to an agency (PPK, HR) */
    int cases;                /* 1 when its users see cases (0: administrators) */
    const char *label_id;     /* Indonesian label */
    const char *label_en;     /* English label */
    const char *basis;        /* legal basis */
} netra_office_kind;

/** The loaded office kinds; immutable. */
typedef struct netra_org netra_org;

/**
 * Loads offices.tsv and checks it against the workflow: every role must exist in roles.tsv,
 * every parent kind in the table.
 *
 * @param dir the directory; NULL for `<netra_data_dir()>/org`
 * @return NETRA_OK; NETRA_EIO; NETRA_EDATA with `file:line: field 'x': reason`; NETRA_ENOMEM.
 */
NETRA_API int netra_org_load(netra_org **out, const char *dir, const netra_workflow *wf);

/** Frees a table; NULL is allowed. */
NETRA_API void netra_org_free(netra_org *org);

/** Number of kinds and the kind at `i` (NULL past the end). */
NETRA_API size_t netra_org_n_kinds(const netra_org *org);
NETRA_API const netra_office_kind *netra_org_kind_at(const netra_org *org, size_t i);

/** A kind by id; NULL when unknown. */
NETRA_API const netra_office_kind *netra_org_kind(const netra_org *org, const char *id);

/** The workflow the table was checked against. */
NETRA_API const netra_workflow *netra_org_workflow(const netra_org *org);

/** Name of a level: "nasional", "provinsi", "kabkota", "kecamatan", "bebas". */
NETRA_API const char *netra_office_level_name(netra_office_level level);

/* ---- the access context ------------------------------------------------------------------ */

/** Documented Argon2id cost (docs/internals/auth.md): 3 passes over 64 MiB. */
#define NETRA_PWHASH_OPSLIMIT 3ULL
#define NETRA_PWHASH_MEMLIMIT ((size_t)64 * 1024 * 1024)

/** Bounds of logins, display names, passwords and tokens (bytes, without the NUL). */
#define NETRA_LOGIN_MAX        63
#define NETRA_DISPLAY_NAME_MAX 127
#define NETRA_PASSWORD_MIN     10  /* characters (UTF-8 code points) */
#define NETRA_PASSWORD_MAX     256 /* bytes */
#define NETRA_OFFICE_NAME_MAX  159
#define NETRA_AGENCY_MAX       95
#define NETRA_TOKEN_NAME_MAX   63

/** Text size of a session token, a CSRF token or an API token, with the NUL. */
#define NETRA_TOKEN_STRLEN 48

/** Clock: seconds since the Unix epoch (UTC). */
typedef int64_t (*netra_clock_fn)(void *payload);

/**
 * A cache of credential lookups (session and API token hash -> principal), shared by the
 * access contexts of one process (netrad's threads). An entry lives at most `ttl_ms`
 * milliseconds; any change of a credential, user or office made through a context that
 * shares the cache (logout, disabling, password change or reset, a changed office, a
 * revoked token) empties it at once, so in this process the next request sees the change;
 * a change made by another process is seen within the TTL. The CSRF check never uses it.
 * Thread-safe.
 */
typedef struct netra_auth_cache netra_auth_cache;

/** The settings of an access context; zero members take the documented defaults. */
typedef struct netra_auth_config {
    unsigned long long pwhash_opslimit; /* 0: NETRA_PWHASH_OPSLIMIT */
    size_t pwhash_memlimit;             /* 0: NETRA_PWHASH_MEMLIMIT */
    int weak_hash_for_tests;            /* 1 allows a cost below the default (tests only) */
    int64_t session_idle;               /* seconds without use before a session ends; 0: 1800 */
    int64_t session_absolute;           /* seconds after login a session ends; 0: 43200 */
    int throttle_failures;              /* failures in the window before a lock; 0: 5 */
    int64_t throttle_window;            /* the sliding window in seconds; 0: 900 */
    int64_t throttle_delay;             /* the first lock in seconds, doubling; 0: 30 */
    int64_t throttle_max_delay;         /* the longest lock; 0: 900 */
    netra_clock_fn now;                 /* NULL: time(2) */
    void *now_payload;                  /* passed to `now` */
    netra_auth_cache *cache;            /* shared credential cache (borrowed); NULL: none */
} netra_auth_config;

/** An access context: the store, the office kinds and the settings. One thread at a time. */
typedef struct netra_auth netra_auth;

/**
 * Opens an access context over a store (which must outlive it). `config` may be NULL.
 *
 * @return NETRA_OK; NETRA_EINVAL for a hash cost below the default without
 *         `weak_hash_for_tests`, or below libsodium's minimum; NETRA_ENOMEM.
 */
NETRA_API int netra_auth_open(netra_auth **out, netra_store *st, const netra_org *org,
                              const netra_auth_config *config);

/** Closes a context; NULL is allowed. */
NETRA_API void netra_auth_close(netra_auth *au);

/** The current time of the context's clock. */
NETRA_API int64_t netra_auth_now(const netra_auth *au);

/** Counters of a credential cache. */
typedef struct netra_auth_cache_stats {
    unsigned long long hits;   /* lookups answered from the cache */
    unsigned long long misses; /* lookups that read the store */
    unsigned long long clears; /* times it was emptied by a change */
    size_t capacity;           /* entries it holds at most */
} netra_auth_cache_stats;

/**
 * A credential cache of at most `max_entries` entries (rounded up to a multiple of 4; 0:
 * 2048), each kept at most `ttl_ms` milliseconds (> 0).
 *
 * @return NETRA_OK; NETRA_EINVAL; NETRA_ENOMEM.
 */
NETRA_API int netra_auth_cache_new(netra_auth_cache **out, int64_t ttl_ms, size_t max_entries);

/** Frees a cache (no context may use it any more); NULL is allowed. */
NETRA_API void netra_auth_cache_free(netra_auth_cache *c);

/** Empties the cache (in constant time). NULL is allowed. */
NETRA_API void netra_auth_cache_clear(netra_auth_cache *c);

/** The cache's counters. */
NETRA_API void netra_auth_cache_stats_get(const netra_auth_cache *c, netra_auth_cache_stats *out);

/* ---- region scope ------------------------------------------------------------------------ */

/**
 * Whether an office region `scope` covers a case region `region`: an empty scope covers
 * everything; otherwise `region` equals `scope` or starts with `scope` followed by a dot.
 * "32" covers "32", "32.04" and "32.04.05", but not "3", "320" or "33"; "3" covers nothing
 * but "3" and "3.x". An empty `region` (a national case) is covered only by an empty scope.
 */
NETRA_API int netra_region_covers(const char *scope, const char *region);

/* ---- offices ----------------------------------------------------------------------------- */

/** An office as read. */
typedef struct netra_office {
    int64_t id;                           /* office id */
    char kind[40];                        /* a kind of offices.tsv */
    char name[NETRA_OFFICE_NAME_MAX + 1]; /* "Bawaslu Provinsi Jawa Barat" */
    char region[16];                      /* Kemendagri code, "" for national */
    char agency[NETRA_AGENCY_MAX + 1];    /* agency (PPK, HR), else "" */
    int64_t parent;                       /* parent office id, 0 for none */
    char created[24];                     /* UTC time, ISO 8601 */
    int64_t version;                      /* incremented by every change (the ETag) */
} netra_office;

/** What a new office needs. */
typedef struct netra_office_new {
    const char *kind;   /* a kind of offices.tsv */
    const char *name;   /* display name (required) */
    const char *region; /* region code at the kind's level; NULL or "" for national */
    const char *agency; /* required for PPK and HR kinds, refused otherwise */
    int64_t parent;     /* parent office id; required when the kind has a parent kind */
    const char *client; /* the address the request came from, for the audit chain; or NULL */
} netra_office_new;

/**
 * Adds an office. The region is checked against the kind's level and, when `regs` is not
 * NULL, against the Kemendagri codes (netra/region.h). The parent must be of the kind's
 * parent kind and its region must cover the office's region. Written to the audit chain.
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field; NETRA_ENOTFOUND for an unknown parent or
 *         region; NETRA_ECONFLICT for a duplicate name; NETRA_ESTORAGE.
 */
NETRA_API int netra_office_add(int64_t *id_out, netra_auth *au, const netra_regions *regs,
                               const netra_office_new *office, const netra_actor *actor);

/** Reads an office. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_office_get(netra_office *out, netra_auth *au, int64_t id);

/** Calls `fn` for each office by id; a negative return from `fn` stops the walk. */
NETRA_API int netra_office_list(netra_auth *au, int (*fn)(const netra_office *o, void *payload),
                                void *payload);

/** A change of an office: what is not NULL (name, region) or not -1 (parent) changes. */
typedef struct netra_office_change {
    const char *name;   /* NULL: unchanged */
    const char *region; /* NULL: unchanged; "" national (only for kinds that may be national) */
    int64_t parent;     /* -1: unchanged; 0: none; else the new parent office */
} netra_office_change;

/**
 * Renames an office or changes its region or parent, when its version is still
 * `if_version`. The same rules as netra_office_add() for the result, and every office whose
 * parent it is must still lie in its region. Audited with the before and after values and
 * `client` (the address the change came from; may be NULL).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field; NETRA_ENOTFOUND; NETRA_ECONFLICT (a
 *         message starting "version:" for a stale version, "field 'name'" for a name taken);
 *         NETRA_ESTORAGE.
 */
NETRA_API int netra_office_update(netra_auth *au, const netra_regions *regs, int64_t id,
                                  int64_t if_version, const netra_office_change *change,
                                  const netra_actor *actor, const char *client);

/* ---- users ------------------------------------------------------------------------------- */

/** A user as read (never the password hash). */
typedef struct netra_user {
    int64_t id;                                    /* user id */
    char login[NETRA_LOGIN_MAX + 1];               /* "analis.jabar" */
    char display_name[NETRA_DISPLAY_NAME_MAX + 1]; /* shown name */
    int64_t office;                                /* office id */
    int disabled;                                  /* 1 when it may not log in */
    char created[24];                              /* UTC time, ISO 8601 */
    char last_login[24];                           /* UTC time, "" when never */
    int64_t version;                               /* incremented by every change (the ETag) */
    int must_change_password;                      /* 1 after an administrator's reset */
    int64_t password_expires;                      /* one-time password valid until, 0: none */
} netra_user;

/** What a new user needs. */
typedef struct netra_user_new {
    const char *login;        /* 3..63 of a-z 0-9 . _ -, starting with a letter or digit */
    const char *display_name; /* required, at most NETRA_DISPLAY_NAME_MAX bytes */
    int64_t office;           /* an existing office */
    const char *password;     /* checked by netra_password_policy() */
    const char *client;       /* the address the request came from, for the audit chain; or NULL */
} netra_user_new;

/**
 * Checks a password against the policy: valid UTF-8 without control characters, at least
 * NETRA_PASSWORD_MIN characters, at most NETRA_PASSWORD_MAX bytes, not the login (ignoring
 * case). `login` may be NULL.
 *
 * @return NETRA_OK; NETRA_EINVAL saying which rule failed (never echoing the password).
 */
NETRA_API int netra_password_policy(const char *password, const char *login);

/** Checks a login's syntax. NETRA_EINVAL naming the byte otherwise. */
NETRA_API int netra_login_check(const char *login);

/** Size of an Argon2id hash string with its NUL (crypto_pwhash_STRBYTES). */
#define NETRA_PWHASH_STRLEN 128

/**
 * Hashes a password with the context's Argon2id cost into `out` ($argon2id$v=19$...).
 *
 * @return NETRA_OK; NETRA_ENOMEM when the memory limit cannot be allocated.
 */
NETRA_API int netra_password_hash(char out[NETRA_PWHASH_STRLEN], const netra_auth *au,
                                  const char *password);

/** Whether `password` matches `hash`: NETRA_OK, NETRA_EPERM when not (or a malformed hash). */
NETRA_API int netra_password_verify(const char *hash, const char *password);

/**
 * Adds a user (login unique, office existing, password policy). Written to the audit
 * chain (without the hash).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field; NETRA_ENOTFOUND for an unknown office;
 *         NETRA_ECONFLICT for a login taken; NETRA_ESTORAGE.
 */
NETRA_API int netra_user_add(int64_t *id_out, netra_auth *au, const netra_user_new *user,
                             const netra_actor *actor);

/** Reads a user by login. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_user_get(netra_user *out, netra_auth *au, const char *login);

/** Reads a user by id. NETRA_ENOTFOUND when absent. */
NETRA_API int netra_user_get_id(netra_user *out, netra_auth *au, int64_t id);

/** A change of a user: what is not NULL, 0 or -1 changes. */
typedef struct netra_user_change {
    const char *display_name; /* NULL: unchanged */
    int64_t office;           /* 0: unchanged; else the new office (its kind gives the role) */
    int disabled;             /* -1: unchanged; 0 enable; 1 disable */
} netra_user_change;

/**
 * Changes a user's display name, office (and so role and scope) or disabled flag, when its
 * version is still `if_version`. Disabling or a new office ends the user's sessions.
 * Audited with the before and after values and `client` (may be NULL).
 *
 * @return NETRA_OK; NETRA_EINVAL naming the field; NETRA_ENOTFOUND (the user, or the office
 *         named by field 'office'); NETRA_ECONFLICT ("version:" when stale); NETRA_ESTORAGE.
 */
NETRA_API int netra_user_update(netra_auth *au, int64_t id, int64_t if_version,
                                const netra_user_change *change, const netra_actor *actor,
                                const char *client);

/** Size of a one-time password with its NUL: 4 groups of 5 base32 characters, dashed. */
#define NETRA_TEMP_PASSWORD_STRLEN 24
/** How long a one-time password works (seconds): 72 hours. */
#define NETRA_TEMP_PASSWORD_TTL (72 * 3600)

/**
 * An administrator's reset: a random one-time password (100 bits, Crockford base32, shown
 * once: only its Argon2id hash is stored) that works for NETRA_TEMP_PASSWORD_TTL; a login
 * with it may do nothing but change the password (netra_principal.must_change_password).
 * Every session of the user ends. Audited (never the password) with `client`.
 *
 * @return NETRA_OK; NETRA_ENOTFOUND; NETRA_ENOMEM; NETRA_ESTORAGE.
 */
NETRA_API int netra_user_reset_password(char out[NETRA_TEMP_PASSWORD_STRLEN], netra_auth *au,
                                        const char *login, const netra_actor *actor,
                                        const char *client);

/** Calls `fn` for each user by id; a negative return from `fn` stops the walk. */
NETRA_API int netra_user_list(netra_auth *au, int (*fn)(const netra_user *u, void *payload),
                              void *payload);

/**
 * Disables (1) or enables (0) a user. Disabling ends its sessions and refuses its API
 * tokens. Written to the audit chain.
 */
NETRA_API int netra_user_set_disabled(netra_auth *au, const char *login, int disabled,
                                      const netra_actor *actor);

/** Sets a new password (policy checked) and ends the user's sessions. Audited. */
NETRA_API int netra_user_set_password(netra_auth *au, const char *login, const char *password,
                                      const netra_actor *actor);

/* ---- principals and sessions ------------------------------------------------------------ */

/** Who is acting: the user behind a session or an API token. */
typedef struct netra_principal {
    int64_t user_id;                               /* user id */
    char login[NETRA_LOGIN_MAX + 1];               /* login */
    char display_name[NETRA_DISPLAY_NAME_MAX + 1]; /* shown name */
    char role[40];                                 /* workflow role (roles.tsv) */
    int64_t office_id;                             /* office id */
    char office_kind[40];                          /* kind of offices.tsv */
    char region[16];                               /* office region, "" for national */
    char agency[NETRA_AGENCY_MAX + 1];             /* office agency (PPK, HR), else "" */
    int reporter_access;                           /* from roles.tsv */
    int sees_cases;                                /* from offices.tsv (0: administrators) */
    int64_t session_id;                            /* the session, 0 for an API token */
    int64_t token_id;                              /* the API token, 0 for a session */
    int must_change_password;                      /* 1: only the own password may change */
    int manages_accounts;                          /* 1: an administrator (offices.tsv cases 0) */
} netra_principal;

/** A new session: its token (for the cookie) and its CSRF token (for the page). */
typedef struct netra_session {
    int64_t id;                     /* session id */
    char token[NETRA_TOKEN_STRLEN]; /* secret; only its hash is stored */
    char csrf[NETRA_TOKEN_STRLEN];  /* per-session CSRF token; only its hash is stored */
    int64_t expires_idle;           /* when it ends unless used (Unix seconds) */
    int64_t expires_absolute;       /* when it ends in any case (Unix seconds) */
} netra_session;

/**
 * Logs in. Failures are counted per login and per client address in a sliding window;
 * past the limit both are locked for a delay that doubles with each further failure.
 * A wrong password, an unknown login and a disabled user give the same answer and take
 * the same work (a hash is verified either way).
 *
 * @param client the client address (may be NULL or "" when unknown)
 * @param[out] retry_after_out seconds to wait before trying again (0 when not locked);
 *             may be NULL
 * @return NETRA_OK; NETRA_EPERM for bad credentials or while locked (`*retry_after_out` > 0
 *         then); NETRA_ESTORAGE.
 */
NETRA_API int netra_auth_login(netra_session *out, int64_t *retry_after_out, netra_auth *au,
                               const char *login, const char *password, const char *client);

/**
 * The principal of a session token; extends the idle expiry.
 *
 * @return NETRA_OK; NETRA_EPERM for an unknown, ended, expired or disabled user's session.
 */
NETRA_API int netra_auth_session(netra_principal *out, netra_auth *au, const char *token);

/** Checks a CSRF token against a session's (constant time). NETRA_OK or NETRA_EPERM. */
NETRA_API int netra_auth_csrf_check(netra_auth *au, int64_t session_id, const char *csrf);

/**
 * Ends a session (logout), written to the audit chain with `client` (may be NULL). NETRA_OK
 * even when it had already ended.
 */
NETRA_API int netra_auth_logout(netra_auth *au, const char *token, const char *client);

/** Ends every session of a user; the number ended goes to `*n_out` (may be NULL). */
NETRA_API int netra_auth_logout_all(size_t *n_out, netra_auth *au, const char *login);

/**
 * A user changes its own password: `current` must match (a wrong one counts as a failed
 * login of the login and of `client`, and is refused while they are locked); `fresh` must
 * pass the policy and differ from `current`. Ends every other session of the user (the
 * principal's own session stays) and clears a reset's must-change flag. Audited.
 *
 * @param[out] retry_after_out seconds to wait when locked (may be NULL)
 * @return NETRA_OK; NETRA_EPERM for a wrong current password or while locked;
 *         NETRA_EINVAL naming field 'new_password'; NETRA_ESTORAGE.
 */
NETRA_API int netra_user_change_password(int64_t *retry_after_out, netra_auth *au,
                                         const netra_principal *p, const char *current,
                                         const char *fresh, const char *client);

/* ---- API tokens -------------------------------------------------------------------------- */

/** An API token as listed (never the secret). */
typedef struct netra_api_token {
    int64_t id;                          /* token id */
    char login[NETRA_LOGIN_MAX + 1];     /* the user it acts as */
    char name[NETRA_TOKEN_NAME_MAX + 1]; /* "pemindai-jabar" */
    char created[24];                    /* UTC time */
    char last_used[24];                  /* UTC time, "" when never */
    char revoked[24];                    /* UTC time, "" while valid */
} netra_api_token;

/**
 * Creates an API token acting as `login`, named `name` (unique per user among valid
 * tokens). The secret ("ntk_" and 43 base64url characters) is written to `secret` once:
 * only its hash is stored. Audited.
 *
 * @return NETRA_OK; NETRA_EINVAL; NETRA_ENOTFOUND for an unknown login; NETRA_ECONFLICT
 *         for a name in use; NETRA_ESTORAGE.
 */
NETRA_API int netra_token_add(int64_t *id_out, char secret[NETRA_TOKEN_STRLEN], netra_auth *au,
                              const char *login, const char *name, const netra_actor *actor);

/** Revokes a token by id. NETRA_ENOTFOUND when absent or already revoked. Audited. */
NETRA_API int netra_token_revoke(netra_auth *au, int64_t id, const netra_actor *actor);

/** Calls `fn` for each token (of `login`, or of everyone when NULL). */
NETRA_API int netra_token_list(netra_auth *au, const char *login,
                               int (*fn)(const netra_api_token *t, void *payload), void *payload);

/** The principal of an API token. NETRA_EPERM for an unknown or revoked token or user. */
NETRA_API int netra_auth_token(netra_principal *out, netra_auth *au, const char *secret);

/** The principal of a user by login, for local tools (the CLI). NETRA_EPERM when disabled. */
NETRA_API int netra_auth_principal(netra_principal *out, netra_auth *au, const char *login);

/* ---- policy ------------------------------------------------------------------------------ */

/**
 * Whether a principal may see a case in `case_region` whose accused belong to `agencies`
 * (NULL-terminated; may be NULL). An office kind without cases (administrators): never.
 * PPK and HR offices: an accused of their agency (compared ignoring ASCII case) and, when
 * the office has a region, the case in it. Other offices: their region covers the case's
 * (netra_region_covers()). Returns 1 or 0.
 */
NETRA_API int netra_principal_may_see(const netra_principal *p, const char *case_region,
                                      const char *const *agencies);

/**
 * Whether a principal may see a stored case (its region and its accused's agencies).
 *
 * @return NETRA_OK; NETRA_EPERM; NETRA_ENOTFOUND; NETRA_ESTORAGE.
 */
NETRA_API int netra_auth_may_see_case(netra_auth *au, const netra_principal *p, int64_t case_id);

/**
 * Whether the workflow grants `action` to the principal's role in `state` (NULL for a
 * creating action) under `regime`. The data decides: transitions.tsv, by role or group.
 * Visibility is not checked here (netra_auth_may_act_case() does both).
 *
 * @return NETRA_OK; NETRA_EPERM (naming the roles that may); NETRA_ESTATE (naming the
 *         allowed actions); NETRA_EINVAL for an unknown action or regime.
 */
NETRA_API int netra_principal_may_act(const netra_principal *p, const netra_workflow *wf,
                                      const char *state, const char *regime, const char *action);

/**
 * Whether a principal may take `action` on a stored case: it sees the case and the
 * workflow grants the action to its role in the case's state.
 *
 * @return NETRA_OK; NETRA_EPERM; NETRA_ESTATE; NETRA_EINVAL; NETRA_ENOTFOUND; NETRA_ESTORAGE.
 */
NETRA_API int netra_auth_may_act_case(netra_auth *au, const netra_principal *p, int64_t case_id,
                                      const char *action);

/**
 * Whether a principal may manage the accounts of an office in `office_region`: it is an
 * administrator (an office kind without cases, offices.tsv) and its office's region covers
 * `office_region` (netra_region_covers(): a national administrator manages every office,
 * one of "32" the offices of Jawa Barat and below, never a national one). Returns 1 or 0.
 */
NETRA_API int netra_principal_may_manage(const netra_principal *p, const char *office_region);

/**
 * The office `office_id` if the principal may manage it, into `out` (may be NULL).
 *
 * @return NETRA_OK; NETRA_EPERM when the principal is no administrator; NETRA_ENOTFOUND
 *         when the office is absent or outside its region (as if it did not exist).
 */
NETRA_API int netra_auth_may_manage_office(netra_office *out, netra_auth *au,
                                           const netra_principal *p, int64_t office_id);

/**
 * The user `user_id` if the principal may manage it (its office lies in the principal's
 * region), into `out` (may be NULL). Errors as netra_auth_may_manage_office().
 */
NETRA_API int netra_auth_may_manage_user(netra_user *out, netra_auth *au, const netra_principal *p,
                                         int64_t user_id);

/** The actor a principal acts as (borrows the principal's strings). */
NETRA_API netra_actor netra_principal_actor(const netra_principal *p, netra_date today);

/**
 * The reporter of a case for a principal: the role must have reporter_access and the
 * principal must see the case. Every decryption is written to the audit chain
 * (action `baca_pelapor`, the principal's login and role) before the identity is returned.
 *
 * @return as netra_store_reporter_get(); NETRA_EPERM when the principal may not see the case.
 */
NETRA_API int netra_auth_reporter_get(char *identity, size_t identity_size, char *contact,
                                      size_t contact_size, netra_auth *au, const netra_principal *p,
                                      int64_t case_id);

#ifdef __cplusplus
}
#endif

#endif
