/* Unit tests for the public side of the store (src/lib/store/public.c, queue.c,
 * transparency.c), on SQLite and, with NETRA_TEST_BACKEND=pg, on PostgreSQL (a fresh schema
 * of the test cluster per store, tests/pg/cluster.sh): receipt codes (format, every single-symbol
 * error and adjacent transposition caught, no collision in a large sample), public reports becoming
 * laporan or informasi awal, status texts for every state, messages and completion within the 1-day
 * clock, evidence limits by content, the review queue (idempotent add, cursor pages, leases
 * on an injected clock, confirm into a temuan with evidence, dismiss), cell suppression edge
 * cases, and allocation failures everywhere. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include <libpq-fe.h>

#include "store/public_int.h"
#include "netra/intake.h"
#include "netra/queue.h"
#include "failalloc.h"
#include "pgtest.h"
#include "storetest.h"

static nt_test_store T; /* the workflow, calendar, law, key, backend and directory */

#define IDENTITY "Siti Rahmawati, Jl. Merpati 12 Bandung"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static netra_date D(const char *s)
{
    return nt_test_date(s);
}

static int setup(void **state)
{
    (void)state;
    return nt_test_store_setup(&T, "public", 5, 3);
}

static int teardown(void **state)
{
    (void)state;
    nt_test_store_teardown(&T);
    return 0;
}

/* A new, empty store (a file, or a fresh schema of the PostgreSQL test database), opened. */
static netra_store *new_db(char *path, size_t size)
{
    nt_test_store_path(&T, path, size);
    return nt_test_store_open(&T, path, 1);
}

/* ---- receipt codes ------------------------------------------------------------------------ */

static int cmp_code(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_receipt_format_and_collisions(void **state)
{
    (void)state;
    enum { N = 200000 };
    char(*codes)[NETRA_RECEIPT_STRLEN] = malloc((size_t)N * NETRA_RECEIPT_STRLEN);
    assert_non_null(codes);
    for (int i = 0; i < N; i++) {
        assert_int_equal(netra_receipt_generate(codes[i]), NETRA_OK);
        const char *c = codes[i];
        assert_int_equal(strlen(c), 23);
        for (int k = 0; k < 23; k++) {
            if (k % 6 == 5)
                assert_int_equal(c[k], '-');
            else
                assert_non_null(strchr(alphabet, c[k]));
        }
    }
    qsort(codes, N, NETRA_RECEIPT_STRLEN, cmp_code);
    for (int i = 1; i < N; i++)
        assert_string_not_equal(codes[i - 1], codes[i]);
    /* Typed forms: lower case, no hyphens, spaces, O for 0 and I/L for 1. */
    char out[NETRA_RECEIPT_STRLEN], typed[64];
    for (int i = 0; i < 1000; i++) {
        size_t n = 0;
        for (const char *p = codes[i]; *p; p++) {
            if (*p == '-')
                continue;
            char ch = *p;
            if (ch == '0' && i % 2)
                ch = 'o';
            else if (ch == '1' && i % 3 == 0)
                ch = 'l';
            else if (ch == '1')
                ch = 'I';
            else if (ch >= 'A' && ch <= 'Z' && i % 2)
                ch = (char)(ch - 'A' + 'a');
            typed[n++] = ch;
            if (n % 4 == 0)
                typed[n++] = ' ';
        }
        typed[n] = '\0';
        assert_int_equal(netra_receipt_normalize(out, typed), NETRA_OK);
        assert_string_equal(out, codes[i]);
    }
    assert_int_equal(netra_receipt_normalize(out, "ABCDE-FGHJK"), NETRA_EINVAL);
    nt_test_assert_msg("10 symbols");
    assert_int_equal(netra_receipt_normalize(out, "ABCDE-FGHJK-MNPQR-STVWU"), NETRA_EINVAL);
    nt_test_assert_msg("character 23 ('U')");
    free(codes);
}

static void test_receipt_check_symbol(void **state)
{
    (void)state;
    char out[NETRA_RECEIPT_STRLEN];
    size_t substitutions = 0, transpositions = 0;
    for (int n = 0; n < 300; n++) {
        char code[NETRA_RECEIPT_STRLEN], sym[21];
        assert_int_equal(netra_receipt_generate(code), NETRA_OK);
        size_t k = 0;
        for (const char *p = code; *p; p++)
            if (*p != '-')
                sym[k++] = *p;
        sym[k] = '\0';
        assert_int_equal(k, 20);
        assert_int_equal(netra_receipt_normalize(out, sym), NETRA_OK);
        /* Every single-symbol substitution at every position, the check symbol included. */
        for (size_t i = 0; i < 20; i++) {
            for (size_t a = 0; a < 32; a++) {
                if (alphabet[a] == sym[i])
                    continue;
                char bad[21];
                memcpy(bad, sym, sizeof bad);
                bad[i] = alphabet[a];
                if (netra_receipt_normalize(out, bad) != NETRA_EINVAL)
                    fail_msg("substitution at %zu (%c -> %c) in %s not caught", i, sym[i],
                             alphabet[a], sym);
                substitutions++;
            }
        }
        /* Every transposition of two adjacent different symbols. */
        for (size_t i = 0; i + 1 < 20; i++) {
            if (sym[i] == sym[i + 1])
                continue;
            char bad[21];
            memcpy(bad, sym, sizeof bad);
            bad[i] = sym[i + 1];
            bad[i + 1] = sym[i];
            if (netra_receipt_normalize(out, bad) != NETRA_EINVAL)
                fail_msg("transposition at %zu in %s not caught", i, sym);
            transpositions++;
        }
    }
    assert_true(substitutions == 300u * 20u * 31u);
    assert_true(transpositions > 300u * 19u * 9u / 10u);
    nt_test_assert_msg("check symbol");
}

/* ---- public reports ----------------------------------------------------------------------- */

static netra_public_report full_report(void)
{
    netra_public_report r = {IDENTITY,
                             "+62-812-5550-9999",
                             "pemilih",
                             "pilkada",
                             "pilkada-2024",
                             "32.73",
                             "Camat Coblong (Pemkot Bandung)",
                             "2024-11-01 10:00",
                             "Aula kecamatan",
                             "Camat mengajak warga memilih paslon 2 dalam rapat RW.",
                             "2024-11-02",
                             NULL,
                             0};
    return r;
}

static int file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return memmem(buf, n, needle, strlen(needle)) != NULL;
}

