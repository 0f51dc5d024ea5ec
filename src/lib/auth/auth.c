/*
 * auth.c - the access context: offices and users (checked here, stored by the store),
 * Argon2id passwords, sessions with CSRF tokens, API tokens, login throttling and the
 * access policy (region scope, agency scope, workflow grants, audited reporter reads).
 * Design: docs/internals/auth.md.
 *
 * Secrets never reach the database: sessions, CSRF tokens and API tokens are 32 random
 * bytes from libsodium, given to the caller once in base64url; the store keeps their
 * SHA-256. Comparisons of secrets are constant-time (sodium_memcmp).
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth/auth_int.h"
#include "auth/cache_int.h"
#include "store/users_int.h"

#define TOUCH_EVERY 60 /* seconds between two writes of a session's last use */
#define CLIENT_MAX  64 /* bytes of a client address kept as a throttling key */
#define API_PREFIX  "ntk_"

/* ---- context ------------------------------------------------------------------------------ */

static int64_t system_now(void *payload)
{
    (void)payload;
    return (int64_t)time(NULL);
}

int netra_auth_open(netra_auth **out, netra_store *st, const netra_org *org,
                    const netra_auth_config *config)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && org != NULL);
    *out = NULL;
    if (sodium_init() < 0)
        return nt_error_set(NETRA_ERROR, "libsodium cannot be initialised");
    netra_auth_config c;
    memset(&c, 0, sizeof c);
    if (config != NULL)
        c = *config;
    if (c.pwhash_opslimit == 0)
        c.pwhash_opslimit = NETRA_PWHASH_OPSLIMIT;
    if (c.pwhash_memlimit == 0)
        c.pwhash_memlimit = NETRA_PWHASH_MEMLIMIT;
    if (c.pwhash_opslimit < crypto_pwhash_OPSLIMIT_MIN ||
        c.pwhash_memlimit < crypto_pwhash_MEMLIMIT_MIN)
        return nt_error_set(NETRA_EINVAL, "password hash cost below libsodium's minimum");
    if (!c.weak_hash_for_tests &&
        (c.pwhash_opslimit < NETRA_PWHASH_OPSLIMIT || c.pwhash_memlimit < NETRA_PWHASH_MEMLIMIT))
        return nt_error_set(NETRA_EINVAL,
                            "password hash cost below the default (3 passes, 64 MiB) is for "
                            "tests only (weak_hash_for_tests)");
    if (c.session_idle <= 0)
        c.session_idle = 1800;
    if (c.session_absolute <= 0)
        c.session_absolute = 43200;
    if (c.throttle_failures <= 0)
        c.throttle_failures = 5;
    if (c.throttle_window <= 0)
        c.throttle_window = 900;
    if (c.throttle_delay <= 0)
        c.throttle_delay = 30;
    if (c.throttle_max_delay <= 0)
        c.throttle_max_delay = 900;
    if (c.throttle_max_delay < c.throttle_delay)
        c.throttle_max_delay = c.throttle_delay;
    if (c.now == NULL)
        c.now = system_now;
    netra_auth *au = nt_calloc(1, sizeof *au);
    if (au == NULL)
        return NETRA_ENOMEM;
    au->st = st;
    au->org = org;
    au->cfg = c;
    *out = au;
    return NETRA_OK;
}

void netra_auth_close(netra_auth *au)
{
    if (au != NULL)
        nt_free(au);
}

int64_t netra_auth_now(const netra_auth *au)
{
    return au->cfg.now(au->cfg.now_payload);
}

/* The date in WIB of a Unix time, for actors. */
static netra_date wib_date(int64_t t)
{
    int64_t s = t + 7 * 3600;
    int64_t d = s / 86400;
    if (s % 86400 < 0)
        d--;
    return (netra_date)d;
}

/* ---- region scope ------------------------------------------------------------------------ */

int netra_region_covers(const char *scope, const char *region)
{
    if (scope == NULL || scope[0] == '\0')
        return 1;
    if (region == NULL)
        return 0;
    size_t n = strlen(scope);
    return strncmp(region, scope, n) == 0 && (region[n] == '\0' || region[n] == '.');
}

/* ---- text checks ------------------------------------------------------------------------- */

/* Valid UTF-8 without control characters: the number of code points, or -1 naming the
 * byte in `*bad`. */
static long utf8_chars(const char *s, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    size_t i = 0;
    while (p[i] != '\0') {
        unsigned c = p[i];
        size_t k;
        unsigned cp;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) {
                *bad = i;
                return -1;
            }
            i++;
            n++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            k = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            k = 3;
            cp = c & 0x07;
        } else {
            *bad = i;
            return -1;
        }
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xc0) != 0x80) {
                *bad = i;
                return -1;
            }
            cp = (cp << 6) | (p[i + j] & 0x3f);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0)) {
            *bad = i;
            return -1;
        }
        i += k + 1;
        n++;
    }
    return n;
}

static int text_field(const char *field, const char *s, size_t max)
{
    if (s == NULL || s[0] == '\0')
        return nt_error_set(NETRA_EINVAL, "field '%s': required", field);
    size_t len = strlen(s);
    if (len > max)
        return nt_error_set(NETRA_EINVAL, "field '%s': %zu bytes, at most %zu", field, len, max);
    size_t bad = 0;
    if (utf8_chars(s, &bad) < 0)
        return nt_error_set(NETRA_EINVAL,
                            "field '%s': invalid UTF-8 or a control character at byte %zu", field,
                            bad);
    return NETRA_OK;
}

