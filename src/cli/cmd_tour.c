/*
 * cmd_tour.c - `netra tour`: what `make run` shows. It runs the real subcommands on
 * examples from the 2024 elections, each introduced by the command line a user would type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "netra/common.h"

typedef struct step {
    const char *title_id; /* section title, Indonesian */
    const char *title_en; /* section title, English */
    cli_cmd_fn fn;        /* subcommand */
    const char *argv[12]; /* its arguments, argv[0] = subcommand name; "@/x" is x in the
                             data directory */
    int expect_fail;      /* the example is meant to be refused */
} step;

static const step steps[] = {
    {"20 bentuk pelanggaran netralitas ASN (SKB 5 K/L 2022)",
     "The 20 forms of ASN neutrality violation (2022 joint decree)",
     cmd_law,
     {"law", "forms", NULL},
     0},
    {"Satu bentuk, dengan dasar hukum dan pilihan sanksinya",
     "One form, with its legal basis and sanction options",
     cmd_law,
     {"law", "form", "D-6", "--date", "2024-10-01", NULL},
     0},
    {"Menyukai unggahan kampanye SEBELUM penetapan paslon Pilkada 2024 (22 Sep): kode etik",
     "Liking a campaign post BEFORE the Pilkada 2024 designation (22 Sep): ethics",
     cmd_law,
     {"law", "classify", "--act", "like", "--date", "2024-09-01", "--election", "pilkada-2024",
      NULL},
     0},
    {"Tindakan yang sama SESUDAH penetapan: disiplin berat",
     "The same act AFTER designation: a serious discipline breach",
     cmd_law,
     {"law", "classify", "--act", "like", "--date", "2024-10-01", "--election", "pilkada-2024",
      NULL},
     0},
    {"Tahapan Pemilu 2024 pada 12 Februari 2024",
     "Pemilu 2024 stage on 12 February 2024",
     cmd_stage,
     {"stage", "--election", "pemilu-2024", "--date", "2024-02-12", NULL},
     0},
    {"Tenggat 7 hari kerja dari 5 April 2024 (melewati Lebaran dan cuti bersama)",
     "A 7 working-day deadline from 5 April 2024 (across Lebaran and cuti bersama)",
     cmd_calendar,
     {"calendar", "add", "2024-04-05", "7", NULL},
     0},
    {"Mencari wilayah seperti orang menulisnya",
     "Finding a region the way people write it",
     cmd_region,
     {"region", "find", "kab bandung", "--limit", "3", NULL},
     0},
    {"Memeriksa NIP: setiap segmen diurai",
     "Checking a NIP: every segment decoded",
     cmd_id,
     {"id", "check", "198609262015051001", NULL},
     0},
    {"NIP yang salah: segmen dan alasannya",
     "A wrong NIP: the segment and the reason",
     cmd_id,
     {"id", "check", "198609262015131001", NULL},
     1},
    {"Detektor: sembilan contoh item media sosial, satu baris putusan per item (JSON tanpa "
     "--brief)",
     "The detector: nine example social-media items, one verdict line each (JSON without "
     "--brief)",
     cmd_scan,
     {"scan", "--brief", "--election", "@/elections/pilpres-2024.json", "--election",
      "@/elections/pilgub-jabar-2024.json", "--election", "@/elections/pilgub-dki-2024.json",
      "@/examples/items.jsonl", NULL},
     1},
    {"Perkara: 10 perkara DEMO di basis data sementara (alur Perbawaslu dan BKN)",
     "Cases: 10 DEMO cases in a temporary database (Perbawaslu and BKN workflow)",
     cmd_demo,
     {"demo", "seed", "--db", "@db", NULL},
     0},
    {"Perkara yang lewat tenggat pada 1 Desember 2024 (PPK tidak bertindak dalam 10 hari)",
     "Cases past a deadline on 1 December 2024 (the PPK did not act within 10 days)",
     cmd_case,
     {"case", "list", "--db", "@db", "--overdue", "--date", "2024-12-01", NULL},
     0},
    {"Satu perkara: terlapor, perbuatan dan bentuknya, tenggat dengan dasar hukum, riwayat",
     "One case: the accused, the act and its form, deadlines with their basis, history",
     cmd_case,
     {"case", "show", "5", "--db", "@db", "--date", "2024-12-01", NULL},
     0},
    {"Tindakan yang tidak sah pada status ini ditolak, dengan tindakan yang boleh",
     "An action the state does not allow is refused, naming the allowed ones",
     cmd_case,
     {"case", "act", "1", "jatuhkan_sanksi", "--version", "1", "--role", "ppk", "--db", "@db",
      NULL},
     1},
    {"Rantai audit: setiap perubahan tercatat dan terkait hash",
     "The audit chain: every change recorded and hash-linked",
     cmd_audit,
     {"audit", "verify", "--db", "@db", NULL},
     0},
    {"Indeks kerawanan per provinsi dari perkara-perkara itu (zona IKP 2024)",
     "The vulnerability index by province from those cases (IKP 2024 zones)",
     cmd_index,
     {"index", "compute", "--db", "@db", "--level", "province", "--top", "5", NULL},
     0},
    {"Daftar pencegahan Jawa Barat: isu, tahapan, instansi dan jabatan",
     "Prevention list for Jawa Barat: issues, stages, agencies and positions",
     cmd_index,
     {"index", "prevention", "32", "--db", "@db", NULL},
     0},
};