static void test_submit_paths(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_date today = D("2024-11-04");
    netra_public_receipt r;
    netra_public_report rep = full_report();
    assert_int_equal(netra_public_submit(&r, st, &rep, today), NETRA_OK);
    assert_string_equal(r.kind, "laporan");
    assert_string_equal(r.missing, "");
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, r.case_id), NETRA_OK);
    assert_string_equal(c.state, "kajian_awal");
    char who[256], contact[64];
    assert_int_equal(netra_store_reporter_get(who, sizeof who, contact, sizeof contact, st,
                                              r.case_id, "bawaslu_kabkota"),
                     NETRA_OK);
    assert_string_equal(who, IDENTITY);

    netra_public_status s;
    assert_int_equal(netra_public_status_get(&s, st, r.code, today), NETRA_OK);
    assert_string_equal(s.state, "kajian_awal");
    assert_string_equal(s.clock, "kajian_awal");
    assert_int_equal(s.deadline, today + 2);
    assert_non_null(strstr(s.basis, "Pasal 15"));
    assert_non_null(strstr(s.state_id, "dikaji"));
    assert_non_null(strstr(s.next_en, "2 days"));
    assert_int_equal(s.overdue, 0);
    assert_int_equal(netra_public_status_get(&s, st, r.code, today + 3), NETRA_OK);
    assert_int_equal(s.overdue, 1);

    /* Anonymous: informasi awal, no reporter kept. */
    netra_public_report anon = full_report();
    anon.reporter = NULL;
    anon.contact = NULL;
    netra_public_receipt r2;
    assert_int_equal(netra_public_submit(&r2, st, &anon, today), NETRA_OK);
    assert_string_equal(r2.kind, "informasi_awal");
    assert_string_equal(r2.missing, "anonim");
    assert_int_equal(netra_store_case_get(&c, st, r2.case_id), NETRA_OK);
    assert_string_equal(c.state, "informasi_awal");
    assert_int_equal(
        netra_store_reporter_get(who, sizeof who, NULL, 0, st, r2.case_id, "bawaslu_kabkota"),
        NETRA_ENOTFOUND);
    assert_int_equal(netra_public_status_get(&s, st, r2.code, today), NETRA_OK);
    assert_string_equal(s.clock, "");
    assert_int_equal(s.deadline, 0);

    /* Named but missing requirements (the terima_laporan row of transitions.tsv). */
    netra_public_report part = full_report();
    part.where = "";
    part.known = NULL;
    part.eligibility = NULL;
    assert_int_equal(netra_public_submit(&r2, st, &part, today), NETRA_OK);
    assert_string_equal(r2.kind, "informasi_awal");
    assert_string_equal(r2.missing, "tempat_kejadian,tanggal_diketahui,kelayakan");

    /* Bad input names its field. */
    netra_public_report bad = full_report();
    bad.eligibility = "wartawan";
    assert_int_equal(netra_public_submit(&r2, st, &bad, today), NETRA_EINVAL);
    nt_test_assert_msg("field 'kelayakan'");
    bad = full_report();
    bad.where = "Aula \xC3\x28 kecamatan";
    assert_int_equal(netra_public_submit(&r2, st, &bad, today), NETRA_EINVAL);
    nt_test_assert_msg("field 'tempat_kejadian': not UTF-8 at byte 6");
    static char big[NETRA_PUBLIC_TEXT_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    bad = full_report();
    bad.what = big;
    assert_int_equal(netra_public_submit(&r2, st, &bad, today), NETRA_ETOOBIG);
    nt_test_assert_msg("field 'uraian'");
    bad = full_report();
    bad.what = NULL;
    assert_int_equal(netra_public_submit(&r2, st, &bad, today), NETRA_EINVAL);
    nt_test_assert_msg("field 'uraian' is required");
    bad = full_report();
    bad.regime = "pilpres";
    assert_int_equal(netra_public_submit(&r2, st, &bad, today), NETRA_EINVAL);
    nt_test_assert_msg("field 'regime'");

    /* Unknown and mistyped codes. */
    char other[NETRA_RECEIPT_STRLEN];
    assert_int_equal(netra_receipt_generate(other), NETRA_OK);
    assert_int_equal(netra_public_status_get(&s, st, other, today), NETRA_ENOTFOUND);
    char typo[NETRA_RECEIPT_STRLEN];
    memcpy(typo, r.code, sizeof typo);
    typo[0] = typo[0] == 'A' ? 'B' : 'A';
    assert_int_equal(netra_public_status_get(&s, st, typo, today), NETRA_EINVAL);

    netra_store_close(st);
    /* Neither the code nor the identity is in the database file in clear. */
    if (!T.pg) {
        assert_false(file_has(path, r.code));
        assert_false(file_has(path, "Merpati"));
    }
    nt_test_store_rm(&T, path);
}

static void test_state_texts(void **state)
{
    (void)state;
    for (size_t i = 0; i < netra_workflow_n_states(T.wf); i++) {
        const netra_wf_state *s = netra_workflow_state_at(T.wf, i);
        const char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
        if (netra_public_state_text(&a, &b, &c, &d, s->id) != NETRA_OK)
            fail_msg("state %s has no public text", s->id);
        assert_true(strlen(a) > 10 && strlen(b) > 10 && strlen(c) > 10 && strlen(d) > 10);
    }
    const char *next_en;
    assert_int_equal(netra_public_state_text(NULL, NULL, NULL, &next_en, "dihentikan"), NETRA_OK);
    assert_string_equal(next_en, "There is no further step.");
    assert_int_equal(netra_public_state_text(NULL, NULL, NULL, &next_en, "menunggu_kelengkapan"),
                     NETRA_OK);
    assert_non_null(strstr(next_en, "within 1 day"));
    assert_int_equal(netra_public_state_text(NULL, NULL, NULL, NULL, "tidak_ada"), NETRA_ENOTFOUND);
}

typedef struct msgs {
    int n;
    char last[256];
    char senders[8][16];
} msgs;