int netra_login_check(const char *login)
{
    NT_ASSERT_ARG(login != NULL);
    size_t len = strlen(login);
    if (len < 3 || len > NETRA_LOGIN_MAX)
        return nt_error_set(NETRA_EINVAL, "field 'login': %zu bytes, 3 to %d allowed", len,
                            NETRA_LOGIN_MAX);
    for (size_t i = 0; i < len; i++) {
        char c = login[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return nt_error_set(NETRA_EINVAL,
                                "field 'login': byte %zu: only a-z, 0-9 and . _ - (not first) "
                                "are allowed",
                                i);
    }
    return NETRA_OK;
}

int netra_password_policy(const char *password, const char *login)
{
    NT_ASSERT_ARG(password != NULL);
    size_t len = strlen(password);
    if (len > NETRA_PASSWORD_MAX)
        return nt_error_set(NETRA_EINVAL, "field 'password': longer than %d bytes",
                            NETRA_PASSWORD_MAX);
    size_t bad = 0;
    long chars = utf8_chars(password, &bad);
    if (chars < 0)
        return nt_error_set(NETRA_EINVAL,
                            "field 'password': invalid UTF-8 or a control character at byte %zu",
                            bad);
    if (chars < NETRA_PASSWORD_MIN)
        return nt_error_set(NETRA_EINVAL, "field 'password': %ld characters, at least %d needed",
                            chars, NETRA_PASSWORD_MIN);
    if (login != NULL && nt_str_ieq_ascii(password, login))
        return nt_error_set(NETRA_EINVAL, "field 'password': may not be the login");
    return NETRA_OK;
}

/* ---- passwords --------------------------------------------------------------------------- */

int netra_password_hash(char out[NETRA_PWHASH_STRLEN], const netra_auth *au, const char *password)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && password != NULL);
    if (crypto_pwhash_str(out, password, strlen(password), au->cfg.pwhash_opslimit,
                          au->cfg.pwhash_memlimit) != 0)
        return nt_error_set(NETRA_ENOMEM, "Argon2id could not allocate %zu bytes",
                            au->cfg.pwhash_memlimit);
    return NETRA_OK;
}

