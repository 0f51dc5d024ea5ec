/*
 * public.c - the public side of the case store: receipt codes, reports without an account,
 * the status a reporter sees, messages between the examiner and the reporter, completion
 * (kelengkapan) and evidence upload limits. Design: docs/internals/public.md.
 *
 * The reporter is known to this path only by the receipt code; the store keeps its SHA-256
 * (the code has 95 random bits, so the hash cannot be reversed by trying codes). Every change
 * goes through the case store's functions and the audit chain.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "netra/intake.h"
#include "store/public_int.h"

/* ---- shared helpers ----------------------------------------------------------------------- */

int nt_pub_txn_begin(netra_store *st)
{
    if (st->batch && st->item && !st->pub_nested) {
        /* one write of a group commit: a savepoint inside the batch's transaction */
        int err = nt_db_savepoint(st->db, "nt_pub");
        if (err == 0)
            st->pub_nested = 1;
        return err;
    }
    if (st->in_txn)
        return nt_error_set(NETRA_ERROR, "a public-side transaction is already open");
    int err = nt_db_begin(st->db, NT_DB_WRITE);
    if (err == 0)
        st->in_txn = 1;
    return err;
}

int nt_pub_txn_end(netra_store *st, int err)
{
    if (st->pub_nested) {
        st->pub_nested = 0;
        if (err < 0) {
            nt_db_savepoint_rollback(st->db, "nt_pub");
            return err;
        }
        return nt_db_savepoint_release(st->db, "nt_pub");
    }
    st->in_txn = 0;
    if (err < 0) {
        nt_db_rollback(st->db);
        return err;
    }
    return nt_db_commit(st->db);
}

void nt_pub_utc_now(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Length of the valid UTF-8 sequence at s (strict: no overlong forms, no surrogates), 0 if
 * invalid. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

int nt_pub_check_text(const char *s, const char *field, size_t max, int required)
{
    if (s == NULL || *s == '\0') {
        if (required)
            return nt_error_set(NETRA_EINVAL, "field '%s' is required", field);
        return NETRA_OK;
    }
    size_t len = strlen(s);
    if (len > max)
        return nt_error_set(NETRA_ETOOBIG, "field '%s': %zu bytes, the limit is %zu", field, len,
                            max);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r')
            return nt_error_set(NETRA_EINVAL, "field '%s': control character at byte %zu", field,
                                i + 1);
        size_t k = utf8_seq(u + i);
        if (k == 0)
            return nt_error_set(NETRA_EINVAL, "field '%s': not UTF-8 at byte %zu", field, i + 1);
        i += k;
    }
    return NETRA_OK;
}

void netra_free_text(char *text)
{
    nt_free(text);
}

/* ---- receipt codes ------------------------------------------------------------------------ */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Multiplication in GF(32) modulo x^5 + x^2 + 1 (primitive: x generates the 31 non-zero
 * elements). */
static unsigned gf_mul(unsigned a, unsigned b)
{
    unsigned r = 0;
    for (int i = 0; i < 5; i++) {
        if (b & 1u)
            r ^= a;
        b >>= 1;
        a <<= 1;
        if (a & 0x20u)
            a ^= 0x25u;
    }
    return r & 0x1Fu;
}

/* The weight of position i: x^(i+1). Distinct for the 20 positions, so a substitution
 * (weight * difference, both non-zero) and an adjacent transposition ((w_i + w_i+1) *
 * difference, both non-zero) always change the sum. */
static unsigned gf_weight(size_t i)
{
    unsigned w = 1;
    for (size_t k = 0; k <= i; k++)
        w = gf_mul(w, 2);
    return w;
}

static unsigned gf_inv(unsigned a)
{
    for (unsigned b = 1; b < 32; b++)
        if (gf_mul(a, b) == 1)
            return b;
    return 0;
}

/* The check symbol for 19 symbol values: makes the weighted sum of all 20 zero. */
static unsigned receipt_check(const unsigned char *v)
{
    unsigned s = 0;
    for (size_t i = 0; i + 1 < NETRA_RECEIPT_SYMBOLS; i++)
        s ^= gf_mul(gf_weight(i), v[i]);
    return gf_mul(s, gf_inv(gf_weight(NETRA_RECEIPT_SYMBOLS - 1)));
}

static void receipt_format(char out[NETRA_RECEIPT_STRLEN], const unsigned char *v)
{
    size_t o = 0;
    for (size_t i = 0; i < NETRA_RECEIPT_SYMBOLS; i++) {
        if (i > 0 && i % 5 == 0)
            out[o++] = '-';
        out[o++] = crockford[v[i]];
    }
    out[o] = '\0';
}

