/*
 * evidence.c - evidence from files (issue 5): the media type sniffed from the content's
 * magic bytes (never from the file name), a size limit, and the case's evidence read back
 * with its custody count. Storage itself (content-addressed blobs, custody) is
 * netra_store_evidence_add() in sqlite.c. Also the accused ASN across cases (netra asn
 * show).
 */
#include <stdint.h>
#include <string.h>

#include "store/store_int.h"

/*
 * The one sniffer of evidence content, for files staff attach (netra case attach) and files
 * the public uploads (netra_public_evidence_add, netrad): the type by the content only, with
 * the stricter check of each signature the two earlier sniffers had, and stricter still
 * where a short signature says little:
 *   - ISO media (`ftyp`): 12 bytes and a brand of the list (video or HEIC/AVIF image), not
 *     any box that happens to say ftyp;
 *   - MP3: only with its ID3 tag (two bytes of frame sync match too much binary);
 *   - Matroska/WebM: the EBML header and its DocType;
 *   - ZIP: only an Office Open XML or OpenDocument file (a zip of programs is not a
 *     document);
 *   - OLE (legacy Office): the header's byte order and version.
 */
typedef struct magic {
    size_t offset;     /* where the signature starts */
    const char *bytes; /* the signature */
    size_t len;
    const char *type; /* media type */
    const char *kind; /* evidence kind it suggests */
} magic;

static const magic magics[] = {
    {0, "\x89PNG\r\n\x1a\n", 8, "image/png", "screenshot"},
    {0, "\xff\xd8\xff", 3, "image/jpeg", "photo"},
    {0, "GIF87a", 6, "image/gif", "screenshot"},
    {0, "GIF89a", 6, "image/gif", "screenshot"},
    {0, "%PDF-", 5, "application/pdf", "document"},
    {0, "ID3", 3, "audio/mpeg", "video"},
    {0, "OggS", 4, "audio/ogg", "video"},
};

/* ISO base media brands (bytes 8-11) Netra accepts, and what they are. */
static const struct {
    const char brand[5];
    const char *type, *kind;
} brands[] = {
    {"heic", "image/heic", "photo"},      {"heix", "image/heic", "photo"},
    {"mif1", "image/heic", "photo"},      {"avif", "image/avif", "photo"},
    {"qt  ", "video/quicktime", "video"}, {"isom", "video/mp4", "video"},
    {"iso2", "video/mp4", "video"},       {"iso4", "video/mp4", "video"},
    {"iso5", "video/mp4", "video"},       {"iso6", "video/mp4", "video"},
    {"mp41", "video/mp4", "video"},       {"mp42", "video/mp4", "video"},
    {"avc1", "video/mp4", "video"},       {"M4V ", "video/mp4", "video"},
    {"M4VP", "video/mp4", "video"},       {"MSNV", "video/mp4", "video"},
    {"mmp4", "video/mp4", "video"},       {"dash", "video/mp4", "video"},
    {"3gp4", "video/3gpp", "video"},      {"3gp5", "video/3gpp", "video"},
    {"3gp6", "video/3gpp", "video"},      {"3g2a", "video/3gpp2", "video"},
};

static int refuse(const unsigned char *p, size_t len, const char *why)
{
    char head[40] = "";
    for (size_t i = 0; i < len && i < 8; i++)
        snprintf(head + 3 * i, sizeof head - 3 * i, "%02x ", p[i]);
    return nt_error_set(NETRA_EINVAL,
                        "byte 0: content starting %sis not an image (PNG, JPEG, GIF, WebP, "
                        "HEIC, AVIF), video (MP4, QuickTime, 3GP, WebM, Matroska), audio (MP3 "
                        "with ID3, Ogg) or document (PDF, Office, OpenDocument) Netra accepts as "
                        "evidence%s",
                        len == 0 ? "(empty) " : head, why ? why : "");
}

static int found(const char **media_type, const char **kind, const char *t, const char *k)
{
    *media_type = t;
    if (kind != NULL)
        *kind = k;
    return NETRA_OK;
}