int cmd_tour(cli_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx,
                    "Penggunaan: netra tour\n\nMenjalankan perintah-perintah netra pada "
                    "contoh Pemilu dan Pilkada 2024.\n",
                    "Usage: netra tour\n\nRuns netra's commands on examples from the 2024 "
                    "elections.\n"),
              ctx->out);
        return CLI_EXIT_OK;
    }
    cli_ctx sub = *ctx;
    sub.json = 0;
    fprintf(ctx->out, "%s\n",
            cli_t(ctx,
                  "Netra — netralitas ASN dalam pemilu. Tur singkat (pakai --lang en untuk "
                  "bahasa Inggris).",
                  "Netra — ASN neutrality in elections. A short tour (--lang id for "
                  "Indonesian)."));
    /* The case steps share a temporary database, removed at the end. */
    char db[64];
    snprintf(db, sizeof db, "/tmp/netra-tour-XXXXXX");
    int fd = mkstemp(db);
    if (fd < 0) {
        cli_errorf(ctx, "tidak dapat membuat berkas sementara", "cannot create a temporary file");
        return CLI_EXIT_ENV;
    }
    close(fd);
    int worst = CLI_EXIT_OK;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        const step *s = &steps[i];
        char *args[12];
        char paths[12][512];
        int n = 0;
        fprintf(ctx->out, "\n== %zu. %s\n$ netra", i + 1, cli_t(ctx, s->title_id, s->title_en));
        for (; s->argv[n] != NULL; n++) {
            args[n] = (char *)(uintptr_t)s->argv[n];
            if (strcmp(s->argv[n], "@db") == 0) {
                args[n] = db;
                fputs(" demo.db", ctx->out);
                continue;
            }
            if (strncmp(s->argv[n], "@/", 2) == 0) {
                /* Shipped data: shown as data/..., run from the data directory. */
                snprintf(paths[n], sizeof paths[n], "%s/%s", netra_data_dir(), s->argv[n] + 2);
                args[n] = paths[n];
                fprintf(ctx->out, " data/%s", s->argv[n] + 2);
                continue;
            }
            fprintf(ctx->out, strchr(s->argv[n], ' ') ? " \"%s\"" : " %s", s->argv[n]);
        }
        args[n] = NULL;
        fputs("\n\n", ctx->out);
        fflush(ctx->out);
        int rc = s->fn(&sub, n, args);
        fflush(ctx->out);
        /* The wrong NIP, the broken item line and the illegal action are meant to be
         * refused. */
        if (rc != CLI_EXIT_OK &&
            !(s->expect_fail && (rc == CLI_EXIT_INVALID || rc == CLI_EXIT_REFUSED)))
            worst = rc;
    }
    char side[80];
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
    fprintf(ctx->out, "\n%s\n",
            cli_t(ctx, "Selengkapnya: netra --help, man netra, README.md.",
                  "More: netra --help, man netra, README.md."));
    return worst;
}