int netra_password_verify(const char *hash, const char *password)
{
    NT_ASSERT_ARG(hash != NULL && password != NULL);
    if (strnlen(hash, NETRA_PWHASH_STRLEN) >= NETRA_PWHASH_STRLEN ||
        crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
        return nt_error_set(NETRA_EPERM, "password does not match");
    return NETRA_OK;
}

/* ---- random tokens ----------------------------------------------------------------------- */

/* 32 random bytes as base64url without padding (43 characters) after `prefix`. */
static void token_new(char out[NETRA_TOKEN_STRLEN], const char *prefix)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    size_t p = strlen(prefix);
    memcpy(out, prefix, p);
    sodium_bin2base64(out + p, NETRA_TOKEN_STRLEN - p, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

static void token_hash(char out[65], const char *token)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* A credential, user or office may have changed: the shared cache forgets every principal
 * (a logout, a disabled user, a new password, a moved user, an office's new region, a
 * revoked token are seen by the next request of any thread). Returns `err`. */
static int changed(netra_auth *au, int err)
{
    netra_auth_cache_clear(au->cfg.cache);
    return err;
}

/* ---- offices ----------------------------------------------------------------------------- */

/* The region of an office of kind `k`: a code at the kind's level, checked against `regs`
 * when given, into `region` (dotted; "" for national). */
static int office_region(char region[NETRA_REGION_CODE_MAX], const netra_office_kind *k,
                         const netra_regions *regs, const char *given)
{
    int err;
    region[0] = '\0';
    if (given != NULL && given[0] != '\0') {
        netra_region_level lv;
        if ((err = netra_region_code_parse(region, &lv, given)) < 0)
            return nt_error_prefix("field 'region'");
        if (k->level == NETRA_OFFICE_NATIONAL)
            return nt_error_set(NETRA_EINVAL,
                                "field 'region': a %s office is national and has no region", k->id);
        if (k->level != NETRA_OFFICE_ANY_LEVEL && (int)lv != (int)k->level)
            return nt_error_set(NETRA_EINVAL,
                                "field 'region': a %s office needs a %s code, '%s' is "
                                "a %s code",
                                k->id, netra_office_level_name(k->level), region,
                                netra_office_level_name((netra_office_level)lv));
        const netra_region *r;
        if (regs != NULL && (err = netra_regions_get(&r, regs, region)) < 0)
            return nt_error_prefix("field 'region'");
    } else if (k->level != NETRA_OFFICE_NATIONAL && k->level != NETRA_OFFICE_ANY_LEVEL) {
        return nt_error_set(NETRA_EINVAL, "field 'region': a %s office needs a %s code", k->id,
                            netra_office_level_name(k->level));
    }
    return NETRA_OK;
}

/* The parent of an office of kind `k` in `region` (agency `agency`): of the kind's parent
 * kind, covering the region, of the same agency. `self` is the office's own id (0 when
 * new): an office is never its own parent or ancestor. */
static int office_parent(netra_auth *au, const netra_office_kind *k, int64_t parent,
                         const char *region, const char *agency, int64_t self)
{
    int err;
    if (k->parent == NULL && parent > 0)
        return nt_error_set(NETRA_EINVAL, "field 'parent': a %s office has no parent office",
                            k->id);
    if (k->parent == NULL)
        return NETRA_OK;
    if (parent <= 0)
        return nt_error_set(NETRA_EINVAL, "field 'parent': a %s office needs its %s office", k->id,
                            k->parent);
    netra_office p;
    if ((err = nt_store_office_get(&p, au->st, parent)) < 0)
        return nt_error_prefix("field 'parent'");
    if (strcmp(p.kind, k->parent) != 0)
        return nt_error_set(NETRA_EINVAL,
                            "field 'parent': office %lld is a %s office, a %s office is "
                            "needed",
                            (long long)p.id, p.kind, k->parent);
    if (!netra_region_covers(p.region, region))
        return nt_error_set(NETRA_EINVAL,
                            "field 'parent': office %lld (region '%s') does not cover "
                            "region '%s'",
                            (long long)p.id, p.region, region);
    if (k->agency && !nt_str_ieq_ascii(p.agency, agency))
        return nt_error_set(NETRA_EINVAL, "field 'parent': office %lld belongs to '%s', not '%s'",
                            (long long)p.id, p.agency, agency);
    /* Kinds form a tree (offices.tsv), so a parent of the parent kind is never a descendant;
     * the check stays for data that would someday allow it. */
    for (int depth = 0; self > 0 && depth < 16 && p.id > 0; depth++) {
        if (p.id == self)
            return nt_error_set(NETRA_EINVAL, "field 'parent': office %lld lies under itself",
                                (long long)self);
        if (p.parent <= 0 || nt_store_office_get(&p, au->st, p.parent) < 0)
            break;
    }
    return NETRA_OK;
}

int netra_office_add(int64_t *id_out, netra_auth *au, const netra_regions *regs,
                     const netra_office_new *o, const netra_actor *actor)
{
    NT_ASSERT_ARG(au != NULL && o != NULL && actor != NULL && actor->name != NULL);
    const netra_office_kind *k = netra_org_kind(au->org, o->kind);
    if (k == NULL)
        return nt_error_set(NETRA_EINVAL, "field 'kind': '%s' is not a kind of offices.tsv",
                            o->kind ? o->kind : "");
    int err = text_field("name", o->name, NETRA_OFFICE_NAME_MAX);
    if (err < 0)
        return err;
    char region[NETRA_REGION_CODE_MAX];
    if ((err = office_region(region, k, regs, o->region)) < 0)
        return err;
    int has_agency = o->agency != NULL && o->agency[0] != '\0';
    if (k->agency && (err = text_field("agency", o->agency, NETRA_AGENCY_MAX)) < 0)
        return err;
    if (!k->agency && has_agency)
        return nt_error_set(NETRA_EINVAL, "field 'agency': a %s office belongs to no agency",
                            k->id);
    if ((err = office_parent(au, k, o->parent, region, o->agency ? o->agency : "", 0)) < 0)
        return err;
    return nt_store_office_insert(id_out, au->st, o, region, netra_auth_now(au), actor);
}

typedef struct child_check {
    int64_t parent;
    const char *region;
    int64_t bad;
    char bad_region[16];
} child_check;

static int check_child(const netra_office *o, void *payload)
{
    child_check *c = payload;
    if (o->parent == c->parent && !netra_region_covers(c->region, o->region)) {
        c->bad = o->id;
        snprintf(c->bad_region, sizeof c->bad_region, "%s", o->region);
        return -1;
    }
    return 0;
}

int netra_office_update(netra_auth *au, const netra_regions *regs, int64_t id, int64_t if_version,
                        const netra_office_change *c, const netra_actor *actor, const char *client)
{
    NT_ASSERT_ARG(au != NULL && c != NULL && actor != NULL && actor->name != NULL);
    netra_office before;
    int err = nt_store_office_get(&before, au->st, id);
    if (err < 0)
        return err;
    if (before.version != if_version)
        return nt_error_set(NETRA_ECONFLICT,
                            "version: office %lld is at version %lld, version %lld was read",
                            (long long)id, (long long)before.version, (long long)if_version);
    const netra_office_kind *k = netra_org_kind(au->org, before.kind);
    if (k == NULL)
        return nt_error_set(NETRA_EINVAL, "field 'kind': '%s' is not in offices.tsv", before.kind);
    netra_office after = before;
    if (c->name != NULL) {
        if ((err = text_field("name", c->name, NETRA_OFFICE_NAME_MAX)) < 0)
            return err;
        snprintf(after.name, sizeof after.name, "%s", c->name);
    }
    if (c->region != NULL) {
        char region[NETRA_REGION_CODE_MAX];
        if ((err = office_region(region, k, regs, c->region)) < 0)
            return err;
        snprintf(after.region, sizeof after.region, "%s", region);
    }
    if (c->parent >= 0)
        after.parent = c->parent;
    if ((c->parent >= 0 || c->region != NULL) &&
        (err = office_parent(au, k, after.parent, after.region, after.agency, id)) < 0)
        return err;
    if (c->region != NULL && strcmp(after.region, before.region) != 0) {
        child_check cc = {id, after.region, 0, ""};
        if ((err = nt_store_office_list(au->st, check_child, &cc)) < 0)
            return err;
        if (cc.bad > 0)
            return nt_error_set(NETRA_EINVAL,
                                "field 'region': office %lld under this one lies in '%s', "
                                "outside '%s'",
                                (long long)cc.bad, cc.bad_region, after.region);
    }
    return changed(au, nt_store_office_update(au->st, &before, if_version, &after, actor, client));
}

int netra_office_get(netra_office *out, netra_auth *au, int64_t id)
{
    NT_ASSERT_ARG(out != NULL && au != NULL);
    return nt_store_office_get(out, au->st, id);
}

int netra_office_list(netra_auth *au, int (*fn)(const netra_office *o, void *payload),
                      void *payload)
{
    NT_ASSERT_ARG(au != NULL && fn != NULL);
    return nt_store_office_list(au->st, fn, payload);
}

/* ---- users ------------------------------------------------------------------------------- */

int netra_user_add(int64_t *id_out, netra_auth *au, const netra_user_new *u,
                   const netra_actor *actor)
{
    NT_ASSERT_ARG(au != NULL && u != NULL && actor != NULL && actor->name != NULL);
    NT_ASSERT_ARG(u->login != NULL && u->password != NULL);
    int err;
    if ((err = netra_login_check(u->login)) < 0 ||
        (err = text_field("display_name", u->display_name, NETRA_DISPLAY_NAME_MAX)) < 0 ||
        (err = netra_password_policy(u->password, u->login)) < 0)
        return err;
    netra_office o;
    if ((err = nt_store_office_get(&o, au->st, u->office)) < 0)
        return nt_error_prefix("field 'office'");
    if (netra_org_kind(au->org, o.kind) == NULL)
        return nt_error_set(NETRA_EINVAL, "field 'office': kind '%s' is not in offices.tsv",
                            o.kind);
    char hash[NETRA_PWHASH_STRLEN];
    if ((err = netra_password_hash(hash, au, u->password)) < 0)
        return err;
    err = nt_store_user_insert(id_out, au->st, u, hash, netra_auth_now(au), actor);
    sodium_memzero(hash, sizeof hash);
    return err;
}

int netra_user_get(netra_user *out, netra_auth *au, const char *login)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && login != NULL);
    return nt_store_user_get(out, NULL, au->st, login, 0);
}

int netra_user_get_id(netra_user *out, netra_auth *au, int64_t id)
{
    NT_ASSERT_ARG(out != NULL && au != NULL);
    return nt_store_user_get(out, NULL, au->st, NULL, id);
}

