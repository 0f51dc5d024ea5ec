/*
 * writer.c - the crash test's worker (tests/crash/crash.sh), on the public store API.
 *
 *   crash_writer write DB ACKS   opens the SQLite store and writes until killed: a new case
 *                                (tetapkan_temuan), then an act on it, over and over. After
 *                                each call returns NETRA_OK it appends one line to ACKS
 *                                ("c ID" or "a CASE ACT") with a single write(2), so ACKS
 *                                lists exactly the writes the store acknowledged.
 *   crash_writer check DB ACKS   opens the store (recovering it), checks that every
 *                                acknowledged case and act is there and that the audit chain
 *                                verifies; prints the counts. Exit 0 when intact, 1 not.
 *
 * Needs NETRA_DATA_DIR (the workflow and calendar), as under ctest.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netra/netra.h"

typedef struct find_act {
    int64_t id;
    int found;
} find_act;

static int on_act(const netra_case_act_row *a, void *payload)
{
    find_act *f = payload;
    if (a->id == f->id)
        f->found = 1;
    return 0;
}

static int ack(int fd, const char *line)
{
    size_t len = strlen(line);
    ssize_t w = write(fd, line, len);
    return w == (ssize_t)len ? 0 : -1;
}

static int do_write(netra_store *st, const char *acks)
{
    int fd = open(acks, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) {
        perror(acks);
        return 1;
    }
    netra_date today;
    (void)netra_date_from_ymd(&today, 2024, 10, 3);
    netra_actor a = {"crash", "bawaslu_kabkota", today};
    netra_case_field f[] = {
        {"terlapor", "ASN"},      {"waktu_kejadian", "2024-10-01"},    {"tempat_kejadian", "32.73"},
        {"uraian", "crash test"}, {"tanggal_ditemukan", "2024-10-02"}, {NULL, NULL}};
    netra_case_new c = {"tetapkan_temuan", "pilkada", "pilkada-2024", "32.73", "crash test", 0};
    /* Bounded, though the driver always kills it first. */
    for (int i = 0; i < 1000000; i++) {
        int64_t id, act;
        char line[80];
        int err = netra_store_case_new(&id, st, &c, f, &a);
        if (err < 0) {
            fprintf(stderr, "case_new: %s\n", netra_error_last()->msg);
            close(fd);
            return 1;
        }
        snprintf(line, sizeof line, "c %" PRId64 "\n", id);
        if (ack(fd, line) < 0)
            break;
        netra_case_act ca = {"like", today - 2,      "32.73", "facebook", "https://x.example/1",
                             "",     "pilkada-2024", NULL,    NULL};
        if ((err = netra_store_case_add_act(&act, st, id, &ca, &a)) < 0) {
            fprintf(stderr, "add_act: %s\n", netra_error_last()->msg);
            close(fd);
            return 1;
        }
        snprintf(line, sizeof line, "a %" PRId64 " %" PRId64 "\n", id, act);
        if (ack(fd, line) < 0)
            break;
    }
    close(fd);
    return 0;
}

static int do_check(netra_store *st, const char *acks)
{
    FILE *in = fopen(acks, "r");
    if (in == NULL && errno != ENOENT) {
        perror(acks);
        return 1;
    }
    long cases = 0, acts = 0, missing = 0;
    char line[128];
    while (in != NULL && fgets(line, sizeof line, in) != NULL) {
        if (strchr(line, '\n') == NULL)
            break; /* a line cut by the kill was never acknowledged */
        char *end;
        int64_t id = strtoll(line + 2, &end, 10);
        netra_case cs;
        if (line[0] == 'c') {
            cases++;
            if (netra_store_case_get(&cs, st, id) < 0) {
                fprintf(stderr, "acknowledged case %" PRId64 " is missing\n", id);
                missing++;
            }
        } else if (line[0] == 'a') {
            acts++;
            find_act fa = {strtoll(end, NULL, 10), 0};
            if (netra_store_case_acts(st, id, on_act, &fa) < 0 || !fa.found) {
                fprintf(stderr, "acknowledged act %" PRId64 " of case %" PRId64 " is missing\n",
                        fa.id, id);
                missing++;
            }
        }
    }
    if (in != NULL)
        fclose(in);
    int64_t entries = 0, bad = 0;
    int err = netra_store_audit_verify(&entries, &bad, st);
    if (err < 0)
        fprintf(stderr, "audit chain: %s\n", netra_error_last()->msg);
    printf("acknowledged: %ld cases, %ld acts; missing %ld; audit entries %" PRId64 "\n", cases,
           acts, missing, entries);
    return missing == 0 && err == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "write") != 0 && strcmp(argv[1], "check") != 0)) {
        fprintf(stderr, "usage: crash_writer write|check DB ACKS\n");
        return 2;
    }
    netra_workflow *wf = NULL;
    netra_calendar *cal = NULL;
    netra_store *st = NULL;
    int rc = 1;
    if (netra_workflow_load(&wf, NULL) < 0 || netra_calendar_load(&cal, NULL) < 0) {
        fprintf(stderr, "data: %s\n", netra_error_last()->msg);
        goto out;
    }
    netra_store_config cfg = {wf, cal, NULL, NULL};
    if (netra_store_open(&st, argv[2], &cfg) < 0) {
        fprintf(stderr, "open: %s\n", netra_error_last()->msg);
        goto out;
    }
    rc = strcmp(argv[1], "write") == 0 ? do_write(st, argv[3]) : do_check(st, argv[3]);
out:
    netra_store_close(st);
    netra_calendar_free(cal);
    netra_workflow_free(wf);
    return rc;
}