int netra_receipt_generate(char out[NETRA_RECEIPT_STRLEN])
{
    NT_ASSERT_ARG(out != NULL);
    if (sodium_init() < 0)
        return nt_error_set(NETRA_ERROR, "libsodium cannot be initialised");
    unsigned char v[NETRA_RECEIPT_SYMBOLS];
    for (size_t i = 0; i + 1 < NETRA_RECEIPT_SYMBOLS; i++)
        v[i] = (unsigned char)randombytes_uniform(32);
    v[NETRA_RECEIPT_SYMBOLS - 1] = (unsigned char)receipt_check(v);
    receipt_format(out, v);
    sodium_memzero(v, sizeof v);
    return NETRA_OK;
}

static int symbol_value(int c)
{
    if (c >= 'a' && c <= 'z')
        c -= 'a' - 'A';
    if (c == 'O')
        c = '0';
    if (c == 'I' || c == 'L')
        c = '1';
    for (int i = 0; i < 32; i++)
        if (crockford[i] == c)
            return i;
    return -1;
}

int netra_receipt_normalize(char out[NETRA_RECEIPT_STRLEN], const char *typed)
{
    NT_ASSERT_ARG(out != NULL && typed != NULL);
    unsigned char v[NETRA_RECEIPT_SYMBOLS];
    size_t n = 0, pos = 0;
    for (const char *p = typed; *p != '\0'; p++) {
        pos++;
        if (*p == '-' || *p == ' ')
            continue;
        if (pos > 64)
            return nt_error_set(NETRA_EINVAL, "receipt code: too long");
        int x = symbol_value((unsigned char)*p);
        if (x < 0)
            return nt_error_set(NETRA_EINVAL,
                                "receipt code: character %zu ('%c') is not one of 0-9 A-Z "
                                "without U",
                                pos, (*p >= 0x20 && *p < 0x7f) ? *p : '?');
        if (n == NETRA_RECEIPT_SYMBOLS)
            return nt_error_set(NETRA_EINVAL, "receipt code: more than %d symbols",
                                NETRA_RECEIPT_SYMBOLS);
        v[n++] = (unsigned char)x;
    }
    if (n != NETRA_RECEIPT_SYMBOLS)
        return nt_error_set(NETRA_EINVAL, "receipt code: %zu symbols, a code has %d", n,
                            NETRA_RECEIPT_SYMBOLS);
    unsigned s = 0;
    for (size_t i = 0; i < NETRA_RECEIPT_SYMBOLS; i++)
        s ^= gf_mul(gf_weight(i), v[i]);
    if (s != 0)
        return nt_error_set(NETRA_EINVAL, "receipt code: the check symbol does not match "
                                          "(a typing error?)");
    receipt_format(out, v);
    return NETRA_OK;
}

/* The stored form of a code: SHA-256 over a label and the canonical code. */
static void receipt_hash(char out[65], const char *canonical)
{
    char msg[64];
    int n = snprintf(msg, sizeof msg, "netra-receipt-v1:%s", canonical);
    nt_sha256_hex(out, msg, (size_t)n);
}

/* The case of a receipt. */
static int receipt_case(int64_t *case_id, netra_store *st, const char *code)
{
    char canon[NETRA_RECEIPT_STRLEN], hash[65];
    int err = netra_receipt_normalize(canon, code);
    if (err < 0)
        return err;
    receipt_hash(hash, canon);
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q, "SELECT case_id FROM receipts WHERE code_hash = ?")) < 0)
        return err;
    nt_db_bind_text(q, 1, hash);
    int rc = nt_db_step(q, "reading a receipt");
    if (rc == NT_DB_ROW)
        *case_id = nt_db_col_int64(q, 0);
    else if (rc == NT_DB_DONE)
        err = nt_error_set(NETRA_ENOTFOUND, "no report has this receipt code");
    else
        err = rc;
    nt_db_finalize(q);
    return err;
}

/* ---- submission --------------------------------------------------------------------------- */

static int eligible(const char *e)
{
    return e != NULL &&
           (strcmp(e, "pemilih") == 0 || strcmp(e, "pemantau") == 0 || strcmp(e, "peserta") == 0);
}

static int missing_add(char *buf, size_t size, const char *name)
{
    size_t len = strlen(buf);
    if (len + strlen(name) + 2 >= size)
        return 0;
    snprintf(buf + len, size - len, "%s%s", len ? "," : "", name);
    return 1;
}