int netra_user_update(netra_auth *au, int64_t id, int64_t if_version, const netra_user_change *c,
                      const netra_actor *actor, const char *client)
{
    NT_ASSERT_ARG(au != NULL && c != NULL && actor != NULL && actor->name != NULL);
    netra_user before;
    int err = nt_store_user_get(&before, NULL, au->st, NULL, id);
    if (err < 0)
        return err;
    if (before.version != if_version)
        return nt_error_set(NETRA_ECONFLICT,
                            "version: user '%s' is at version %lld, version %lld was read",
                            before.login, (long long)before.version, (long long)if_version);
    if (c->display_name != NULL &&
        (err = text_field("display_name", c->display_name, NETRA_DISPLAY_NAME_MAX)) < 0)
        return err;
    if (c->disabled > 1)
        return nt_error_set(NETRA_EINVAL, "field 'disabled': 0 or 1");
    if (c->office > 0) {
        netra_office o;
        if ((err = nt_store_office_get(&o, au->st, c->office)) < 0)
            return nt_error_prefix("field 'office'");
        if (netra_org_kind(au->org, o.kind) == NULL)
            return nt_error_set(NETRA_EINVAL, "field 'office': kind '%s' is not in offices.tsv",
                                o.kind);
    }
    return changed(au, nt_store_user_update(au->st, &before, if_version, c, netra_auth_now(au),
                                            actor, client));
}

int netra_user_reset_password(char out[NETRA_TEMP_PASSWORD_STRLEN], netra_auth *au,
                              const char *login, const netra_actor *actor, const char *client)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && login != NULL && actor != NULL &&
                  actor->name != NULL);
    out[0] = '\0';
    netra_user u;
    int err = nt_store_user_get(&u, NULL, au->st, login, 0);
    if (err < 0)
        return err;
    /* 100 random bits as 20 Crockford base32 characters in groups of five: easy to read out
     * over the telephone, no 0/O or 1/I/L confusion. */
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    unsigned char raw[13];
    randombytes_buf(raw, sizeof raw);
    char pw[NETRA_TEMP_PASSWORD_STRLEN];
    size_t n = 0;
    for (int i = 0; i < 20; i++) {
        int bit = i * 5;
        unsigned v = ((unsigned)raw[bit / 8] << 8 | raw[bit / 8 + 1]) >> (11 - bit % 8);
        if (i > 0 && i % 5 == 0)
            pw[n++] = '-';
        pw[n++] = alphabet[v & 31];
    }
    pw[n] = '\0';
    sodium_memzero(raw, sizeof raw);
    char hash[NETRA_PWHASH_STRLEN];
    if ((err = netra_password_hash(hash, au, pw)) < 0) {
        sodium_memzero(pw, sizeof pw);
        return err;
    }
    int64_t now = netra_auth_now(au);
    nt_password_set ps = {hash,   1,      now + NETRA_TEMP_PASSWORD_TTL, 0, "reset_kata_sandi",
                          client, "admin"};
    err = changed(au, nt_store_user_set_password(au->st, u.id, &ps, now, actor));
    sodium_memzero(hash, sizeof hash);
    if (err == 0)
        memcpy(out, pw, sizeof pw);
    sodium_memzero(pw, sizeof pw);
    return err;
}

int netra_user_list(netra_auth *au, int (*fn)(const netra_user *u, void *payload), void *payload)
{
    NT_ASSERT_ARG(au != NULL && fn != NULL);
    return nt_store_user_list(au->st, fn, payload);
}

int netra_user_set_disabled(netra_auth *au, const char *login, int disabled,
                            const netra_actor *actor)
{
    NT_ASSERT_ARG(au != NULL && login != NULL && actor != NULL && actor->name != NULL);
    return changed(au,
                   nt_store_user_set_disabled(au->st, login, disabled, netra_auth_now(au), actor));
}

int netra_user_set_password(netra_auth *au, const char *login, const char *password,
                            const netra_actor *actor)
{
    NT_ASSERT_ARG(au != NULL && login != NULL && password != NULL && actor != NULL &&
                  actor->name != NULL);
    netra_user u;
    int err = nt_store_user_get(&u, NULL, au->st, login, 0);
    if (err < 0)
        return err;
    if ((err = netra_password_policy(password, login)) < 0)
        return err;
    char hash[NETRA_PWHASH_STRLEN];
    if ((err = netra_password_hash(hash, au, password)) < 0)
        return err;
    err = changed(au, nt_store_user_set_hash(au->st, u.id, hash, netra_auth_now(au), actor));
    sodium_memzero(hash, sizeof hash);
    return err;
}

/* ---- principals -------------------------------------------------------------------------- */

/* The principal of a user in an office: the office's kind and the kind's role. */
static int principal_from(netra_principal *p, netra_auth *au, const netra_user *u,
                          const netra_office *o)
{
    memset(p, 0, sizeof *p);
    if (u->disabled)
        return nt_error_set(NETRA_EPERM, "user '%s' is disabled", u->login);
    const netra_office_kind *k = netra_org_kind(au->org, o->kind);
    const netra_role *r = k ? netra_workflow_role(au->org->wf, k->role) : NULL;
    if (r == NULL)
        return nt_error_set(NETRA_EPERM, "office %lld: kind '%s' is not in offices.tsv",
                            (long long)o->id, o->kind);
    p->user_id = u->id;
    snprintf(p->login, sizeof p->login, "%s", u->login);
    snprintf(p->display_name, sizeof p->display_name, "%s", u->display_name);
    snprintf(p->role, sizeof p->role, "%s", r->id);
    p->office_id = o->id;
    snprintf(p->office_kind, sizeof p->office_kind, "%s", o->kind);
    snprintf(p->region, sizeof p->region, "%s", o->region);
    snprintf(p->agency, sizeof p->agency, "%s", o->agency);
    p->reporter_access = r->reporter_access;
    p->sees_cases = k->cases;
    p->manages_accounts = !k->cases;
    p->must_change_password = u->must_change_password;
    return NETRA_OK;
}

static int principal_of(netra_principal *p, netra_auth *au, const netra_user *u)
{
    netra_office o;
    int err = nt_store_office_get(&o, au->st, u->office);
    return err < 0 ? err : principal_from(p, au, u, &o);
}

int netra_auth_principal(netra_principal *out, netra_auth *au, const char *login)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && login != NULL);
    netra_user u;
    int err = nt_store_user_get(&u, NULL, au->st, login, 0);
    return err < 0 ? err : principal_of(out, au, &u);
}