int netra_evidence_sniff(const char **media_type, const char **kind, const void *content,
                         size_t len)
{
    NT_ASSERT_ARG(media_type != NULL && (content != NULL || len == 0));
    const unsigned char *p = content;
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        const magic *m = &magics[i];
        if (len >= m->offset + m->len && memcmp(p + m->offset, m->bytes, m->len) == 0)
            return found(media_type, kind, m->type, m->kind);
    }
    if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return found(media_type, kind, "image/webp", "screenshot");
    if (len >= 8 && memcmp(p + 4, "ftyp", 4) == 0) {
        if (len < 12)
            return refuse(p, len, " (byte 8: an ISO media file without its brand)");
        for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
            if (memcmp(p + 8, brands[i].brand, 4) == 0)
                return found(media_type, kind, brands[i].type, brands[i].kind);
        char b[5];
        for (int i = 0; i < 4; i++)
            b[i] = p[8 + i] >= 0x20 && p[8 + i] < 0x7f ? (char)p[8 + i] : '?';
        b[4] = '\0';
        char why[64];
        snprintf(why, sizeof why, " (byte 8: ISO media brand '%s' is not a video or photo)", b);
        return refuse(p, len, why);
    }
    if (len >= 4 && memcmp(p, "\x1a\x45\xdf\xa3", 4) == 0) {
        /* The EBML header's DocType, within its first bytes. */
        size_t n = len < 64 ? len : 64;
        for (size_t i = 4; i + 6 <= n; i++) {
            if (p[i] == 0x42 && p[i + 1] == 0x82) {
                if (i + 7 <= n && memcmp(p + i + 3, "webm", 4) == 0)
                    return found(media_type, kind, "video/webm", "video");
                if (i + 11 <= n && memcmp(p + i + 3, "matroska", 8) == 0)
                    return found(media_type, kind, "video/x-matroska", "video");
            }
        }
        return refuse(p, len, " (byte 4: an EBML file that is not WebM or Matroska)");
    }
    if (len >= 30 && memcmp(p, "PK\x03\x04", 4) == 0) {
        /* The first entry's name (offset 30, its length at 26) and what the archive holds. */
        size_t nlen = (size_t)p[26] | (size_t)p[27] << 8;
        const char *name = (const char *)p + 30;
        if (30 + nlen <= len) {
            if (nlen == 8 && memcmp(name, "mimetype", 8) == 0 && len >= 30 + 8 + 39 &&
                memcmp(name + 8, "application/vnd.oasis.opendocument.", 35) == 0)
                return found(media_type, kind, "application/vnd.oasis.opendocument", "document");
            size_t scan = len < 65536 ? len : 65536;
            static const struct {
                const char *dir, *type;
            } ooxml[] = {
                {"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "document"},
                {"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
                {"ppt/", "application/vnd.openxmlformats-officedocument.presentationml."
                         "presentation"},
            };
            int content_types = 0;
            for (size_t i = 0; i + 19 <= scan && !content_types; i++)
                content_types = memcmp(p + i, "[Content_Types].xml", 19) == 0;
            for (size_t k = 0; content_types && k < 3; k++) {
                size_t dl = strlen(ooxml[k].dir);
                for (size_t i = 30; i + dl <= scan; i++)
                    if (memcmp(p + i, ooxml[k].dir, dl) == 0 &&
                        (memcmp(p + i - 30, "PK\x03\x04", 4) == 0 ||
                         (i >= 46 && memcmp(p + i - 46, "PK\x01\x02", 4) == 0)))
                        return found(media_type, kind, ooxml[k].type, "document");
            }
        }
        return refuse(p, len, " (a ZIP archive that is not an Office or OpenDocument file)");
    }
    if (len >= 32 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
        /* Compound file: major version 3 or 4 at byte 26, byte order FFFE at byte 28. */
        if ((p[26] == 3 || p[26] == 4) && p[27] == 0 && p[28] == 0xfe && p[29] == 0xff)
            return found(media_type, kind, "application/msword", "document");
        return refuse(p, len, " (byte 26: an OLE compound file with a bad header)");
    }
    return refuse(p, len, NULL);
}

int netra_store_evidence_attach_file(int64_t *evidence_id_out, char sha256_hex[65],
                                     const char **media_type_out, netra_store *st, int64_t case_id,
                                     const char *path, const char *kind, const char *url,
                                     const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && path != NULL && actor != NULL);
    netra_case c;
    int err = netra_store_case_get(&c, st, case_id);
    if (err < 0)
        return err;
    if ((err = nt_store_merge_check(st, case_id)) < 0)
        return err;
    char *data = NULL;
    size_t len = 0;
    if ((err = nt_file_read(&data, &len, path, NETRA_EVIDENCE_MAX_BYTES)) < 0) {
        if (err == NETRA_ETOOBIG)
            return nt_error_set(NETRA_ETOOBIG, "%s: larger than the evidence limit of %u MiB", path,
                                NETRA_EVIDENCE_MAX_BYTES >> 20);
        return err;
    }
    const char *type, *sniffed_kind;
    if ((err = netra_evidence_sniff(&type, &sniffed_kind, data, len)) < 0) {
        nt_free(data);
        return nt_error_prefix("%s", path);
    }
    static const char *const kinds[] = {"screenshot", "photo", "video", "document", "url", NULL};
    if (kind != NULL) {
        size_t i = 0;
        while (kinds[i] != NULL && strcmp(kinds[i], kind) != 0)
            i++;
        if (kinds[i] == NULL) {
            nt_free(data);
            return nt_error_set(NETRA_EINVAL,
                                "evidence kind '%s': one of screenshot, photo, video, document, "
                                "url",
                                kind);
        }
    }
    err = netra_store_evidence_add(evidence_id_out, sha256_hex, st, case_id,
                                   kind ? kind : sniffed_kind, type, data, len, url, actor);
    nt_free(data);
    if (err == 0 && media_type_out != NULL)
        *media_type_out = type;
    return err;
}