int netra_public_submit(netra_public_receipt *out, netra_store *st, const netra_public_report *r,
                        netra_date today)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && r != NULL);
    memset(out, 0, sizeof *out);
    static const struct {
        const char *field;
        size_t off;
        size_t max;
    } texts[] = {
        {"pelapor", offsetof(netra_public_report, reporter), NETRA_PUBLIC_FIELD_MAX},
        {"kontak_pelapor", offsetof(netra_public_report, contact), NETRA_PUBLIC_FIELD_MAX},
        {"kelayakan", offsetof(netra_public_report, eligibility), NETRA_PUBLIC_FIELD_MAX},
        {"regime", offsetof(netra_public_report, regime), 16},
        {"election", offsetof(netra_public_report, election), 48},
        {"region", offsetof(netra_public_report, region), 15},
        {"terlapor", offsetof(netra_public_report, accused), NETRA_PUBLIC_FIELD_MAX},
        {"waktu_kejadian", offsetof(netra_public_report, when), NETRA_PUBLIC_FIELD_MAX},
        {"tempat_kejadian", offsetof(netra_public_report, where), NETRA_PUBLIC_FIELD_MAX},
        {"uraian", offsetof(netra_public_report, what), NETRA_PUBLIC_TEXT_MAX},
        {"tanggal_diketahui", offsetof(netra_public_report, known), 10},
        {"judul", offsetof(netra_public_report, title), 150},
    };
    int err;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *v = *(const char *const *)(const void *)((const char *)r + texts[i].off);
        int required =
            strcmp(texts[i].field, "uraian") == 0 || strcmp(texts[i].field, "regime") == 0;
        if ((err = nt_pub_check_text(v, texts[i].field, texts[i].max, required)) < 0)
            return err;
    }
    if (strcmp(r->regime, "pemilu") != 0 && strcmp(r->regime, "pilkada") != 0)
        return nt_error_set(NETRA_EINVAL, "field 'regime': '%s' is not pemilu or pilkada",
                            r->regime);
    if (r->eligibility != NULL && *r->eligibility != '\0' && !eligible(r->eligibility))
        return nt_error_set(NETRA_EINVAL,
                            "field 'kelayakan': '%s' is not pemilih, pemantau or peserta (UU "
                            "7/2017 Pasal 454 ayat (1)-(3); UU 1/2015 Pasal 134 ayat (2))",
                            r->eligibility);
    if (r->region != NULL && *r->region != '\0') {
        for (const char *p = r->region; *p; p++)
            if (!((*p >= '0' && *p <= '9') || *p == '.'))
                return nt_error_set(NETRA_EINVAL,
                                    "field 'region': '%s' is not a Kemendagri code (digits and "
                                    "dots, e.g. 32.73)",
                                    r->region);
    }
    netra_date known = 0;
    if (r->known != NULL && *r->known != '\0' &&
        netra_date_parse(&known, r->known, strlen(r->known)) < 0)
        return nt_error_prefix("field 'tanggal_diketahui'");
    if (known != 0 && known > today)
        return nt_error_set(NETRA_EINVAL, "field 'tanggal_diketahui': %s is after today", r->known);

    /* Which path: the fields terima_laporan requires (workflow data) and the eligibility. */
    const char *by_name[][2] = {{NETRA_FIELD_REPORTER, r->reporter},
                                {NETRA_FIELD_CONTACT, r->contact},
                                {"kelayakan", r->eligibility},
                                {"terlapor", r->accused},
                                {"waktu_kejadian", r->when},
                                {"tempat_kejadian", r->where},
                                {"uraian", r->what},
                                {"tanggal_diketahui", r->known}};
    const size_t n_names = sizeof by_name / sizeof *by_name;
    const netra_transition *t = netra_workflow_find(st->wf, NULL, "terima_laporan", r->regime);
    if (t == NULL)
        return nt_error_set(NETRA_EDATA, "the workflow has no terima_laporan for %s", r->regime);
    char missing[sizeof out->missing] = "";
    for (size_t k = 0; t->requires[k] != NULL; k++) {
        const char *have = NULL;
        for (size_t i = 0; i < n_names; i++)
            if (strcmp(by_name[i][0], t->requires[k]) == 0)
                have = by_name[i][1];
        if (have == NULL || *have == '\0')
            missing_add(missing, sizeof missing, t->requires[k]);
    }
    int anonymous = r->reporter == NULL || *r->reporter == '\0';
    if (!anonymous && !eligible(r->eligibility))
        missing_add(missing, sizeof missing, "kelayakan");
    const int laporan = missing[0] == '\0';

    netra_case_field fields[12];
    size_t nf = 0;
    for (size_t i = 0; i < n_names; i++) {
        const char *v = by_name[i][1];
        if (v == NULL || *v == '\0')
            continue;
        /* An informasi awal keeps no reporter: anonymous, or not a report the law receives. */
        if (!laporan && (strcmp(by_name[i][0], NETRA_FIELD_REPORTER) == 0 ||
                         strcmp(by_name[i][0], NETRA_FIELD_CONTACT) == 0))
            continue;
        fields[nf].name = by_name[i][0];
        fields[nf].value = v;
        nf++;
    }
    fields[nf].name = "saluran";
    fields[nf].value = "publik";
    nf++;
    if (!laporan) {
        fields[nf].name = "kekurangan_laporan";
        fields[nf].value = anonymous ? "anonim" : missing;
        nf++;
    }
    fields[nf].name = NULL;
    fields[nf].value = NULL;

    char title[160];
    if (r->title != NULL && *r->title != '\0') {
        snprintf(title, sizeof title, "%s", r->title);
    } else {
        /* The start of the description, cut at a character boundary. */
        size_t len = strlen(r->what), cut = len < 100 ? len : 100;
        while (cut > 0 && cut < len && (((unsigned char)r->what[cut]) & 0xC0) == 0x80)
            cut--;
        snprintf(title, sizeof title, "%.*s%s", (int)cut, r->what, cut < len ? "..." : "");
        for (char *p = title; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    }
    char code[NETRA_RECEIPT_STRLEN], hash[65], at[32];
    if ((err = netra_receipt_generate(code)) < 0)
        return err;
    receipt_hash(hash, code);
    nt_pub_utc_now(at);

    netra_case_new c = {laporan ? "terima_laporan" : "catat_informasi_awal",
                        r->regime,
                        r->election,
                        r->region,
                        title,
                        r->demo != 0};
    netra_actor actor = {"pelapor", "pelapor_publik", today};
    int64_t id = 0;
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    err = netra_store_case_new(&id, st, &c, fields, &actor);
    nt_stmt *q;
    if (err == 0 && (err = nt_db_prepare(st->db, &q,
                                         "INSERT INTO receipts(case_id, code_hash, created) "
                                         "VALUES (?, ?, ?)")) == 0) {
        nt_db_bind_int64(q, 1, id);
        nt_db_bind_text(q, 2, hash);
        nt_db_bind_text(q, 3, at);
        err = nt_db_run(q, "storing a receipt");
        nt_db_finalize(q);
    }
    if ((err = nt_pub_txn_end(st, err)) < 0)
        return err;
    memcpy(out->code, code, sizeof code);
    out->case_id = id;
    snprintf(out->kind, sizeof out->kind, "%s", laporan ? "laporan" : "informasi_awal");
    snprintf(out->missing, sizeof out->missing, "%s",
             laporan     ? ""
             : anonymous ? "anonim"
                         : missing);
    sodium_memzero(code, sizeof code);
    return NETRA_OK;
}