static int on_msg(const netra_public_message *m, void *payload)
{
    msgs *x = payload;
    if (x->n < 8)
        snprintf(x->senders[x->n], sizeof x->senders[0], "%s", m->sender);
    x->n++;
    snprintf(x->last, sizeof x->last, "%s", m->body);
    return 0;
}

typedef struct audit_scan {
    int replies;
    int identity;
} audit_scan;

static int on_event(const netra_case_event *e, void *payload)
{
    audit_scan *a = payload;
    if (strcmp(e->action, "balasan_pelapor") == 0) {
        a->replies++;
        assert_string_equal(e->actor, "pelapor");
    }
    if (strstr(e->after, "Merpati") || strstr(e->before, "Merpati") || strstr(e->actor, "Siti"))
        a->identity++;
    return 0;
}

static void ask_completion(netra_store *st, int64_t id, netra_date day)
{
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, id), NETRA_OK);
    netra_actor pw = {"panwas.coblong", "panwas_kecamatan", day};
    netra_case_field f[] = {{"kekurangan", "Lampirkan foto kegiatan"}, {NULL, NULL}};
    assert_int_equal(netra_store_case_act(st, id, c.version, "minta_kelengkapan", f, &pw),
                     NETRA_OK);
}

static void test_messages_and_completion(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_date today = D("2024-11-04");
    netra_public_report rep = full_report();
    netra_public_receipt r;
    assert_int_equal(netra_public_submit(&r, st, &rep, today), NETRA_OK);

    netra_actor pw = {"panwas.coblong", "panwas_kecamatan", today};
    netra_actor ppk = {"ppk", "ppk", today};
    assert_int_equal(netra_case_question_add(NULL, st, r.case_id, "Jam berapa?", &pw), NETRA_OK);
    assert_int_equal(netra_case_question_add(NULL, st, r.case_id, "Siapa?", &ppk), NETRA_EPERM);
    /* A case opened by staff has no receipt: nobody could read the question. */
    netra_case_field f[] = {{"uraian", "u"}, {NULL, NULL}};
    netra_case_new staff = {"catat_informasi_awal", "pilkada", NULL, "32", "t", 0};
    int64_t staff_id;
    assert_int_equal(netra_store_case_new(&staff_id, st, &staff, f, &pw), NETRA_OK);
    assert_int_equal(netra_case_question_add(NULL, st, staff_id, "Jam?", &pw), NETRA_ESTATE);
    nt_test_assert_msg("no receipt code");
    assert_int_equal(netra_public_reply(NULL, st, r.code, "Pukul 10 pagi", today), NETRA_OK);
    assert_int_equal(netra_public_reply(NULL, st, r.code, "", today), NETRA_EINVAL);
    msgs m = {0};
    assert_int_equal(netra_public_messages(st, r.code, on_msg, &m), NETRA_OK);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.senders[0], "pemeriksa");
    assert_string_equal(m.senders[1], "pelapor");
    assert_string_equal(m.last, "Pukul 10 pagi");

    /* Nothing asked: completion refused. */
    assert_int_equal(netra_public_complete(st, r.code, "Foto", today), NETRA_ESTATE);
    nt_test_assert_msg("nothing to complete");
    /* Asked on the 4th: the 1-day clock ends on the 5th; completing on the 5th works. */
    ask_completion(st, r.case_id, today);
    netra_public_status s;
    assert_int_equal(netra_public_status_get(&s, st, r.code, today), NETRA_OK);
    assert_int_equal(s.awaiting_reply, 1);
    assert_string_equal(s.request, "Lampirkan foto kegiatan");
    assert_string_equal(s.clock, "kelengkapan");
    assert_int_equal(s.deadline, today + 1);
    assert_int_equal(netra_public_complete(st, r.code, "Foto terlampir", today + 1), NETRA_OK);
    netra_case c;
    assert_int_equal(netra_store_case_get(&c, st, r.case_id), NETRA_OK);
    assert_string_equal(c.state, "kajian_awal");
    /* Asked again; completing two days later is refused: the clock ran out. */
    ask_completion(st, r.case_id, today + 1);
    assert_int_equal(netra_public_complete(st, r.code, "Terlambat", today + 3), NETRA_ESTATE);
    nt_test_assert_msg("ended on 2024-11-06");
    assert_int_equal(netra_store_case_get(&c, st, r.case_id), NETRA_OK);
    assert_string_equal(c.state, "menunggu_kelengkapan");

    audit_scan a = {0, 0};
    assert_int_equal(netra_store_case_timeline(st, r.case_id, on_event, &a), NETRA_OK);
    assert_int_equal(a.replies, 2); /* the reply and the completion */
    assert_int_equal(a.identity, 0);
    int64_t n, bad;
    assert_int_equal(netra_store_audit_verify(&n, &bad, st), NETRA_OK);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static void test_evidence_limits(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_date today = D("2024-11-04");
    netra_public_report rep = full_report();
    netra_public_receipt r;
    assert_int_equal(netra_public_submit(&r, st, &rep, today), NETRA_OK);
    static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    char sha[65];
    const char *type = NULL;
    assert_int_equal(netra_public_evidence_add(sha, &type, st, r.code, png, sizeof png, today),
                     NETRA_OK);
    assert_string_equal(type, "image/png");
    /* The one sniffer (netra_evidence_sniff) behind the public upload. */
    const char *seen = NULL;
    assert_int_equal(netra_evidence_sniff(&seen, NULL, "%PDF-1.7\n", 9), NETRA_OK);
    assert_string_equal(seen, "application/pdf");
    assert_int_equal(netra_evidence_sniff(&seen, NULL, "\xFF\xD8\xFF\xE0", 4), NETRA_OK);
    assert_string_equal(seen, "image/jpeg");
    assert_int_equal(netra_evidence_sniff(&seen, NULL,
                                          "\0\0\0\x18"
                                          "ftypmp42",
                                          12),
                     NETRA_OK);
    assert_string_equal(seen, "video/mp4");
    assert_int_equal(netra_evidence_sniff(&seen, NULL, "MZ\x90\0", 4), NETRA_EINVAL);
    /* The stricter checks now apply to the public side too: a bare MPEG frame sync (two
     * bytes, once accepted as audio/mpeg) and an ISO box of an unknown brand are refused,
     * and a type staff may attach (QuickTime) is not one the public may upload. */
    assert_int_equal(
        netra_public_evidence_add(sha, NULL, st, r.code, "\xFF\xFB\x90\x00junk", 8, today),
        NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "ff fb 90 00"));
    assert_int_equal(netra_public_evidence_add(sha, NULL, st, r.code,
                                               "\0\0\0\x18"
                                               "ftypzzzz",
                                               12, today),
                     NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "brand 'zzzz'"));
    assert_int_equal(netra_public_evidence_add(sha, NULL, st, r.code,
                                               "\0\0\0\x14"
                                               "ftypqt  ",
                                               12, today),
                     NETRA_EINVAL);
    assert_non_null(strstr(netra_error_last()->msg, "video/quicktime is not accepted"));
    /* A renamed executable or a script is refused by content. */
    assert_int_equal(
        netra_public_evidence_add(sha, NULL, st, r.code, "#!/bin/sh\nrm -rf /\n", 19, today),
        NETRA_EINVAL);
    nt_test_assert_msg("content starting 23 21 2f 62");
    assert_int_equal(netra_public_evidence_add(sha, NULL, st, r.code, "", 0, today), NETRA_EINVAL);
    unsigned char *huge = calloc(1, NETRA_UPLOAD_MAX_BYTES + 1);
    assert_non_null(huge);
    memcpy(huge, png, sizeof png);
    assert_int_equal(
        netra_public_evidence_add(sha, NULL, st, r.code, huge, NETRA_UPLOAD_MAX_BYTES + 1, today),
        NETRA_ETOOBIG);
    nt_test_assert_msg("10 MiB");
    free(huge);
    /* At most NETRA_UPLOAD_MAX_FILES files a report. */
    for (int i = 1; i < NETRA_UPLOAD_MAX_FILES; i++) {
        unsigned char f[32];
        memcpy(f, png, sizeof png);
        f[sizeof png] = (unsigned char)i;
        assert_int_equal(netra_public_evidence_add(sha, NULL, st, r.code, f, sizeof png + 1, today),
                         NETRA_OK);
    }
    assert_int_equal(netra_public_evidence_add(sha, NULL, st, r.code, png, sizeof png, today),
                     NETRA_ETOOBIG);
    nt_test_assert_msg("at most 10 files");
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* ---- the review queue --------------------------------------------------------------------- */