/* ---- login throttling -------------------------------------------------------------------- */

/* Seconds `key` stays locked at `now` (0 when not locked). */
static int locked_for(int64_t *out, netra_auth *au, const char *key, int64_t now)
{
    int n;
    int64_t last;
    int err = nt_store_failure_count(&n, &last, au->st, key, now - au->cfg.throttle_window + 1);
    *out = 0;
    if (err < 0 || n < au->cfg.throttle_failures)
        return err;
    int64_t delay = au->cfg.throttle_delay;
    for (int i = au->cfg.throttle_failures; i < n && delay < au->cfg.throttle_max_delay; i++)
        delay *= 2;
    if (delay > au->cfg.throttle_max_delay)
        delay = au->cfg.throttle_max_delay;
    if (last + delay > now)
        *out = last + delay - now;
    return NETRA_OK;
}

typedef struct keys {
    char login[8 + NETRA_LOGIN_MAX + 1]; /* "login:" + the login as given, lowercased */
    char addr[8 + CLIENT_MAX + 1];       /* "addr:" + the client, "" when unknown */
} keys;

static int locked_any(int64_t *out, netra_auth *au, const keys *k, int64_t now)
{
    int64_t a = 0, b = 0;
    int err = locked_for(&a, au, k->login, now);
    if (err == 0 && k->addr[0] != '\0')
        err = locked_for(&b, au, k->addr, now);
    *out = a > b ? a : b;
    return err;
}

static int dummy_hash(netra_auth *au)
{
    if (au->dummy[0] != '\0')
        return NETRA_OK;
    char pw[NETRA_TOKEN_STRLEN];
    token_new(pw, "");
    return netra_password_hash(au->dummy, au, pw);
}

/* A login, failed login or logout on the audit chain: who (the login as given when it is a
 * well-formed login, else "-"; never the password), the result and the client address. */
static int account_event(netra_auth *au, const char *login, int64_t user_id, const char *action,
                         const char *result, const char *client)
{
    char who[NETRA_LOGIN_MAX + 1] = "-";
    if (login != NULL && strlen(login) <= NETRA_LOGIN_MAX) {
        snprintf(who, sizeof who, "%s", login);
        nt_str_lower_ascii(who, strlen(who));
        if (netra_login_check(who) < 0) {
            netra_error_clear();
            snprintf(who, sizeof who, "-");
        }
    }
    char addr[CLIENT_MAX + 1];
    snprintf(addr, sizeof addr, "%s", client ? client : "");
    netra_actor a = {who, "", wib_date(netra_auth_now(au))};
    const char *kv[] = {"result", result, "address", addr, NULL};
    return nt_store_account_event(au->st, &a, action, user_id, kv);
}

int netra_auth_login(netra_session *out, int64_t *retry_after_out, netra_auth *au,
                     const char *login, const char *password, const char *client)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && login != NULL && password != NULL);
    memset(out, 0, sizeof *out);
    if (retry_after_out)
        *retry_after_out = 0;
    int64_t now = netra_auth_now(au);
    keys k;
    snprintf(k.login, sizeof k.login, "login:%.*s", NETRA_LOGIN_MAX, login);
    nt_str_lower_ascii(k.login, strlen(k.login));
    k.addr[0] = '\0';
    if (client != NULL && client[0] != '\0')
        snprintf(k.addr, sizeof k.addr, "addr:%.*s", CLIENT_MAX, client);
    int64_t wait;
    int err = locked_any(&wait, au, &k, now);
    if (err < 0)
        return err;
    if (wait > 0) {
        if (retry_after_out)
            *retry_after_out = wait;
        if ((err = account_event(au, login, 0, "gagal_masuk", "terkunci", client)) < 0)
            return err;
        return nt_error_set(NETRA_EPERM, "too many failed logins: try again in %lld s",
                            (long long)wait);
    }
    /* The same work whether the login exists or not: a hash is verified either way. */
    netra_user u;
    char hash[NETRA_PWHASH_STRLEN];
    int found = 0;
    if (strlen(login) <= NETRA_LOGIN_MAX) {
        err = nt_store_user_get(&u, hash, au->st, k.login + 6, 0);
        if (err < 0 && err != NETRA_ENOTFOUND)
            return err;
        found = err == NETRA_OK;
    }
    if (!found) {
        netra_error_clear();
        if ((err = dummy_hash(au)) < 0)
            return err;
        memcpy(hash, au->dummy, sizeof hash);
    }
    int ok = strlen(password) <= NETRA_PASSWORD_MAX && netra_password_verify(hash, password) == 0;
    const char *why =
        !found       ? "login_tidak_dikenal"
        : !ok        ? "kata_sandi_salah"
        : u.disabled ? "pengguna_nonaktif"
        : u.must_change_password && u.password_expires > 0 && now >= u.password_expires
            ? "sandi_sementara_kedaluwarsa"
            : NULL;
    ok = why == NULL;
    if (!ok) {
        if ((err = account_event(au, login, found ? u.id : 0, "gagal_masuk", why, client)) < 0)
            return err;
        int64_t since = now - au->cfg.throttle_window + 1;
        if ((err = nt_store_failure_add(au->st, k.login, now, since)) < 0 ||
            (k.addr[0] && (err = nt_store_failure_add(au->st, k.addr, now, since)) < 0) ||
            (err = locked_any(&wait, au, &k, now)) < 0)
            return err;
        if (retry_after_out)
            *retry_after_out = wait;
        return nt_error_set(NETRA_EPERM, "login or password is wrong");
    }
    if ((err = nt_store_failure_clear(au->st, k.login)) < 0)
        return err;
    if (crypto_pwhash_str_needs_rehash(hash, au->cfg.pwhash_opslimit, au->cfg.pwhash_memlimit) !=
        0) {
        char fresh[NETRA_PWHASH_STRLEN];
        if (netra_password_hash(fresh, au, password) == 0)
            (void)nt_store_user_set_hash(au->st, u.id, fresh, now, NULL);
        sodium_memzero(fresh, sizeof fresh);
    }
    char th[65], ch[65];
    token_new(out->token, "");
    token_new(out->csrf, "");
    token_hash(th, out->token);
    token_hash(ch, out->csrf);
    out->expires_absolute = now + au->cfg.session_absolute;
    out->expires_idle = now + au->cfg.session_idle;
    if (out->expires_idle > out->expires_absolute)
        out->expires_idle = out->expires_absolute;
    if ((err = nt_store_session_insert(&out->id, au->st, u.id, th, ch, now,
                                       out->expires_absolute)) < 0 ||
        (err = nt_store_user_logged_in(au->st, u.id, now)) < 0 ||
        (err = account_event(au, u.login, u.id, "masuk",
                             u.must_change_password ? "berhasil_wajib_ganti_sandi" : "berhasil",
                             client)) < 0) {
        sodium_memzero(out, sizeof *out);
        return err;
    }
    return NETRA_OK;
}