/* ---- status ------------------------------------------------------------------------------- */

typedef struct state_text {
    const char *state;
    const char *id, *en;           /* what the state means */
    const char *next_id, *next_en; /* what happens next */
} state_text;

static const state_text state_texts[] = {
    {"informasi_awal", "Diterima sebagai informasi awal.", "Received as initial information.",
     "Pengawas dapat menelusurinya; bila cukup bukti, dijadikan temuan. Informasi awal tidak "
     "memerlukan identitas pelapor.",
     "The supervisors may inquire into it; with enough evidence it becomes a finding (temuan). "
     "Initial information needs no reporter identity."},
    {"penelusuran", "Pengawas sedang menelusuri informasi ini.",
     "The supervisors are inquiring into this information.",
     "Hasilnya: ditetapkan sebagai temuan, atau dihentikan bila tidak ada dugaan pelanggaran.",
     "It ends as a finding (temuan), or is closed when there is no suspected violation."},
    {"kajian_awal", "Laporan sedang dikaji awal oleh pengawas.",
     "The supervisors are reviewing the report.",
     "Dalam 2 hari pengawas memutuskan: diregistrasi, diminta dilengkapi, atau tidak "
     "diregistrasi.",
     "Within 2 days they decide: register it, ask you to complete it, or not register it."},
    {"menunggu_kelengkapan", "Pengawas meminta Anda melengkapi laporan.",
     "The supervisors ask you to complete your report.",
     "Lengkapi dalam 1 hari dengan kode resi ini; bila tidak, laporan tidak diregistrasi.",
     "Complete it within 1 day with this receipt code; otherwise the report is not "
     "registered."},
    {"tidak_diregistrasi", "Laporan tidak diregistrasi (syarat tidak terpenuhi atau kedaluwarsa).",
     "The report was not registered (requirements unmet or time-barred).",
     "Isinya dapat dijadikan informasi awal oleh pengawas.",
     "The supervisors may still use its content as initial information."},
    {"dicabut", "Laporan dicabut sebelum registrasi.",
     "The report was withdrawn before registration.",
     "Isinya dapat dijadikan informasi awal oleh pengawas.",
     "The supervisors may still use its content as initial information."},
    {"diregistrasi", "Laporan diregistrasi dan ditangani.",
     "The report is registered and being handled.",
     "Pengawas melakukan klarifikasi dan kajian dalam batas waktu penanganan.",
     "The supervisors clarify and review it within the handling time."},
    {"klarifikasi", "Pengawas sedang melakukan klarifikasi dan kajian.",
     "The supervisors are clarifying and reviewing the case.",
     "Hasilnya: diteruskan ke instansi berwenang (BKN), dihentikan, atau dialihkan.",
     "It ends forwarded to the competent authority (BKN), closed, or routed elsewhere."},
    {"dihentikan", "Penanganan dihentikan: bukan pelanggaran netralitas.",
     "Handling closed: not a neutrality violation.", "Tidak ada tahap berikutnya.",
     "There is no further step."},
    {"dialihkan", "Dialihkan ke jalur lain (administratif, pidana, atau kode etik penyelenggara).",
     "Routed elsewhere (administrative, criminal, or organisers' ethics).",
     "Ditangani oleh lembaga yang berwenang atas jalur tersebut.",
     "The body competent for that route handles it."},
    {"diteruskan", "Diteruskan ke instansi berwenang untuk verifikasi Satgas Netralitas.",
     "Forwarded to the competent authority for the neutrality task force's verification.",
     "Satgas memverifikasi dalam 7 hari.", "The task force verifies it within 7 days."},
    {"kajian_bawaslu", "Bawaslu sedang mengkaji, memverifikasi dan memvalidasi.",
     "Bawaslu is reviewing, verifying and validating.",
     "Dalam 3 hari kerja, lalu pemeriksaan oleh BKN.",
     "Within 3 working days, then examination by BKN."},
    {"pemeriksaan", "ASN yang dilaporkan sedang diperiksa oleh BKN.",
     "The civil servant reported is being examined by BKN.",
     "BKN menyatakan tidak terbukti, atau mengirim rekomendasi sanksi kepada PPK.",
     "BKN declares it not proven, or sends a sanction recommendation to the PPK."},
    {"tidak_terbukti", "Hasil pemeriksaan: tidak terbukti.",
     "Result of the examination: not proven.", "Tidak ada tahap berikutnya.",
     "There is no further step."},
    {"menunggu_ppk", "Rekomendasi sanksi telah dikirim; menunggu keputusan PPK.",
     "The sanction recommendation was sent; awaiting the PPK's decision.",
     "PPK menjatuhkan sanksi dengan keputusan (SK) dalam batas waktunya.",
     "The PPK imposes the sanction by decree within the time allowed."},
    {"tidak_ditindaklanjuti", "PPK tidak menindaklanjuti rekomendasi.",
     "The PPK did not act on the recommendation.",
     "BKN dapat merekomendasikan blokir layanan kepegawaian ASN tersebut.",
     "BKN may block the civil servant's personnel services."},
    {"blokir_siasn", "Layanan kepegawaian ASN tersebut diblokir sampai PPK menindaklanjuti.",
     "The civil servant's personnel services are blocked until the PPK acts.",
     "Blokir dibuka setelah PPK menjatuhkan sanksi.",
     "The block is lifted once the PPK imposes the sanction."},
    {"disanksi", "Sanksi telah dijatuhkan dengan keputusan PPK.",
     "The sanction has been imposed by the PPK's decree.", "Sanksi dicatat di I'DIS BKN.",
     "The sanction is recorded in BKN's I'DIS."},
    {"selesai", "Selesai: sanksi tercatat di I'DIS BKN.",
     "Closed: the sanction is recorded in BKN's I'DIS.", "Tidak ada tahap berikutnya.",
     "There is no further step."},
};