static const char *item_json(int n, char *buf, size_t size)
{
    snprintf(buf, size,
             "{\"id\":\"it-%d\",\"platform\":\"x\",\"act\":\"post\",\"url\":"
             "\"https://x.com/bu_rina/status/%d\",\"author\":{\"handle\":\"bu_rina\",\"name\":"
             "\"Rina\",\"bio\":\"Guru SDN | ASN\"},\"text\":\"Ayo coblos nomor 2!\","
             "\"created_at\":\"2024-01-20T08:15:00+07:00\",\"region\":\"34.04\"}",
             n, n);
    return buf;
}

static const char *verdict_json(int n, int flagged, const char *form, char *buf, size_t size)
{
    snprintf(buf, size,
             "{\"line\":%d,\"id\":\"it-%d\",\"flagged\":%s,\"act\":\"post\",\"date\":"
             "\"2024-01-20\",\"contestants\":[{\"election\":\"pilpres-2024\",\"contestant\":"
             "\"02\",\"stance\":\"support\",\"score\":0.99,\"evidence\":[{\"field\":\"text\","
             "\"start\":0,\"end\":3,\"what\":\"call\"}]}],\"asn\":{\"likely\":true,\"score\":"
             "0.95},\"violation\":{\"election\":\"pilpres-2024\",\"contestant\":\"02\",\"act\":"
             "\"campaign_online\",\"form\":\"%s\",\"level\":\"berat\"},\"explanation\":{\"id\":"
             "\"Akun @bu_rina mendukung 02.\",\"en\":\"Account @bu_rina supports 02.\"}}",
             n, n, flagged ? "true" : "false", form);
    return buf;
}

static const netra_queue_source pilpres = {"pemilu-2024", "pemilu"};

static int64_t enqueue(netra_store *st, int n, const char *form, netra_queue_added *what)
{
    char i[1024], v[2048];
    item_json(n, i, sizeof i);
    verdict_json(n, 1, form, v, sizeof v);
    netra_actor a = {"scanner", "analis", D("2024-01-21")};
    int64_t id = 0;
    int err = netra_queue_add(what, &id, st, i, strlen(i), v, strlen(v), &pilpres, &a);
    if (err != NETRA_OK)
        fail_msg("queue add: %s", netra_error_last()->msg);
    return id;
}

typedef struct seen {
    int n;
    int64_t ids[64];
    char claimed[64][32];
    char state[64][24];
} seen;

static int on_entry(const netra_queue_entry *e, void *payload)
{
    seen *s = payload;
    if (s->n < 64) {
        s->ids[s->n] = e->id;
        snprintf(s->claimed[s->n], sizeof s->claimed[0], "%s", e->claimed_by);
        snprintf(s->state[s->n], sizeof s->state[0], "%s", e->state);
    }
    s->n++;
    return 0;
}