/* A live session of a token (or of an id when `token` is NULL), with its user and office:
 * not ended, not past its absolute or idle expiry. */
static int live_session(nt_credential_row *s, netra_auth *au, const char *token, int64_t id,
                        int64_t now)
{
    char th[65];
    if (token != NULL) {
        if (strnlen(token, NETRA_TOKEN_STRLEN) >= NETRA_TOKEN_STRLEN)
            return nt_error_set(NETRA_EPERM, "no valid session");
        token_hash(th, token);
    }
    int err = nt_store_credential(s, au->st, 0, token ? th : NULL, id);
    if (err == NETRA_ENOTFOUND)
        return nt_error_set(NETRA_EPERM, "no valid session");
    if (err < 0)
        return err;
    if (s->ended)
        return nt_error_set(NETRA_EPERM, "the session has ended");
    if (now >= s->expires || now >= s->last_seen + au->cfg.session_idle) {
        (void)nt_store_session_end(au->st, s->id, now);
        return nt_error_set(NETRA_EPERM, "the session has expired");
    }
    return NETRA_OK;
}

/* A credential from the shared cache, when it holds one that is still live at `now` and
 * whose last use needs no write yet. */
static int cached(netra_principal *out, netra_auth *au, int api, const char hash[65], int64_t now,
                  unsigned long *gen)
{
    nt_cache_credential cr;
    if (au->cfg.cache == NULL || !nt_cache_get(au->cfg.cache, api, hash, &cr, gen))
        return 0;
    if (now >= cr.expires || now - cr.last_seen >= TOUCH_EVERY ||
        (!api && now >= cr.last_seen + au->cfg.session_idle))
        return 0; /* the store decides (and writes the last use) */
    *out = cr.p;
    return 1;
}

static void remember(netra_auth *au, unsigned long gen, int api, const char hash[65],
                     const netra_principal *p, int64_t expires, int64_t last_seen)
{
    if (au->cfg.cache == NULL)
        return;
    nt_cache_credential cr;
    cr.p = *p;
    cr.expires = expires;
    cr.last_seen = last_seen;
    nt_cache_put(au->cfg.cache, gen, api, hash, &cr);
}

int netra_auth_session(netra_principal *out, netra_auth *au, const char *token)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && token != NULL);
    memset(out, 0, sizeof *out);
    int64_t now = netra_auth_now(au);
    if (strnlen(token, NETRA_TOKEN_STRLEN) >= NETRA_TOKEN_STRLEN)
        return nt_error_set(NETRA_EPERM, "no valid session");
    char th[65];
    token_hash(th, token);
    unsigned long gen = 0;
    if (cached(out, au, 0, th, now, &gen))
        return NETRA_OK;
    nt_credential_row s;
    int err = live_session(&s, au, token, 0, now);
    if (err == 0)
        err = principal_from(out, au, &s.user, &s.office);
    if (err < 0) {
        memset(out, 0, sizeof *out);
        return err;
    }
    out->session_id = s.id;
    /* The last use is written at most once a minute: a read-mostly path stays a read. */
    if (now - s.last_seen >= TOUCH_EVERY) {
        if ((err = nt_store_session_touch(au->st, s.id, now)) < 0)
            return err;
        s.last_seen = now;
    }
    remember(au, gen, 0, th, out, s.expires, s.last_seen);
    return NETRA_OK;
}

int netra_auth_csrf_check(netra_auth *au, int64_t session_id, const char *csrf)
{
    NT_ASSERT_ARG(au != NULL);
    if (csrf == NULL || strnlen(csrf, NETRA_TOKEN_STRLEN) >= NETRA_TOKEN_STRLEN)
        return nt_error_set(NETRA_EPERM, "missing or malformed CSRF token");
    nt_credential_row s;
    int err = live_session(&s, au, NULL, session_id, netra_auth_now(au));
    if (err < 0)
        return err;
    char ch[65];
    token_hash(ch, csrf);
    if (strlen(s.csrf_hash) != 64 || sodium_memcmp(ch, s.csrf_hash, 64) != 0)
        return nt_error_set(NETRA_EPERM, "CSRF token does not match the session");
    return NETRA_OK;
}

int netra_auth_logout(netra_auth *au, const char *token, const char *client)
{
    NT_ASSERT_ARG(au != NULL && token != NULL);
    if (strnlen(token, NETRA_TOKEN_STRLEN) >= NETRA_TOKEN_STRLEN)
        return NETRA_OK;
    char th[65];
    token_hash(th, token);
    nt_credential_row s;
    int err = nt_store_credential(&s, au->st, 0, th, 0);
    if (err == NETRA_ENOTFOUND || (err == 0 && s.ended)) {
        netra_error_clear();
        return NETRA_OK;
    }
    if (err < 0 || (err = changed(au, nt_store_session_end(au->st, s.id, netra_auth_now(au)))) < 0)
        return err;
    return account_event(au, s.user.login, s.user_id, "keluar", "berhasil", client);
}

int netra_auth_logout_all(size_t *n_out, netra_auth *au, const char *login)
{
    NT_ASSERT_ARG(au != NULL && login != NULL);
    netra_user u;
    int err = nt_store_user_get(&u, NULL, au->st, login, 0);
    if (err < 0)
        return err;
    return changed(au, nt_store_session_end_user(n_out, au->st, u.id, netra_auth_now(au)));
}

/* ---- API tokens -------------------------------------------------------------------------- */