typedef struct evidence_each {
    int (*fn)(const netra_evidence_row *e, void *payload);
    void *payload;
} evidence_each;

static int each_evidence(nt_stmt *q, void *payload)
{
    evidence_each *x = payload;
    netra_evidence_row e;
    memset(&e, 0, sizeof e);
    e.id = nt_db_col_int64(q, 0);
    nt_store_text(e.sha256, sizeof e.sha256, q, 1);
    nt_store_text(e.kind, sizeof e.kind, q, 2);
    nt_store_text(e.media_type, sizeof e.media_type, q, 3);
    e.size = (int64_t)nt_db_col_int64(q, 4);
    nt_store_text(e.url, sizeof e.url, q, 5);
    nt_store_text(e.captured_at, sizeof e.captured_at, q, 6);
    nt_store_text(e.captured_by, sizeof e.captured_by, q, 7);
    e.n_custody = nt_db_col_int(q, 8);
    return x->fn(&e, x->payload);
}

int netra_store_case_evidence(netra_store *st, int64_t case_id,
                              int (*fn)(const netra_evidence_row *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    evidence_each x = {fn, payload};
    return nt_store_each(st,
                         "SELECT e.id, e.sha256, e.kind, e.media_type, b.size, e.url, "
                         "e.captured_at, e.captured_by, (SELECT count(*) FROM custody k "
                         "WHERE k.evidence_id = e.id) FROM evidence e JOIN blobs b ON "
                         "b.sha256 = e.sha256 WHERE e.case_id = ? ORDER BY e.id",
                         &case_id, 1, "reading evidence", each_evidence, &x);
}

/* A custody entry from columns `c`.. of the current row: id, at, actor, action, note. */
static void read_custody(netra_custody_row *k, nt_stmt *q, int c)
{
    memset(k, 0, sizeof *k);
    k->id = nt_db_col_int64(q, c);
    nt_store_text(k->at, sizeof k->at, q, c + 1);
    nt_store_text(k->actor, sizeof k->actor, q, c + 2);
    nt_store_text(k->action, sizeof k->action, q, c + 3);
    nt_store_text(k->note, sizeof k->note, q, c + 4);
}

typedef struct custody_each {
    int (*fn)(const netra_custody_row *k, void *payload);
    int (*case_fn)(int64_t evidence_id, const netra_custody_row *k, void *payload);
    void *payload;
    int found; /* the evidence row was there */
} custody_each;

static int each_custody(nt_stmt *q, void *payload)
{
    custody_each *x = payload;
    x->found = 1;
    if (nt_db_col_text(q, 2) == NULL) /* evidence without any entry */
        return 0;
    netra_custody_row k;
    read_custody(&k, q, 1);
    return x->fn ? x->fn(&k, x->payload) : x->case_fn(nt_db_col_int64(q, 0), &k, x->payload);
}

int netra_store_evidence_custody_list(netra_store *st, int64_t case_id, int64_t evidence_id,
                                      int (*fn)(const netra_custody_row *k, void *payload),
                                      void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    custody_each x = {fn, NULL, payload, 0};
    const int64_t args[] = {evidence_id, case_id};
    /* The evidence row is joined so that an id of another case reads as absent. */
    int err = nt_store_each(st,
                            "SELECT e.id, k.id, k.at, k.actor, k.action, k.note FROM evidence e "
                            "LEFT JOIN custody k ON k.evidence_id = e.id WHERE e.id = ? AND "
                            "e.case_id = ? ORDER BY k.id",
                            args, 2, "reading custody", each_custody, &x);
    if (err == 0 && !x.found)
        err = nt_error_set(NETRA_ENOTFOUND, "evidence %lld of case %lld not found",
                           (long long)evidence_id, (long long)case_id);
    return err;
}

int netra_store_case_custody(netra_store *st, int64_t case_id, int64_t max_evidence_id,
                             int (*fn)(int64_t evidence_id, const netra_custody_row *k,
                                       void *payload),
                             void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    custody_each x = {NULL, fn, payload, 0};
    const int64_t args[] = {case_id, max_evidence_id > 0 ? max_evidence_id : INT64_MAX};
    return nt_store_each(st,
                         "SELECT e.id, k.id, k.at, k.actor, k.action, k.note FROM evidence e "
                         "JOIN custody k ON k.evidence_id = e.id WHERE e.case_id = ? AND "
                         "e.id <= ? ORDER BY e.id, k.id",
                         args, 2, "reading custody", each_custody, &x);
}

/* ---- the accused across cases ------------------------------------------------------------ */

#define ASN_COLUMNS                                                                                \
    "nip, name, employee_type, agency, position_class, region, ppk, accounts, agency_kind"

/* A row of ASN_COLUMNS. */
static void read_asn(netra_asn_row *a, nt_stmt *q)
{
    memset(a, 0, sizeof *a);
    char *f[] = {a->nip,    a->name, a->employee_type, a->agency,     a->position,
                 a->region, a->ppk,  a->accounts,      a->agency_kind};
    size_t sz[] = {sizeof a->nip,    sizeof a->name,     sizeof a->employee_type,
                   sizeof a->agency, sizeof a->position, sizeof a->region,
                   sizeof a->ppk,    sizeof a->accounts, sizeof a->agency_kind};
    for (int i = 0; i < 9; i++)
        nt_store_text(f[i], sz[i], q, i);
}

int netra_store_asn_get(netra_asn_row *out, netra_store *st, const char *nip)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && nip != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q, "SELECT " ASN_COLUMNS " FROM asn WHERE nip = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, nip);
    int rc = nt_db_step(q, "reading an ASN");
    if (rc == NT_DB_ROW) {
        read_asn(out, q);
    } else if (rc == NT_DB_DONE) {
        err = nt_error_set(NETRA_ENOTFOUND, "no accused ASN with NIP %s", nip);
    }
    nt_db_finalize(q);
    return rc < 0 ? rc : err;
}