static void test_queue_add_list(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_queue_added what;
    for (int n = 1; n <= 7; n++) {
        enqueue(st, n, n % 2 ? "D-2" : "KE-4", &what);
        assert_int_equal(what, NETRA_QUEUE_ADDED);
    }
    /* The same item and election again: unchanged. */
    int64_t again = enqueue(st, 3, "D-2", &what);
    assert_int_equal(what, NETRA_QUEUE_EXISTS);
    assert_int_equal(again, 3);
    /* Not flagged: not queued. */
    char i[1024], v[2048];
    netra_actor a = {"scanner", "analis", D("2024-01-21")};
    item_json(9, i, sizeof i);
    verdict_json(9, 0, "D-2", v, sizeof v);
    assert_int_equal(netra_queue_add(&what, NULL, st, i, strlen(i), v, strlen(v), &pilpres, &a),
                     NETRA_OK);
    assert_int_equal(what, NETRA_QUEUE_NOT_FLAGGED);
    /* Item and verdict must be the same item; malformed input names the field. */
    verdict_json(8, 1, "D-2", v, sizeof v);
    assert_int_equal(netra_queue_add(&what, NULL, st, i, strlen(i), v, strlen(v), &pilpres, &a),
                     NETRA_EINVAL);
    nt_test_assert_msg("item: field 'id'");
    assert_int_equal(netra_queue_add(&what, NULL, st, i, strlen(i), "{\"id\":", 6, &pilpres, &a),
                     NETRA_EINVAL);
    nt_test_assert_msg("verdict: byte");

    /* Pages of 3 by cursor: 1-3, 4-6, 7. */
    seen s = {0};
    int64_t next;
    netra_queue_filter f = {NULL, NULL, NULL, 0, 3};
    assert_int_equal(netra_queue_list(&next, st, &f, 0, on_entry, &s), NETRA_OK);
    assert_int_equal(s.n, 3);
    assert_int_equal(next, 3);
    f.after = next;
    assert_int_equal(netra_queue_list(&next, st, &f, 0, on_entry, &s), NETRA_OK);
    assert_int_equal(next, 6);
    f.after = next;
    assert_int_equal(netra_queue_list(&next, st, &f, 0, on_entry, &s), NETRA_OK);
    assert_int_equal(next, 0);
    assert_int_equal(s.n, 7);
    for (int k = 0; k < 7; k++)
        assert_int_equal(s.ids[k], k + 1);
    /* Filters. */
    memset(&s, 0, sizeof s);
    netra_queue_filter byform = {"pilpres-2024", "KE-4", "baru", 0, 0};
    assert_int_equal(netra_queue_list(&next, st, &byform, 0, on_entry, &s), NETRA_OK);
    assert_int_equal(s.n, 3);
    memset(&s, 0, sizeof s);
    netra_queue_filter other = {"pilgub-dki-2024", NULL, NULL, 0, 0};
    assert_int_equal(netra_queue_list(&next, st, &other, 0, on_entry, &s), NETRA_OK);
    assert_int_equal(s.n, 0);
    netra_queue_filter big = {NULL, NULL, NULL, 0, 501};
    assert_int_equal(netra_queue_list(&next, st, &big, 0, on_entry, &s), NETRA_EINVAL);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

static void test_queue_lease(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_queue_added what;
    int64_t id = enqueue(st, 1, "D-2", &what);
    netra_actor ana = {"ana", "bawaslu_kabkota", D("2024-01-22")};
    netra_actor budi = {"budi", "bawaslu_provinsi", D("2024-01-22")};
    netra_actor hr = {"hr", "sdm_instansi", D("2024-01-22")};
    assert_int_equal(netra_queue_claim(st, id, &hr, 1000, 60), NETRA_EPERM);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1000, 60), NETRA_OK);
    /* Others see it as being reviewed until the lease ends at 1060. */
    seen s = {0};
    assert_int_equal(netra_queue_get(st, id, 1059, on_entry, &s), NETRA_OK);
    assert_string_equal(s.claimed[0], "ana");
    assert_int_equal(netra_queue_claim(st, id, &budi, 1059, 60), NETRA_ECONFLICT);
    nt_test_assert_msg("being reviewed by ana for 1 more seconds");
    assert_int_equal(netra_queue_dismiss(st, id, "bukan_asn", NULL, NULL, &budi, 1059),
                     NETRA_ECONFLICT);
    assert_int_equal(netra_queue_release(st, id, &budi, 1059), NETRA_EPERM);
    /* At 1060 the lease has expired. */
    memset(&s, 0, sizeof s);
    assert_int_equal(netra_queue_get(st, id, 1060, on_entry, &s), NETRA_OK);
    assert_string_equal(s.claimed[0], "");
    assert_int_equal(netra_queue_claim(st, id, &budi, 1060, 600), NETRA_OK);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1100, 60), NETRA_ECONFLICT);
    /* Renewal by the holder, then release: free for others at once. */
    assert_int_equal(netra_queue_claim(st, id, &budi, 1200, 600), NETRA_OK);
    assert_int_equal(netra_queue_release(st, id, &budi, 1201), NETRA_OK);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1202, 60), NETRA_OK);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1202, 0), NETRA_EINVAL);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1202, NETRA_QUEUE_LEASE_MAX + 1),
                     NETRA_EINVAL);
    /* Second look releases; a dismissal with an unknown reason is refused; a known one decides. */
    assert_int_equal(netra_queue_second_look(st, id, "cek akun", &ana, 1203), NETRA_OK);
    memset(&s, 0, sizeof s);
    assert_int_equal(netra_queue_get(st, id, 1203, on_entry, &s), NETRA_OK);
    assert_string_equal(s.state[0], "tinjau_ulang");
    assert_string_equal(s.claimed[0], "");
    assert_int_equal(netra_queue_dismiss(st, id, "tidak_suka", NULL, NULL, &budi, 1300),
                     NETRA_EINVAL);
    nt_test_assert_msg("'tidak_suka' is not a reason");
    assert_int_equal(
        netra_queue_dismiss(st, id, "bukan_asn", "akun humas dinas", NULL, &budi, 1300), NETRA_OK);
    assert_int_equal(netra_queue_claim(st, id, &ana, 1400, 60), NETRA_ESTATE);
    int64_t n, bad;
    assert_int_equal(netra_store_audit_verify(&n, &bad, st), NETRA_OK);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

typedef struct act_seen {
    int n;
    char form[8], stage[40];
} act_seen;

static int on_act(const netra_case_act_row *r, void *payload)
{
    act_seen *a = payload;
    a->n++;
    snprintf(a->form, sizeof a->form, "%s", r->form);
    snprintf(a->stage, sizeof a->stage, "%s", r->stage);
    return 0;
}

