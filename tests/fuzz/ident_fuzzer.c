/*
 * ident_fuzzer.c - runs netra_id_check() over arbitrary bytes as each kind (auto, NIP,
 * NI PPPK, NIK), then netra_id_explain() into small and large buffers in both languages, and
 * aborts when an invariant of include/netra/ident.h breaks: return code and `valid` agree,
 * problem positions lie inside the digits (1 <= start <= bad_start <= bad_end <= end <= 18),
 * a CHAR offset points at the reported byte, explanations are NUL-terminated and their
 * length does not depend on the buffer, and an automatic result is reproduced when the
 * detected kind is asked for explicitly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netra/ident.h"
#include "netra/error.h"
#include "netra/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x)) {                                                                                \
            fprintf(stderr, "ident_fuzzer: invariant failed: %s (line %d)\n", #x, __LINE__);       \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A made-up region table: a kecamatan exists unless its code's digit sum is a multiple of 7;
 * returns -1 ("cannot say") for digit sums that are multiples of 11. */
static int fake_region(const char *code6, void *payload)
{
    int *calls = payload;
    int sum = 0;
    (*calls)++;
    CHECK(strlen(code6) == 6);
    for (int i = 0; i < 6; i++) {
        CHECK(code6[i] >= '0' && code6[i] <= '9');
        sum += code6[i] - '0';
    }
    if (sum % 11 == 0)
        return -1;
    return sum % 7 != 0;
}

static void check_positions(const netra_id_problem *p, size_t n_digits)
{
    if (p->code == NETRA_ID_PROBLEM_NONE)
        return;
    if (p->code == NETRA_ID_PROBLEM_LENGTH || p->code == NETRA_ID_PROBLEM_CHAR) {
        CHECK(p->start == 0 && p->end == 0 && p->bad_start == 0 && p->bad_end == 0);
        CHECK(p->segment == NETRA_ID_SEG_NONE);
        return;
    }
    CHECK(p->kind != NETRA_ID_UNKNOWN);
    CHECK(p->segment != NETRA_ID_SEG_NONE);
    CHECK(1 <= p->start && p->start <= p->bad_start && p->bad_start <= p->bad_end);
    CHECK(p->bad_end <= p->end && p->end <= NETRA_ID_MAX_DIGITS);
    CHECK((size_t)p->end <= n_digits);
}

static void check_explain(const netra_id_info *info)
{
    char big[1024], small[8];
    for (int lang = 0; lang <= 1; lang++) {
        int n = netra_id_explain(big, sizeof big, info, lang);
        CHECK(n > 0 && (size_t)n < sizeof big);
        CHECK(strlen(big) == (size_t)n);
        memset(small, 'Z', sizeof small);
        CHECK(netra_id_explain(small, sizeof small, info, lang) == n);
        size_t kept = (size_t)n < sizeof small - 1 ? (size_t)n : sizeof small - 1;
        CHECK(strlen(small) == kept);
        CHECK(memcmp(small, big, kept) == 0);
        CHECK(netra_id_explain(NULL, 0, info, lang) == n);
        CHECK(netra_id_explain_problem(small, 1, &info->problem, lang) >= 0 && small[0] == '\0');
    }
}

static void check_one(const uint8_t *data, size_t size, netra_id_options *o)
{
    netra_id_info info;
    int calls = 0;
    o->region_payload = &calls;
    int rc = netra_id_check(&info, (const char *)data, size, o);
    CHECK(rc == NETRA_OK || rc == NETRA_EINVAL);
    CHECK((rc == NETRA_OK) == (info.valid == 1));
    CHECK(calls <= 1);
    CHECK(strlen(info.digits) == (info.n_digits < 18 ? info.n_digits : 18));
    for (size_t i = 0; info.digits[i] != '\0'; i++)
        CHECK(info.digits[i] >= '0' && info.digits[i] <= '9');
    check_positions(&info.problem, info.n_digits);
    check_positions(&info.alt, info.n_digits);

    if (rc == NETRA_OK) {
        CHECK(info.problem.code == NETRA_ID_PROBLEM_NONE);
        CHECK(info.kind != NETRA_ID_UNKNOWN);
        CHECK(o->expect == NETRA_ID_AUTO || info.kind == o->expect);
        CHECK(info.n_digits == (info.kind == NETRA_ID_NIK ? 16u : 18u));
        CHECK(info.birth <= o->today);
        CHECK(info.sex == NETRA_ID_SEX_MALE || info.sex == NETRA_ID_SEX_FEMALE);
        CHECK(info.sequence >= 1 && info.sequence <= 9999);
        if (info.kind == NETRA_ID_NIP)
            CHECK(info.tmt_month >= 1 && info.tmt_month <= 12 && info.tmt_year >= 1950);
        if (info.kind == NETRA_ID_NIPPPK)
            CHECK(info.pppk_code >= 0 && info.pppk_code <= 99 && info.pppk_year >= 2018);
        if (info.kind == NETRA_ID_NIK) {
            CHECK(strlen(info.region) == 6);
            CHECK(netra_id_province_known((info.region[0] - '0') * 10 + info.region[1] - '0'));
        }
        if (o->expect == NETRA_ID_AUTO) {
            /* The detected kind, asked for explicitly, gives the same decoding. */
            netra_id_options again = *o;
            netra_id_info j;
            again.expect = info.kind;
            CHECK(netra_id_check(&j, (const char *)data, size, &again) == NETRA_OK);
            CHECK(j.birth == info.birth && j.sequence == info.sequence && j.sex == info.sex);
        }
    } else {
        CHECK(info.problem.code != NETRA_ID_PROBLEM_NONE);
        if (info.problem.code == NETRA_ID_PROBLEM_CHAR) {
            CHECK(info.problem.offset < size);
            CHECK(data[info.problem.offset] == info.problem.byte);
        }
        if (info.problem.code == NETRA_ID_PROBLEM_LENGTH)
            CHECK((size_t)info.problem.value == info.n_digits || info.problem.value == 0x7fffffff);
        CHECK(netra_error_last()->code == NETRA_EINVAL);
    }
    check_explain(&info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    netra_id_options o = NETRA_ID_OPTIONS_INIT;
    netra_date today;
    if (netra_date_from_ymd(&today, 2026, 3, 15) < 0)
        abort();
    o.today = today;
    for (int kind = NETRA_ID_AUTO; kind <= NETRA_ID_NIK; kind++) {
        o.expect = (netra_id_kind)kind;
        o.region_exists = NULL;
        o.min_age = NETRA_ID_DEFAULT_MIN_AGE;
        o.pppk_known_codes_only = 0;
        check_one(data, size, &o);
        o.region_exists = fake_region;
        o.min_age = 0;
        o.pppk_known_codes_only = 1;
        check_one(data, size, &o);
    }
    return 0;
}
