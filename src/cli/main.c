/*
 * main.c - the `netra` command: global options, language choice and dispatch to the
 * subcommands (src/cli/cmd_*.c). See netra(1) and docs/cli.md.
 *
 * Global options are accepted anywhere on the line and removed before the subcommand sees
 * its arguments: --lang id|en, --json, --data-dir DIR.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "netra/netra.h"

typedef struct command {
    const char *name;   /* subcommand */
    cli_cmd_fn fn;      /* handler */
    const char *sum_id; /* one-line summary, Indonesian */
    const char *sum_en; /* one-line summary, English */
} command;

static const command commands[] = {
    {"law", cmd_law, "bentuk pelanggaran, sanksi, dan aturan klasifikasi KE/D",
     "forms of violation, sanctions, and the KE/D classification rule"},
    {"stage", cmd_stage, "tahapan pemilu/pemilihan pada suatu tanggal",
     "the election stage at a date"},
    {"calendar", cmd_calendar, "hari kerja, hari libur, dan tenggat hari kerja",
     "working days, holidays, and working-day deadlines"},
    {"region", cmd_region, "kode dan nama wilayah (provinsi, kab/kota, kecamatan)",
     "region codes and names (province, regency/city, district)"},
    {"id", cmd_id, "memeriksa NIP, NI PPPK, dan NIK", "check NIP, NI PPPK and NIK numbers"},
    {"election", cmd_election, "berkas pemilihan: peserta, alias, tagar, slogan; impor DCT",
     "election files: contestants, aliases, hashtags, slogans; DCT import"},
    {"text", cmd_text, "menormalkan teks informal dan tersamar menjadi token",
     "normalise informal and disguised text into tokens"},
    {"scan", cmd_scan, "memindai item media sosial: dukungan ASN kepada peserta",
     "scan social-media items for civil servants supporting contestants"},
    {"train", cmd_train, "melatih model detektor dari item berlabel",
     "train the detector's model from labelled items"},
    {"eval", cmd_eval, "menilai detektor pada item berlabel (presisi, recall, F1)",
     "evaluate the detector on labelled items (precision, recall, F1)"},
    {"case", cmd_case,
     "perkara: baru, daftar, lihat, tindakan, duplikat, gabung, bukti (alur kerja, tenggat)",
     "cases: new, list, show, act, duplicates, merge, attach (workflow and legal deadlines)"},
    {"asn", cmd_asn, "seorang ASN terlapor di semua perkara dan pemilihan (riwayat berulang)",
     "one accused civil servant across cases and elections (repeat history)"},
    {"audit", cmd_audit, "memeriksa rantai audit basis data perkara",
     "verify the case database's audit chain"},
    {"export", cmd_export, "mengekspor perkara (CSV/JSON) dengan kepala rantai audit",
     "export cases (CSV/JSON) with the audit-chain head"},
    {"import", cmd_import, "mengimpor laporan dari CSV (diperiksa dulu, --partial)",
     "import reports from a CSV (checked first, --partial)"},
    {"report", cmd_report, "laporan masyarakat tanpa akun: resi, status, balasan, bukti",
     "public reports without an account: receipt, status, replies, evidence"},
    {"queue", cmd_queue, "antrean tinjauan putusan detektor: klaim, konfirmasi, tolak",
     "review queue of detector verdicts: claim, confirm, dismiss"},
    {"transparency", cmd_transparency, "jumlah perkara untuk publik, sel kecil disembunyikan",
     "public case counts with small cells suppressed"},
    {"stats", cmd_stats, "statistik nasional perkara: sebaran, corong, lama per status",
     "national case statistics: shares, funnel, time per state"},
    {"index", cmd_index, "indeks kerawanan per wilayah, isu dan tahapan; IKP; pencegahan",
     "vulnerability index by region, issue and stage; published IKP; prevention"},
    {"office", cmd_office, "kantor pengguna: tambah, daftar, jenis kantor (data/org)",
     "users' offices: add, list, kinds of office (data/org)"},
    {"user", cmd_user, "akun pengguna: tambah, daftar, nonaktifkan, ganti kata sandi",
     "user accounts: add, list, disable, change password"},
    {"token", cmd_token, "token API untuk mesin: buat, daftar, cabut",
     "API tokens for machines: add, list, revoke"},
    {"demo", cmd_demo, "mengisi basis data dengan perkara contoh berlabel DEMO",
     "fill a database with demo cases labelled DEMO"},
    {"tour", cmd_tour, "tur singkat kemampuan netra", "a short tour of what netra does"},
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage(const cli_ctx *ctx, FILE *f)
{
    fprintf(f, "%s\n\n",
            cli_t(ctx, "Penggunaan: netra [--lang id|en] [--json] [--data-dir DIR] PERINTAH ...",
                  "Usage: netra [--lang id|en] [--json] [--data-dir DIR] COMMAND ..."));
    fprintf(f, "%s\n", cli_t(ctx, "Perintah:", "Commands:"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name,
                cli_t(ctx, commands[i].sum_id, commands[i].sum_en));
    fprintf(f, "\n%s\n",
            cli_t(ctx,
                  "Opsi umum:\n"
                  "  --lang id|en     bahasa pesan (bawaan: id; LANG=en* memilih Inggris)\n"
                  "  --json           keluaran JSON untuk tabel\n"
                  "  --data-dir DIR   direktori data hukum dan kalender (bawaan: NETRA_DATA_DIR)\n"
                  "  --version        versi\n\n"
                  "Kode keluar: 0 berhasil, 1 galat internal, 2 penggunaan salah, 3 masukan atau\n"
                  "data tidak sah, 4 tidak ditemukan, 5 galat berkas/lingkungan/basis data,\n"
                  "6 ditolak alur kerja, peran, atau perubahan bersamaan.\n"
                  "'netra PERINTAH --help' menjelaskan tiap perintah; lihat juga netra(1).",
                  "Common options:\n"
                  "  --lang id|en     message language (default: id; LANG=en* selects English)\n"
                  "  --json           JSON output for tables\n"
                  "  --data-dir DIR   law and calendar data directory (default: NETRA_DATA_DIR)\n"
                  "  --version        version\n\n"
                  "Exit codes: 0 success, 1 internal error, 2 usage error, 3 invalid input or\n"
                  "data, 4 not found, 5 file/environment/database error, 6 refused by the\n"
                  "workflow, a role or a concurrent change.\n"
                  "'netra COMMAND --help' explains each command; see also netra(1)."));
}

static cli_lang lang_from_env(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            return strncmp(v, "en", 2) == 0 ? CLI_LANG_EN : CLI_LANG_ID;
    }
    return CLI_LANG_ID;
}

int main(int argc, char **argv)
{
    cli_ctx ctx = {"netra", lang_from_env(), 0, stdout, stderr};
    const char *data_dir = NULL;
    int n = 1;
    /* Strip the global options wherever they are; keep everything after "--". */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < argc)
                argv[n++] = argv[i++];
            break;
        }
        if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : "");
            if (strcmp(v, "id") == 0)
                ctx.lang = CLI_LANG_ID;
            else if (strcmp(v, "en") == 0)
                ctx.lang = CLI_LANG_EN;
            else {
                cli_errorf(&ctx, "--lang menerima 'id' atau 'en', bukan '%s'",
                           "--lang takes 'id' or 'en', not '%s'", v);
                return CLI_EXIT_USAGE;
            }
        } else if (strcmp(a, "--json") == 0) {
            ctx.json = 1;
        } else if (strcmp(a, "--data-dir") == 0 || strncmp(a, "--data-dir=", 11) == 0) {
            data_dir = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            if (data_dir == NULL) {
                cli_errorf(&ctx, "--data-dir memerlukan direktori", "--data-dir needs a directory");
                return CLI_EXIT_USAGE;
            }
        } else {
            argv[n++] = argv[i];
        }
    }
    argc = n;
    argv[argc] = NULL;
    if (data_dir != NULL && netra_data_dir_set(data_dir) < 0)
        return cli_fail(&ctx, NETRA_ETOOBIG, "--data-dir", "--data-dir");

    if (argc < 2) {
        usage(&ctx, stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(&ctx, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("netra %s\n", NETRA_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(&ctx, argc - 1, argv + 1);
    cli_errorf(&ctx, "perintah tidak dikenal '%s'; lihat 'netra --help'",
               "unknown command '%s'; see 'netra --help'", argv[1]);
    return CLI_EXIT_USAGE;
}