int netra_token_add(int64_t *id_out, char secret[NETRA_TOKEN_STRLEN], netra_auth *au,
                    const char *login, const char *name, const netra_actor *actor)
{
    NT_ASSERT_ARG(secret != NULL && au != NULL && login != NULL && actor != NULL &&
                  actor->name != NULL);
    secret[0] = '\0';
    int err = text_field("name", name, NETRA_TOKEN_NAME_MAX);
    if (err < 0)
        return err;
    netra_user u;
    if ((err = nt_store_user_get(&u, NULL, au->st, login, 0)) < 0)
        return err;
    char s[NETRA_TOKEN_STRLEN], th[65];
    token_new(s, API_PREFIX);
    token_hash(th, s);
    if ((err = nt_store_token_insert(id_out, au->st, u.id, name, th, netra_auth_now(au), actor)) <
        0) {
        sodium_memzero(s, sizeof s);
        return err;
    }
    memcpy(secret, s, sizeof s);
    sodium_memzero(s, sizeof s);
    return NETRA_OK;
}

int netra_token_revoke(netra_auth *au, int64_t id, const netra_actor *actor)
{
    NT_ASSERT_ARG(au != NULL && actor != NULL && actor->name != NULL);
    return changed(au, nt_store_token_revoke(au->st, id, netra_auth_now(au), actor));
}

int netra_token_list(netra_auth *au, const char *login,
                     int (*fn)(const netra_api_token *t, void *payload), void *payload)
{
    NT_ASSERT_ARG(au != NULL && fn != NULL);
    return nt_store_token_list(au->st, login, fn, payload);
}

int netra_auth_token(netra_principal *out, netra_auth *au, const char *secret)
{
    NT_ASSERT_ARG(out != NULL && au != NULL && secret != NULL);
    memset(out, 0, sizeof *out);
    if (strncmp(secret, API_PREFIX, strlen(API_PREFIX)) != 0 ||
        strnlen(secret, NETRA_TOKEN_STRLEN) >= NETRA_TOKEN_STRLEN)
        return nt_error_set(NETRA_EPERM, "no valid API token");
    char th[65];
    token_hash(th, secret);
    int64_t now = netra_auth_now(au);
    unsigned long gen = 0;
    if (cached(out, au, 1, th, now, &gen))
        return NETRA_OK;
    nt_credential_row t;
    int err = nt_store_credential(&t, au->st, 1, th, 0);
    if (err == NETRA_ENOTFOUND || (err == 0 && t.ended))
        return nt_error_set(NETRA_EPERM, "no valid API token");
    if (err == 0)
        err = principal_from(out, au, &t.user, &t.office);
    if (err < 0) {
        memset(out, 0, sizeof *out);
        return err;
    }
    out->token_id = t.id;
    if (now - t.last_seen >= TOUCH_EVERY) {
        if ((err = nt_store_token_used(au->st, t.id, now)) < 0)
            return err;
        t.last_seen = now;
    }
    remember(au, gen, 1, th, out, INT64_MAX, t.last_seen);
    return NETRA_OK;
}

/* ---- policy ------------------------------------------------------------------------------ */

int netra_principal_may_see(const netra_principal *p, const char *case_region,
                            const char *const *agencies)
{
    if (p == NULL || !p->sees_cases)
        return 0;
    if (p->agency[0] != '\0') {
        int match = 0;
        for (size_t i = 0; agencies != NULL && agencies[i] != NULL && !match; i++)
            match = nt_str_ieq_ascii(agencies[i], p->agency);
        return match && netra_region_covers(p->region, case_region ? case_region : "");
    }
    return netra_region_covers(p->region, case_region ? case_region : "");
}

#define MAX_AGENCIES 16

typedef struct agency_list {
    char names[MAX_AGENCIES][NETRA_AGENCY_MAX + 1];
    const char *ptrs[MAX_AGENCIES + 1];
    size_t n;
} agency_list;

static int collect_agency(const char *agency, void *payload)
{
    agency_list *l = payload;
    if (l->n == MAX_AGENCIES)
        return -1;
    snprintf(l->names[l->n], sizeof l->names[l->n], "%s", agency);
    l->ptrs[l->n] = l->names[l->n];
    l->n++;
    l->ptrs[l->n] = NULL;
    return 0;
}

static int may_see(netra_case *c, netra_auth *au, const netra_principal *p, int64_t case_id)
{
    int err = netra_store_case_get(c, au->st, case_id);
    if (err < 0)
        return err;
    agency_list l;
    l.n = 0;
    l.ptrs[0] = NULL;
    if (p->agency[0] != '\0' &&
        (err = netra_store_case_agencies(au->st, case_id, collect_agency, &l)) < 0)
        return err;
    if (!netra_principal_may_see(p, c->region, l.ptrs))
        return nt_error_set(NETRA_EPERM, "%s may not see case %lld (office region '%s'%s%s)",
                            p->login, (long long)case_id, p->region,
                            p->agency[0] ? ", agency " : "", p->agency);
    return NETRA_OK;
}

int netra_auth_may_see_case(netra_auth *au, const netra_principal *p, int64_t case_id)
{
    NT_ASSERT_ARG(au != NULL && p != NULL);
    netra_case c;
    return may_see(&c, au, p, case_id);
}

