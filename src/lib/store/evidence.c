/*
 * evidence.c - evidence from files (issue 5): the media type sniffed from the content's
 * magic bytes (never from the file name), a size limit, and the case's evidence read back
 * with its custody count. Storage itself (content-addressed blobs, custody) is
 * netra_store_evidence_add() in sqlite.c. Also the accused ASN across cases (netra asn
 * show).
 */
#include <string.h>

#include "store/store_int.h"

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
    {8, "WEBP", 4, "image/webp", "screenshot"}, /* after "RIFF" and a size */
    {4, "ftypheic", 8, "image/heic", "photo"},
    {4, "ftypheix", 8, "image/heic", "photo"},
    {4, "ftypqt  ", 8, "video/quicktime", "video"},
    {4, "ftyp", 4, "video/mp4", "video"}, /* mp4, m4v, 3gp: any other ISO brand */
    {0, "\x1a\x45\xdf\xa3", 4, "video/webm", "video"},
    {0, "%PDF-", 5, "application/pdf", "document"},
    {0, "PK\x03\x04", 4, "application/zip", "document"}, /* docx, xlsx, odt are zips */
    {0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "application/msword", "document"},
    {0, "ID3", 3, "audio/mpeg", "video"},
    {0, "OggS", 4, "audio/ogg", "video"},
};

int netra_evidence_sniff(const char **media_type, const char **kind, const void *content,
                         size_t len)
{
    NT_ASSERT_ARG(media_type != NULL && (content != NULL || len == 0));
    const unsigned char *p = content;
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
        const magic *m = &magics[i];
        if (len < m->offset + m->len || memcmp(p + m->offset, m->bytes, m->len) != 0)
            continue;
        if (m->offset == 8 && memcmp(p, "RIFF", 4) != 0)
            continue;
        *media_type = m->type;
        if (kind != NULL)
            *kind = m->kind;
        return NETRA_OK;
    }
    char head[40] = "";
    for (size_t i = 0; i < len && i < 8; i++)
        snprintf(head + 3 * i, sizeof head - 3 * i, "%02x ", p[i]);
    return nt_error_set(NETRA_EINVAL,
                        "byte 0: content starting %sis not an image (PNG, JPEG, GIF, WebP, HEIC), "
                        "video (MP4, QuickTime, WebM), audio (MP3, Ogg) or document (PDF, "
                        "Office) Netra accepts as evidence",
                        len == 0 ? "(empty) " : head);
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

int netra_store_case_evidence(netra_store *st, int64_t case_id,
                              int (*fn)(const netra_evidence_row *e, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT e.id, e.sha256, e.kind, e.media_type, b.size, e.url, "
                            "e.captured_at, e.captured_by, (SELECT count(*) FROM custody k "
                            "WHERE k.evidence_id = e.id) FROM evidence e JOIN blobs b ON "
                            "b.sha256 = e.sha256 WHERE e.case_id = ? ORDER BY e.id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = nt_db_step(q, "reading evidence")) == NT_DB_ROW) {
        netra_evidence_row e;
        memset(&e, 0, sizeof e);
        e.id = nt_db_col_int64(q, 0);
        snprintf(e.sha256, sizeof e.sha256, "%s", nt_db_col_text(q, 1));
        snprintf(e.kind, sizeof e.kind, "%s", nt_db_col_text(q, 2));
        snprintf(e.media_type, sizeof e.media_type, "%s", nt_db_col_text(q, 3));
        e.size = (int64_t)nt_db_col_int64(q, 4);
        snprintf(e.url, sizeof e.url, "%s", nt_db_col_text(q, 5));
        snprintf(e.captured_at, sizeof e.captured_at, "%s", nt_db_col_text(q, 6));
        snprintf(e.captured_by, sizeof e.captured_by, "%s", nt_db_col_text(q, 7));
        e.n_custody = nt_db_col_int(q, 8);
        if ((err = fn(&e, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

int netra_store_evidence_custody_list(netra_store *st, int64_t case_id, int64_t evidence_id,
                                      int (*fn)(const netra_custody_row *k, void *payload),
                                      void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    nt_stmt *q;
    /* The evidence row is joined so that an id of another case reads as absent. */
    int err = nt_db_prepare(st->db, &q,
                            "SELECT e.id, k.id, k.at, k.actor, k.action, k.note FROM evidence e "
                            "LEFT JOIN custody k ON k.evidence_id = e.id WHERE e.id = ? AND "
                            "e.case_id = ? ORDER BY k.id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, evidence_id);
    nt_db_bind_int64(q, 2, case_id);
    int rc, found = 0;
    while ((rc = nt_db_step(q, "reading custody")) == NT_DB_ROW) {
        found = 1;
        if (nt_db_col_text(q, 2) == NULL) /* evidence without any entry */
            continue;
        netra_custody_row k;
        memset(&k, 0, sizeof k);
        k.id = nt_db_col_int64(q, 1);
        snprintf(k.at, sizeof k.at, "%s", nt_db_col_text(q, 2));
        snprintf(k.actor, sizeof k.actor, "%s", nt_db_col_text(q, 3));
        snprintf(k.action, sizeof k.action, "%s", nt_db_col_text(q, 4));
        const char *note = nt_db_col_text(q, 5);
        snprintf(k.note, sizeof k.note, "%s", note ? note : "");
        if ((err = fn(&k, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    if (err == 0 && !found)
        err = nt_error_set(NETRA_ENOTFOUND, "evidence %lld of case %lld not found",
                           (long long)evidence_id, (long long)case_id);
    return err;
}

/* ---- the accused across cases ------------------------------------------------------------ */

int netra_store_asn_get(netra_asn_row *out, netra_store *st, const char *nip)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && nip != NULL);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT nip, name, employee_type, agency, position_class, region, "
                            "ppk, accounts FROM asn WHERE nip = ?");
    if (err < 0)
        return err;
    nt_db_bind_text(q, 1, nip);
    int rc = nt_db_step(q, "reading an ASN");
    if (rc == NT_DB_ROW) {
        memset(out, 0, sizeof *out);
        char *f[] = {out->nip,      out->name,   out->employee_type, out->agency,
                     out->position, out->region, out->ppk,           out->accounts};
        size_t sz[] = {sizeof out->nip,    sizeof out->name,     sizeof out->employee_type,
                       sizeof out->agency, sizeof out->position, sizeof out->region,
                       sizeof out->ppk,    sizeof out->accounts};
        for (int i = 0; i < 8; i++)
            snprintf(f[i], sz[i], "%s", nt_db_col_text(q, i));
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