int netra_public_state_text(const char **state_id, const char **state_en, const char **next_id,
                            const char **next_en, const char *state)
{
    NT_ASSERT_ARG(state != NULL);
    for (size_t i = 0; i < sizeof state_texts / sizeof *state_texts; i++) {
        const state_text *s = &state_texts[i];
        if (strcmp(s->state, state) != 0)
            continue;
        if (state_id)
            *state_id = s->id;
        if (state_en)
            *state_en = s->en;
        if (next_id)
            *next_id = s->next_id;
        if (next_en)
            *next_en = s->next_en;
        return NETRA_OK;
    }
    return nt_error_set(NETRA_ENOTFOUND, "no public text for state '%s'", state);
}

typedef struct clock_pick {
    netra_case_clock k;
    int found;
} clock_pick;

static int on_clock(const netra_case_clock *k, void *payload)
{
    clock_pick *p = payload;
    if (k->running) { /* the latest running clock */
        p->k = *k;
        p->found = 1;
    }
    return 0;
}

int netra_public_status_get(netra_public_status *out, netra_store *st, const char *code,
                            netra_date today)
{
    NT_ASSERT_ARG(out != NULL && st != NULL && code != NULL);
    memset(out, 0, sizeof *out);
    int64_t id;
    int err = receipt_case(&id, st, code);
    if (err < 0)
        return err;
    netra_case c;
    if ((err = netra_store_case_get(&c, st, id)) < 0)
        return err;
    snprintf(out->kind, sizeof out->kind, "%s", c.kind);
    snprintf(out->state, sizeof out->state, "%s", c.state);
    out->opened = c.opened;
    out->updated = c.updated;
    const char *sid, *sen, *nid, *nen;
    if ((err = netra_public_state_text(&sid, &sen, &nid, &nen, c.state)) < 0)
        return err;
    snprintf(out->state_id, sizeof out->state_id, "%s", sid);
    snprintf(out->state_en, sizeof out->state_en, "%s", sen);
    snprintf(out->next_id, sizeof out->next_id, "%s", nid);
    snprintf(out->next_en, sizeof out->next_en, "%s", nen);
    clock_pick p;
    memset(&p, 0, sizeof p);
    if ((err = netra_store_case_clocks(st, id, on_clock, &p)) < 0)
        return err;
    if (p.found) {
        const netra_clock_rule *rule = netra_workflow_clock(st->wf, p.k.clock, c.regime);
        snprintf(out->clock, sizeof out->clock, "%s", p.k.clock);
        snprintf(out->clock_id, sizeof out->clock_id, "%s", rule ? rule->label_id : p.k.clock);
        snprintf(out->clock_en, sizeof out->clock_en, "%s", rule ? rule->label_en : p.k.clock);
        snprintf(out->basis, sizeof out->basis, "%s", p.k.basis);
        out->deadline = p.k.deadline;
        out->overdue = today > p.k.deadline;
    }
    if (strcmp(c.state, "menunggu_kelengkapan") == 0) {
        out->awaiting_reply = 1;
        if ((err = netra_store_case_field(out->request, sizeof out->request, st, id,
                                          "kekurangan")) < 0)
            return err;
    }
    return NETRA_OK;
}