static void test_queue_confirm(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_queue_added what;
    int64_t id = enqueue(st, 1, "D-2", &what);
    netra_actor analyst = {"analis1", "analis", D("2024-01-22")};
    netra_actor pw = {"ana", "bawaslu_kabkota", D("2024-01-22")};
    int64_t case_id = 0;
    /* An analyst may review but the workflow lets only supervisors establish a temuan. */
    assert_int_equal(netra_queue_confirm_entry(&case_id, st, id, NULL, &analyst, 1000),
                     NETRA_EPERM);
    seen s = {0};
    assert_int_equal(netra_queue_get(st, id, 1000, on_entry, &s), NETRA_OK);
    assert_string_equal(s.state[0], "baru");
    int64_t blobs0;
    assert_int_equal(netra_store_blob_count(&blobs0, st), NETRA_OK);
    assert_int_equal(blobs0, 0);

    netra_queue_confirm c = {NULL, NULL, "Akun terverifikasi guru ASN"};
    assert_int_equal(netra_queue_confirm_entry(&case_id, st, id, &c, &pw, 1000), NETRA_OK);
    netra_case cs;
    assert_int_equal(netra_store_case_get(&cs, st, case_id), NETRA_OK);
    assert_string_equal(cs.kind, "temuan");
    assert_string_equal(cs.state, "diregistrasi");
    assert_string_equal(cs.election, "pemilu-2024");
    assert_string_equal(cs.region, "34.04");
    char buf[512];
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, case_id, "terlapor"), NETRA_OK);
    assert_string_equal(buf, "akun @bu_rina (Rina)");
    assert_int_equal(netra_store_case_field(buf, sizeof buf, st, case_id, "uraian"), NETRA_OK);
    assert_non_null(strstr(buf, "Akun terverifikasi guru ASN"));
    act_seen a = {0};
    assert_int_equal(netra_store_case_acts(st, case_id, on_act, &a), NETRA_OK);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.form, "D-2");
    assert_string_equal(a.stage, "kampanye");
    int64_t blobs;
    assert_int_equal(netra_store_blob_count(&blobs, st), NETRA_OK);
    assert_int_equal(blobs, 2); /* the item and the verdict */
    memset(&s, 0, sizeof s);
    assert_int_equal(netra_queue_get(st, id, 1001, on_entry, &s), NETRA_OK);
    assert_string_equal(s.state[0], "dikonfirmasi");
    /* Decided: a second confirmation is refused and makes no second case. */
    int64_t again = 0;
    assert_int_equal(netra_queue_confirm_entry(&again, st, id, &c, &pw, 1002), NETRA_ESTATE);
    netra_case none;
    assert_int_equal(netra_store_case_get(&none, st, case_id + 1), NETRA_ENOTFOUND);
    int64_t n, bad;
    assert_int_equal(netra_store_audit_verify(&n, &bad, st), NETRA_OK);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* ---- suppression -------------------------------------------------------------------------- */

/* A table of r x c cells with margins as entries and lines; returns the status. */
static void solve_table(unsigned char *status, const int64_t *cells, size_t r, size_t c)
{
    /* entries: cells (r*c), row totals (r), column totals (c), grand total (1) */
    size_t n = r * c + r + c + 1;
    int64_t v[256];
    assert_true(n <= 256);
    memset(v, 0, sizeof v);
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < c; j++) {
            v[i * c + j] = cells[i * c + j];
            v[r * c + i] += cells[i * c + j];
            v[r * c + r + j] += cells[i * c + j];
            v[n - 1] += cells[i * c + j];
        }
    size_t members[1024], starts[64], nl = 0, m = 0;
    for (size_t i = 0; i <= r; i++) { /* rows, then the totals row */
        starts[nl++] = m;
        for (size_t j = 0; j < c; j++)
            members[m++] = i < r ? i * c + j : r * c + r + j;
        members[m++] = i < r ? r * c + i : n - 1;
    }
    for (size_t j = 0; j <= c; j++) { /* columns, then the totals column */
        starts[nl++] = m;
        for (size_t i = 0; i < r; i++)
            members[m++] = j < c ? i * c + j : r * c + i;
        members[m++] = j < c ? r * c + r + j : n - 1;
    }
    starts[nl] = m;
    nt_suppress(status, v, n, members, starts, nl, 5);
    /* The property: no line has exactly one hidden entry; every 1..4 is hidden. */
    for (size_t l = 0; l < nl; l++) {
        int hidden = 0;
        for (size_t k = starts[l]; k < starts[l + 1]; k++)
            hidden += status[members[k]] != NT_CELL_SHOWN;
        assert_true(hidden != 1);
    }
    for (size_t i = 0; i < n; i++)
        if (v[i] > 0 && v[i] < 5)
            assert_int_equal(status[i], NT_CELL_PRIMARY);
}

static void test_suppression(void **state)
{
    (void)state;
    unsigned char st[256];
    /* 4 is hidden, 5 is shown. */
    const int64_t a[] = {5, 5, 5, 5};
    solve_table(st, a, 2, 2);
    for (int i = 0; i < 9; i++)
        assert_int_equal(st[i], NT_CELL_SHOWN);
    const int64_t b[] = {4, 6, 7, 8};
    solve_table(st, b, 2, 2);
    assert_int_equal(st[0], NT_CELL_PRIMARY);
    /* Complementary: the 4 cannot be recovered from its row or column total. */
    assert_int_equal(st[1], NT_CELL_COMPLEMENTARY); /* 6: smallest other in row 0 */
    assert_int_equal(st[2], NT_CELL_COMPLEMENTARY); /* 7: smallest other in column 0 */
    assert_int_equal(st[3], NT_CELL_COMPLEMENTARY); /* 8: closes row 1 and column 1 */
    assert_int_equal(st[4], NT_CELL_SHOWN);         /* row totals 10 and 15 */
    assert_int_equal(st[8], NT_CELL_SHOWN);         /* grand total 25 */
    /* Zero is shown (it singles nobody out); a single small cell with zeros beside it. */
    const int64_t c[] = {3, 0, 0, 9};
    solve_table(st, c, 2, 2);
    assert_int_equal(st[0], NT_CELL_PRIMARY);
    assert_int_equal(st[4], NT_CELL_PRIMARY); /* row total 3 */
    assert_int_equal(st[6], NT_CELL_PRIMARY); /* column total 3 */
    /* 12 - 9 would give the first column's 3: the 9s are hidden too, the grand total stays. */
    assert_int_equal(st[7], NT_CELL_COMPLEMENTARY);
    assert_int_equal(st[3], NT_CELL_COMPLEMENTARY);
    assert_int_equal(st[5], NT_CELL_COMPLEMENTARY);
    assert_int_equal(st[8], NT_CELL_SHOWN);
    /* Random tables keep the property. */
    srand(7);
    for (int t = 0; t < 500; t++) {
        size_t r = 1 + (size_t)(rand() % 6), cc = 1 + (size_t)(rand() % 6);
        int64_t cells[36];
        for (size_t i = 0; i < r * cc; i++)
            cells[i] = rand() % 3 == 0 ? 0 : rand() % 12;
        solve_table(st, cells, r, cc);
    }
}