int netra_store_asn_cases(netra_store *st, const char *nip,
                          int (*fn)(const netra_case *c, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && nip != NULL && fn != NULL);
    /* Read the ids first: fn may read the store. */
    int64_t ids[NETRA_ASN_MAX_CASES];
    size_t n = 0;
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT ca.case_id FROM case_asn ca JOIN asn a ON a.id = ca.asn_id "
                            "WHERE a.nip = ? ORDER BY ca.case_id");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, nip);
    int rc;
    while ((rc = nt_db_step(q, "reading an ASN's cases")) == NT_DB_ROW && n < NETRA_ASN_MAX_CASES)
        ids[n++] = nt_db_col_int64(q, 0);
    nt_db_finalize(q);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        netra_case c;
        if ((err = netra_store_case_get(&c, st, ids[i])) < 0 || (err = fn(&c, payload)) < 0)
            return err;
    }
    return NETRA_OK;
}

/* ---- finding the accused by name or NIP --------------------------------------------------- */

#define ASN_FIND_WORDS 6

/* A query: the digits of a NIP prefix, or the words of a name as LIKE patterns ("%word%",
 * lowercased; a word holds no % or _, see name_char). */
typedef struct asn_query {
    int nip;                                             /* a NIP prefix: digits[] */
    char digits[24];                                     /* the digits of a NIP query */
    char words[ASN_FIND_WORDS][NETRA_ASN_QUERY_MAX + 3]; /* "%word%" */
    size_t n;
} asn_query;