/* ---- messages ----------------------------------------------------------------------------- */

static int message_add(int64_t *id_out, netra_store *st, int64_t case_id, const char *sender,
                       const char *kind, const char *body, const netra_actor *actor)
{
    char at[32];
    nt_pub_utc_now(at);
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "INSERT INTO case_messages(case_id, at, sender, kind, author, "
                            "body) VALUES (?,?,?,?,?,?) RETURNING id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    nt_db_bind_text(q, 2, at);
    nt_db_bind_text(q, 3, sender);
    nt_db_bind_text(q, 4, kind);
    nt_db_bind_text(q, 5, actor->name);
    nt_db_bind_text(q, 6, body);
    int64_t id = 0;
    err = nt_db_run_id(q, &id, "storing a message");
    nt_db_finalize(q);
    nt_buf after;
    nt_buf_init(&after, 1 << 16);
    if (err == 0)
        err = nt_buf_addf(&after, "{\"message\":%lld,\"sender\":\"%s\",\"kind\":\"%s\",\"body\":",
                          (long long)id, sender, kind);
    if (err == 0)
        err = nt_json_str(&after, body);
    if (err == 0)
        err = nt_buf_addc(&after, '}');
    if (err == 0)
        err = nt_store_audit(
            st, actor, strcmp(sender, "pelapor") == 0 ? "balasan_pelapor" : "pertanyaan_pemeriksa",
            "case", case_id, "null", nt_buf_cstr(&after));
    nt_buf_free(&after);
    if (err == 0 && id_out != NULL)
        *id_out = id;
    return err;
}