int netra_principal_may_act(const netra_principal *p, const netra_workflow *wf, const char *state,
                            const char *regime, const char *action)
{
    NT_ASSERT_ARG(p != NULL && wf != NULL && regime != NULL && action != NULL);
    if (netra_workflow_action(wf, action) == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown action '%s'", action);
    if (strcmp(regime, "pemilu") != 0 && strcmp(regime, "pilkada") != 0)
        return nt_error_set(NETRA_EINVAL, "regime '%s' is not pemilu or pilkada", regime);
    const netra_transition *t = netra_workflow_find(wf, state, action, regime);
    if (t == NULL) {
        char allowed[512];
        netra_workflow_allowed(allowed, sizeof allowed, wf, state, regime);
        return nt_error_set(NETRA_ESTATE, "action '%s' is not allowed in state '%s' (allowed: %s)",
                            action, state ? state : "-", allowed[0] ? allowed : "none");
    }
    if (!p->sees_cases || !netra_workflow_role_may(wf, t, p->role))
        return nt_error_set(NETRA_EPERM, "role '%s' may not take '%s' in state '%s' (who may: %s)",
                            p->role, action, state ? state : "-", t->roles);
    return NETRA_OK;
}

int netra_auth_may_act_case(netra_auth *au, const netra_principal *p, int64_t case_id,
                            const char *action)
{
    NT_ASSERT_ARG(au != NULL && p != NULL && action != NULL);
    netra_case c;
    int err = may_see(&c, au, p, case_id);
    if (err < 0)
        return err;
    return netra_principal_may_act(p, au->org->wf, c.state, c.regime, action);
}

int netra_user_change_password(int64_t *retry_after_out, netra_auth *au, const netra_principal *p,
                               const char *current, const char *fresh, const char *client)
{
    NT_ASSERT_ARG(au != NULL && p != NULL && current != NULL && fresh != NULL);
    if (retry_after_out)
        *retry_after_out = 0;
    int64_t now = netra_auth_now(au);
    keys k;
    snprintf(k.login, sizeof k.login, "login:%s", p->login);
    nt_str_lower_ascii(k.login, strlen(k.login));
    k.addr[0] = '\0';
    if (client != NULL && client[0] != '\0')
        snprintf(k.addr, sizeof k.addr, "addr:%.*s", CLIENT_MAX, client);
    int64_t wait;
    int err = locked_any(&wait, au, &k, now);
    if (err < 0)
        return err;
    if (wait > 0) {
        if (retry_after_out)
            *retry_after_out = wait;
        return nt_error_set(NETRA_EPERM, "too many failed attempts: try again in %lld s",
                            (long long)wait);
    }
    netra_user u;
    char hash[NETRA_PWHASH_STRLEN];
    if ((err = nt_store_user_get(&u, hash, au->st, NULL, p->user_id)) < 0)
        return err;
    int ok = strlen(current) <= NETRA_PASSWORD_MAX && netra_password_verify(hash, current) == 0;
    sodium_memzero(hash, sizeof hash);
    if (!ok) {
        int64_t since = now - au->cfg.throttle_window + 1;
        if ((err = nt_store_failure_add(au->st, k.login, now, since)) < 0 ||
            (k.addr[0] && (err = nt_store_failure_add(au->st, k.addr, now, since)) < 0) ||
            (err = locked_any(&wait, au, &k, now)) < 0 ||
            (err = account_event(au, p->login, p->user_id, "gagal_ganti_kata_sandi",
                                 "kata_sandi_salah", client)) < 0)
            return err;
        if (retry_after_out)
            *retry_after_out = wait;
        return nt_error_set(NETRA_EPERM, "field 'current_password': does not match");
    }
    if ((err = netra_password_policy(fresh, u.login)) < 0) {
        const char *m = netra_error_last()->msg;
        const char *rest = strncmp(m, "field 'password': ", 18) == 0 ? m + 18 : m;
        char why[NETRA_ERROR_MSG_MAX];
        snprintf(why, sizeof why, "%s", rest);
        return nt_error_set(NETRA_EINVAL, "field 'new_password': %s", why);
    }
    if (strcmp(fresh, current) == 0)
        return nt_error_set(NETRA_EINVAL, "field 'new_password': the same as the current one");
    char fh[NETRA_PWHASH_STRLEN];
    if ((err = netra_password_hash(fh, au, fresh)) < 0)
        return err;
    netra_actor a = {p->login, p->role, wib_date(now)};
    nt_password_set ps = {fh, 0, 0, p->session_id, "ganti_kata_sandi", client, "self"};
    err = changed(au, nt_store_user_set_password(au->st, u.id, &ps, now, &a));
    sodium_memzero(fh, sizeof fh);
    if (err == 0)
        err = nt_store_failure_clear(au->st, k.login);
    return err;
}

int netra_principal_may_manage(const netra_principal *p, const char *office_region)
{
    return p != NULL && p->manages_accounts &&
           netra_region_covers(p->region, office_region ? office_region : "");
}

int netra_auth_may_manage_office(netra_office *out, netra_auth *au, const netra_principal *p,
                                 int64_t office_id)
{
    NT_ASSERT_ARG(au != NULL && p != NULL);
    if (!p->manages_accounts)
        return nt_error_set(NETRA_EPERM, "role '%s' does not manage accounts", p->role);
    netra_office o;
    int err = nt_store_office_get(&o, au->st, office_id);
    if (err < 0)
        return err;
    if (!netra_principal_may_manage(p, o.region))
        return nt_error_set(NETRA_ENOTFOUND, "no office %lld in region '%s'", (long long)office_id,
                            p->region);
    if (out != NULL)
        *out = o;
    return NETRA_OK;
}

int netra_auth_may_manage_user(netra_user *out, netra_auth *au, const netra_principal *p,
                               int64_t user_id)
{
    NT_ASSERT_ARG(au != NULL && p != NULL);
    if (!p->manages_accounts)
        return nt_error_set(NETRA_EPERM, "role '%s' does not manage accounts", p->role);
    netra_user u;
    int err = nt_store_user_get(&u, NULL, au->st, NULL, user_id);
    if (err < 0)
        return err;
    if ((err = netra_auth_may_manage_office(NULL, au, p, u.office)) < 0) {
        if (err == NETRA_ENOTFOUND)
            return nt_error_set(NETRA_ENOTFOUND, "no user %lld in region '%s'", (long long)user_id,
                                p->region);
        return err;
    }
    if (out != NULL)
        *out = u;
    return NETRA_OK;
}

netra_actor netra_principal_actor(const netra_principal *p, netra_date today)
{
    netra_actor a = {p->login, p->role, today};
    return a;
}

int netra_auth_reporter_get(char *identity, size_t identity_size, char *contact,
                            size_t contact_size, netra_auth *au, const netra_principal *p,
                            int64_t case_id)
{
    NT_ASSERT_ARG(au != NULL && p != NULL);
    if (!p->reporter_access)
        return nt_error_set(NETRA_EPERM, "role '%s' may not see the reporter's identity", p->role);
    netra_case c;
    int err = may_see(&c, au, p, case_id);
    if (err < 0)
        return err;
    netra_actor a = netra_principal_actor(p, wib_date(netra_auth_now(au)));
    return netra_store_reporter_get_audited(identity, identity_size, contact, contact_size, au->st,
                                            case_id, &a);
}