static int name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '-' || c >= 0x80;
}

static int asn_query_parse(asn_query *q, const char *text)
{
    memset(q, 0, sizeof *q);
    size_t len = strlen(text);
    if (len > NETRA_ASN_QUERY_MAX)
        return nt_error_set(NETRA_EINVAL, "query: longer than %d bytes", NETRA_ASN_QUERY_MAX);
    /* digits with the separators people write in a NIP: a NIP prefix */
    size_t nd = 0, other = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            if (nd + 1 < sizeof q->digits)
                q->digits[nd] = c;
            nd++;
        } else if (c != ' ' && c != '.' && c != '-' && c != '\t') {
            other++;
        }
    }
    if (other == 0 && nd > 0) {
        if (nd < 4)
            return nt_error_set(NETRA_EINVAL, "query: give at least 4 digits of a NIP");
        if (nd > 18) /* a NIP and an NI PPPK have 18 */
            return nt_error_set(NETRA_EINVAL, "query: more digits than a NIP has");
        q->nip = 1;
        return NETRA_OK;
    }
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        while (*p && !name_char(*p))
            p++;
        const unsigned char *w = p;
        while (*p && name_char(*p))
            p++;
        size_t wl = (size_t)(p - w);
        if (wl == 0)
            break;
        if (wl < 2)
            return nt_error_set(NETRA_EINVAL, "query: '%.*s': a word of at least 2 characters",
                                (int)wl, (const char *)w);
        if (q->n == ASN_FIND_WORDS)
            return nt_error_set(NETRA_EINVAL, "query: more than %d words", ASN_FIND_WORDS);
        char *o = q->words[q->n++];
        *o++ = '%';
        for (size_t i = 0; i < wl; i++) {
            unsigned char c = w[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            *o++ = (char)c;
        }
        *o++ = '%';
        *o = '\0';
    }
    if (q->n == 0)
        return nt_error_set(NETRA_EINVAL, "query: a name or the digits of a NIP");
    return NETRA_OK;
}

int netra_store_asn_find(int *more_out, netra_store *st, const char *query, size_t max,
                         int (*fn)(const netra_asn_row *a, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && query != NULL && fn != NULL);
    if (more_out)
        *more_out = 0;
    if (max > NETRA_ASN_FIND_MAX)
        max = NETRA_ASN_FIND_MAX;
    asn_query aq;
    int err = asn_query_parse(&aq, query);
    if (err < 0)
        return err;
    nt_buf sql;
    nt_buf_init(&sql, 4096);
    err = nt_buf_adds(&sql, "SELECT " ASN_COLUMNS " FROM asn WHERE ");
    /* the words are matched as written: none of them holds % or _ (name_char) */
    if (err == 0 && aq.nip)
        err = nt_buf_adds(&sql, "nip LIKE ? || '%'");
    for (size_t i = 0; err == 0 && i < aq.n; i++)
        err = nt_buf_adds(&sql, i ? " AND lower(name) LIKE ?" : "lower(name) LIKE ?");
    if (err == 0)
        err = nt_buf_adds(&sql, " ORDER BY lower(name), nip LIMIT ?");
    nt_stmt *q = NULL;
    if (err == 0)
        err = nt_db_prepare(st->db, &q, sql.ptr);
    nt_buf_free(&sql);
    if (err < 0)
        return err;
    int k = 1;
    if (aq.nip)
        nt_db_bind_text(q, k++, aq.digits);
    for (size_t i = 0; i < aq.n; i++)
        nt_db_bind_text(q, k++, aq.words[i]);
    nt_db_bind_int64(q, k, (int64_t)max + 1);
    netra_asn_row *rows = max ? nt_malloc(max * sizeof *rows) : NULL;
    if (max && rows == NULL) {
        nt_db_finalize(q);
        return netra_error_last()->code;
    }
    size_t n = 0;
    int rc;
    while ((rc = nt_db_step(q, "finding ASN")) == NT_DB_ROW) {
        if (n == max) {
            if (more_out)
                *more_out = 1;
            break;
        }
        read_asn(&rows[n++], q);
    }
    nt_db_finalize(q);
    err = rc < 0 ? rc : NETRA_OK;
    for (size_t i = 0; err == 0 && i < n; i++)
        err = fn(&rows[i], payload);
    nt_free(rows);
    return err;
}