int netra_case_question_add(int64_t *message_id_out, netra_store *st, int64_t case_id,
                            const char *body, const netra_actor *actor)
{
    NT_ASSERT_ARG(st != NULL && actor != NULL && actor->role != NULL && actor->name != NULL);
    int err = nt_pub_check_text(body, "pertanyaan", NETRA_PUBLIC_TEXT_MAX, 1);
    if (err < 0)
        return err;
    const netra_role *role = netra_workflow_role(st->wf, actor->role);
    if (role == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown role '%s'", actor->role);
    if (strcmp(role->group, "pengawas") != 0)
        return nt_error_set(NETRA_EPERM,
                            "role '%s' may not question a reporter: only the supervisors "
                            "(pengawas) handling the report may",
                            actor->role);
    netra_case c;
    if ((err = netra_store_case_get(&c, st, case_id)) < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q, "SELECT count(*) FROM receipts WHERE case_id = ?")) < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int64_t has = 0;
    if ((err = nt_db_step(q, "reading a receipt")) == NT_DB_ROW) {
        has = nt_db_col_int64(q, 0);
        err = 0;
    }
    nt_db_finalize(q);
    if (err < 0)
        return err;
    if (has == 0)
        return nt_error_set(NETRA_ESTATE,
                            "case %lld was not reported through the public side: its reporter "
                            "has no receipt code to read a question with",
                            (long long)case_id);
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    return nt_pub_txn_end(
        st, message_add(message_id_out, st, case_id, "pemeriksa", "pertanyaan", body, actor));
}

int netra_public_reply(int64_t *message_id_out, netra_store *st, const char *code, const char *body,
                       netra_date today)
{
    NT_ASSERT_ARG(st != NULL && code != NULL);
    int err = nt_pub_check_text(body, "jawaban", NETRA_PUBLIC_TEXT_MAX, 1);
    if (err < 0)
        return err;
    int64_t id;
    if ((err = receipt_case(&id, st, code)) < 0)
        return err;
    netra_actor actor = {"pelapor", "pelapor_publik", today};
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    return nt_pub_txn_end(st,
                          message_add(message_id_out, st, id, "pelapor", "jawaban", body, &actor));
}

int netra_public_complete(netra_store *st, const char *code, const char *text, netra_date today)
{
    NT_ASSERT_ARG(st != NULL && code != NULL);
    int err = nt_pub_check_text(text, "kelengkapan", NETRA_PUBLIC_TEXT_MAX, 1);
    if (err < 0)
        return err;
    int64_t id;
    if ((err = receipt_case(&id, st, code)) < 0)
        return err;
    netra_case c;
    if ((err = netra_store_case_get(&c, st, id)) < 0)
        return err;
    if (strcmp(c.state, "menunggu_kelengkapan") != 0)
        return nt_error_set(NETRA_ESTATE, "nothing to complete: the report is in state '%s'",
                            c.state);
    clock_pick p;
    memset(&p, 0, sizeof p);
    if ((err = netra_store_case_clocks(st, id, on_clock, &p)) < 0)
        return err;
    if (p.found && strcmp(p.k.clock, "kelengkapan") == 0 && today > p.k.deadline) {
        char d[NETRA_DATE_STRLEN];
        return nt_error_set(NETRA_ESTATE,
                            "the time to complete the report ended on %s (1 day, Perbawaslu "
                            "7/2022 Pasal 15): the supervisors will not register it",
                            netra_date_format(p.k.deadline, d));
    }
    netra_actor actor = {"pelapor", "pelapor_publik", today};
    netra_case_field f[] = {{"kelengkapan", text}, {NULL, NULL}};
    if ((err = nt_pub_txn_begin(st)) < 0)
        return err;
    err = netra_store_case_act(st, id, c.version, "lengkapi", f, &actor);
    if (err == 0)
        err = message_add(NULL, st, id, "pelapor", "kelengkapan", text, &actor);
    return nt_pub_txn_end(st, err);
}