static int64_t informasi(netra_store *st, const char *region)
{
    netra_case_field f[] = {{"uraian", "u"}, {NULL, NULL}};
    netra_case_new c = {"catat_informasi_awal", "pilkada", "pilkada-2024", region, "t", 0};
    netra_actor a = {"analis", "analis", D("2024-11-04")};
    int64_t id;
    assert_int_equal(netra_store_case_new(&id, st, &c, f, &a), NETRA_OK);
    return id;
}

/* No published line of the transparency document has exactly one hidden number. */
static void check_table(json_t *t)
{
    json_t *cells = json_object_get(t, "cells"), *rt = json_object_get(t, "row_totals");
    json_t *ct = json_object_get(t, "col_totals");
    size_t nr = json_array_size(cells), nc = json_array_size(ct);
    for (size_t i = 0; i <= nr; i++) {
        int hidden = 0;
        for (size_t j = 0; j <= nc; j++) {
            json_t *v = i < nr ? (j < nc ? json_array_get(json_array_get(cells, i), j)
                                         : json_array_get(rt, i))
                               : (j < nc ? json_array_get(ct, j) : json_object_get(t, "total"));
            hidden += json_is_string(v);
            if (json_is_integer(v))
                assert_true(json_integer_value(v) == 0 || json_integer_value(v) >= 5);
        }
        assert_true(hidden != 1);
    }
    for (size_t j = 0; j <= nc; j++) {
        int hidden = 0;
        for (size_t i = 0; i <= nr; i++) {
            json_t *v = i < nr ? (j < nc ? json_array_get(json_array_get(cells, i), j)
                                         : json_array_get(rt, i))
                               : (j < nc ? json_array_get(ct, j) : json_object_get(t, "total"));
            hidden += json_is_string(v);
        }
        assert_true(hidden != 1);
    }
}