static int list_messages(netra_store *st, int64_t case_id,
                         int (*fn)(const netra_public_message *m, void *payload), void *payload)
{
    nt_stmt *q;
    int err = nt_db_prepare(st->db, &q,
                            "SELECT id, at, sender, kind, body FROM case_messages "
                            "WHERE case_id = ? ORDER BY id");
    if (err < 0)
        return err;
    nt_db_bind_int64(q, 1, case_id);
    int rc;
    while ((rc = nt_db_step(q, "reading messages")) == NT_DB_ROW) {
        netra_public_message m = {nt_db_col_int64(q, 0), nt_db_col_text(q, 1), nt_db_col_text(q, 2),
                                  nt_db_col_text(q, 3), nt_db_col_text(q, 4)};
        if ((err = fn(&m, payload)) < 0)
            break;
    }
    if (err == 0 && rc < 0)
        err = rc;
    nt_db_finalize(q);
    return err;
}

int netra_case_messages(netra_store *st, int64_t case_id,
                        int (*fn)(const netra_public_message *m, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && fn != NULL);
    return list_messages(st, case_id, fn, payload);
}

int netra_public_messages(netra_store *st, const char *code,
                          int (*fn)(const netra_public_message *m, void *payload), void *payload)
{
    NT_ASSERT_ARG(st != NULL && code != NULL && fn != NULL);
    int64_t id;
    int err = receipt_case(&id, st, code);
    return err < 0 ? err : list_messages(st, id, fn, payload);
}

/* ---- evidence ----------------------------------------------------------------------------- */

/* What the public may upload, of what netra_evidence_sniff() recognises: what a browser shows
 * and a reporter's phone makes. */
static const char *const public_types[] = {"image/jpeg", "image/png",       "image/gif",
                                           "image/webp", "application/pdf", "video/mp4",
                                           "audio/mpeg", "audio/ogg",       NULL};

int netra_public_evidence_add(char sha256_hex[65], const char **media_type_out, netra_store *st,
                              const char *code, const void *content, size_t len, netra_date today)
{
    NT_ASSERT_ARG(st != NULL && code != NULL && (content != NULL || len == 0));
    if (len == 0)
        return nt_error_set(NETRA_EINVAL, "evidence: the file is empty");
    if (len > NETRA_UPLOAD_MAX_BYTES)
        return nt_error_set(NETRA_ETOOBIG, "evidence: %zu bytes, the limit is %u bytes (10 MiB)",
                            len, NETRA_UPLOAD_MAX_BYTES);
    /* One sniffer for every evidence (store/evidence.c); the public side takes a subset. */
    const char *type = NULL;
    if (netra_evidence_sniff(&type, NULL, content, len) < 0)
        return nt_error_prefix("evidence");
    size_t t = 0;
    while (public_types[t] != NULL && strcmp(public_types[t], type) != 0)
        t++;
    if (public_types[t] == NULL)
        return nt_error_set(NETRA_EINVAL,
                            "evidence: %s is not accepted from the public: JPEG, PNG, GIF, WebP, "
                            "PDF, MP4, MP3 or Ogg",
                            type);
    int64_t id;
    int err = receipt_case(&id, st, code);
    if (err < 0)
        return err;
    nt_stmt *q;
    if ((err = nt_db_prepare(st->db, &q,
                             "SELECT count(*), coalesce(sum(b.size), 0) FROM evidence e "
                             "JOIN blobs b ON b.sha256 = e.sha256 WHERE e.case_id = ? "
                             "AND e.captured_by = 'pelapor'")) < 0)
        return err;
    nt_db_bind_int64(q, 1, id);
    int64_t files = 0, bytes = 0;
    if ((err = nt_db_step(q, "counting evidence")) == NT_DB_ROW) {
        err = 0;
        files = nt_db_col_int64(q, 0);
        bytes = nt_db_col_int64(q, 1);
    }
    nt_db_finalize(q);
    if (err < 0)
        return err;
    if (files >= NETRA_UPLOAD_MAX_FILES)
        return nt_error_set(NETRA_ETOOBIG, "evidence: a report takes at most %d files",
                            NETRA_UPLOAD_MAX_FILES);
    if ((uint64_t)bytes + len > NETRA_UPLOAD_MAX_CASE_BYTES)
        return nt_error_set(NETRA_ETOOBIG,
                            "evidence: the files of a report total at most %u bytes (40 MiB); "
                            "%lld are stored",
                            NETRA_UPLOAD_MAX_CASE_BYTES, (long long)bytes);
    netra_actor actor = {"pelapor", "pelapor_publik", today};
    if ((err = netra_store_evidence_add(NULL, sha256_hex, st, id, "unggahan_pelapor", type, content,
                                        len, NULL, &actor)) < 0)
        return err;
    if (media_type_out != NULL)
        *media_type_out = type;
    return NETRA_OK;
}