static void test_transparency(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    for (int i = 0; i < 6; i++)
        informasi(st, "32.73");
    for (int i = 0; i < 3; i++)
        informasi(st, "33.74");
    for (int i = 0; i < 7; i++)
        informasi(st, "35.78");
    netra_case_new demo = {"catat_informasi_awal", "pilkada", NULL, "31.71", "demo", 1};
    netra_case_field f[] = {{"uraian", "u"}, {NULL, NULL}};
    netra_actor a = {"analis", "analis", D("2024-11-04")};
    int64_t id;
    assert_int_equal(netra_store_case_new(&id, st, &demo, f, &a), NETRA_OK);
    char *text;
    size_t len;
    assert_int_equal(netra_transparency_json(&text, &len, st, 0), NETRA_OK);
    json_t *j = json_loadb(text, len, 0, NULL);
    assert_non_null(j);
    netra_free_text(text);
    json_t *nat = json_object_get(j, "national");
    json_t *po = json_object_get(nat, "by_province_outcome");
    assert_int_equal(json_array_size(json_object_get(po, "row_labels")), 3); /* demo left out */
    assert_int_equal(json_integer_value(json_object_get(po, "total")), 16);
    json_t *rt = json_object_get(po, "row_totals");
    assert_string_equal(json_string_value(json_array_get(rt, 1)), "<5"); /* 3 in 33 */
    /* 33's 3 would be 16 - 6 - 7: the smallest other total (6) is hidden too. */
    assert_string_equal(json_string_value(json_array_get(rt, 0)), "x");
    assert_int_equal(json_integer_value(json_array_get(rt, 2)), 7);
    const char *names[] = {"by_province_outcome", "by_province_stage", "by_form_outcome",
                           "by_form_stage"};
    for (size_t i = 0; i < 4; i++)
        check_table(json_object_get(nat, names[i]));
    size_t k;
    json_t *p;
    json_array_foreach(json_object_get(j, "provinces"), k, p)
    {
        check_table(json_object_get(p, "by_form_outcome"));
        check_table(json_object_get(p, "by_form_stage"));
    }
    /* The per-province total is the same entry as the national row total. */
    json_t *p33 = json_array_get(json_object_get(j, "provinces"), 1);
    assert_string_equal(json_string_value(json_object_get(p33, "province")), "33");
    assert_string_equal(json_string_value(json_object_get(p33, "total")), "<5");
    json_t *p32 = json_array_get(json_object_get(j, "provinces"), 0);
    assert_string_equal(json_string_value(json_object_get(p32, "total")), "x");
    json_t *p35 = json_array_get(json_object_get(j, "provinces"), 2);
    assert_int_equal(json_integer_value(json_object_get(p35, "total")), 7);
    json_decref(j);
    assert_int_equal(netra_transparency_json(&text, &len, st, 1), NETRA_OK);
    assert_non_null(strstr(text, "\"31\""));
    netra_free_text(text);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

/* ---- allocation failures ------------------------------------------------------------------ */

static int public_walk(void *payload)
{
    (void)payload;
    netra_store_config cfg = {T.wf, T.cal, &T.key, T.law};
    netra_store *st;
    int err = netra_store_open(&st, ":memory:", &cfg);
    if (err < 0)
        return err;
    netra_public_report rep = full_report();
    netra_public_receipt r;
    netra_public_status s;
    char i[1024], v[2048], *text = NULL;
    item_json(1, i, sizeof i);
    verdict_json(1, 1, "D-2", v, sizeof v);
    netra_date today = 20031; /* 2024-11-04 */
    netra_actor pw = {"ana", "bawaslu_kabkota", today};
    netra_queue_added what;
    int64_t qid, case_id;
    size_t len;
    if ((err = netra_public_submit(&r, st, &rep, today)) == 0 &&
        (err = netra_public_status_get(&s, st, r.code, today)) == 0 &&
        (err = netra_public_reply(NULL, st, r.code, "balasan", today)) == 0 &&
        (err = netra_queue_add(&what, &qid, st, i, strlen(i), v, strlen(v), &pilpres, &pw)) == 0 &&
        (err = netra_queue_claim(st, qid, &pw, 1000, 60)) == 0 &&
        (err = netra_queue_confirm_entry(&case_id, st, qid, NULL, &pw, 1001)) == 0 &&
        (err = netra_transparency_json(&text, &len, st, 1)) == 0)
        netra_free_text(text);
    netra_store_close(st);
    return err;
}

static void test_alloc_failures(void **state)
{
    (void)state;
    assert_true(nt_test_torture(public_walk, NULL) > 10);
}

/* ---- group commit (src/lib/store/batch.c) ------------------------------------------------- */

static void test_group_commit(void **state)
{
    (void)state;
    char path[512];
    netra_store *st = new_db(path, sizeof path);
    netra_date today = D("2024-11-04");
    netra_public_report rep = full_report();
    netra_public_report bad = full_report();
    bad.eligibility = "raja";
    netra_public_receipt r1, r2, r3, r4;
    int64_t before = 0, bad_seq = 0, after = 0;
    assert_int_equal(netra_store_audit_verify(&before, &bad_seq, st), NETRA_OK);

    /* misuse is refused, not silently accepted */
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_ERROR);
    assert_int_equal(netra_store_batch_commit(st), NETRA_ERROR);

    assert_int_equal(netra_store_batch_begin(st), NETRA_OK);
    assert_int_equal(netra_store_batch_begin(st), NETRA_ERROR);
    assert_int_equal(netra_store_read_begin(st), NETRA_ERROR);
    /* 1: kept */
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_OK);
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_ERROR);
    assert_int_equal(netra_public_submit(&r1, st, &rep, today), NETRA_OK);
    assert_int_equal(netra_store_batch_item_end(st, 1), NETRA_OK);
    /* 2: written completely (case, reporter, receipt, audit entry), then undone */
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_OK);
    assert_int_equal(netra_public_submit(&r2, st, &rep, today), NETRA_OK);
    assert_int_equal(netra_store_batch_item_end(st, 0), NETRA_OK);
    /* 3: fails in the library; the batch goes on */
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_OK);
    assert_int_equal(netra_public_submit(&r3, st, &bad, today), NETRA_EINVAL);
    assert_int_equal(netra_store_batch_item_end(st, 0), NETRA_OK);
    /* 4: kept, after the undone ones */
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_OK);
    assert_int_equal(netra_public_submit(&r4, st, &rep, today), NETRA_OK);
    assert_int_equal(netra_store_batch_item_end(st, 1), NETRA_OK);
    /* inside the batch the head is the newest entry kept (written to meta at the commit) */
    int64_t mid_seq = 0;
    char mid_hash[65];
    assert_int_equal(netra_store_audit_head(&mid_seq, mid_hash, st), NETRA_OK);
    assert_int_equal(netra_store_batch_commit(st), NETRA_OK);
    netra_store_close(st);

    /* what another connection sees: 1 and 4, not 2; the chain has no gap */
    netra_store_config cfg = {T.wf, T.cal, &T.key, T.law};
    assert_int_equal(netra_store_open(&st, path, &cfg), NETRA_OK);
    netra_public_status ps;
    assert_int_equal(netra_public_status_get(&ps, st, r1.code, today), NETRA_OK);
    assert_int_equal(netra_public_status_get(&ps, st, r4.code, today), NETRA_OK);
    assert_int_equal(netra_public_status_get(&ps, st, r2.code, today), NETRA_ENOTFOUND);
    assert_int_equal(netra_store_audit_verify(&after, &bad_seq, st), NETRA_OK);
    assert_true(after > before);
    int64_t head_seq = 0;
    char head_hash[65];
    assert_int_equal(netra_store_audit_head(&head_seq, head_hash, st), NETRA_OK);
    assert_int_equal(head_seq, mid_seq);
    assert_int_equal(head_seq, after);
    assert_string_equal(head_hash, mid_hash);
    int64_t one = after - before; /* the entries of two reports */
    assert_int_equal(one % 2, 0);

    /* a batch rolled back as a whole stores nothing */
    assert_int_equal(netra_store_batch_begin(st), NETRA_OK);
    assert_int_equal(netra_store_batch_item_begin(st), NETRA_OK);
    assert_int_equal(netra_public_submit(&r2, st, &rep, today), NETRA_OK);
    assert_int_equal(netra_store_batch_item_end(st, 1), NETRA_OK);
    netra_store_batch_rollback(st);
    assert_int_equal(netra_public_status_get(&ps, st, r2.code, today), NETRA_ENOTFOUND);
    /* a single write outside a batch is its own transaction again */
    assert_int_equal(netra_public_submit(&r2, st, &rep, today), NETRA_OK);
    assert_int_equal(netra_public_status_get(&ps, st, r2.code, today), NETRA_OK);
    int64_t last = 0;
    assert_int_equal(netra_store_audit_verify(&last, &bad_seq, st), NETRA_OK);
    assert_int_equal(last - after, one / 2);

    /* one read snapshot for several reads */
    assert_int_equal(netra_store_read_begin(st), NETRA_OK);
    assert_int_equal(netra_store_read_begin(st), NETRA_ERROR);
    assert_int_equal(netra_store_batch_begin(st), NETRA_ERROR);
    assert_int_equal(netra_public_status_get(&ps, st, r1.code, today), NETRA_OK);
    assert_int_equal(netra_public_status_get(&ps, st, r4.code, today), NETRA_OK);
    netra_store_read_end(st);
    netra_store_read_end(st); /* no snapshot open: nothing happens */
    assert_int_equal(netra_public_submit(&r3, st, &rep, today), NETRA_OK);
    netra_store_close(st);
    nt_test_store_rm(&T, path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt_format_and_collisions),
        cmocka_unit_test(test_receipt_check_symbol),
        cmocka_unit_test(test_submit_paths),
        cmocka_unit_test(test_state_texts),
        cmocka_unit_test(test_messages_and_completion),
        cmocka_unit_test(test_evidence_limits),
        cmocka_unit_test(test_queue_add_list),
        cmocka_unit_test(test_queue_lease),
        cmocka_unit_test(test_queue_confirm),
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_transparency),
        cmocka_unit_test(test_group_commit),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
