/*
 * cmd_stage.c - `netra stage`: the stage (tahapan) of an election at a date, or all its
 * stages.
 */
#include <string.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra stage --election ID (--date TGL | --list) [--json]\n"
    "\n"
    "Tahapan pemilu/pemilihan pada suatu tanggal (fase dan kegiatan yang berjalan), dengan\n"
    "dasar hukum (PKPU 3/2022, PKPU 2/2024), tanggal penetapan calon, dan instansi pemeriksa.\n"
    "--list menampilkan semua tahapan.\n"
    "\n"
    "Contoh:\n"
    "  netra stage --election pemilu-2024 --date 2024-02-12\n"
    "  netra stage --election pilkada-2024 --list\n";

static const char *help_en =
    "Usage: netra stage --election ID (--date DATE | --list) [--json]\n"
    "\n"
    "The stage of an election at a date (the phase and the events running), with its legal\n"
    "basis (PKPU 3/2022, PKPU 2/2024), the designation date and the examining agency.\n"
    "--list shows every stage.\n"
    "\n"
    "Examples:\n"
    "  netra stage --election pemilu-2024 --date 2024-02-12\n"
    "  netra stage --election pilkada-2024 --list\n";

static json_t *stage_json(const netra_stage *s)
{
    char a[NETRA_DATE_STRLEN], b[NETRA_DATE_STRLEN];
    if (s->has_start)
        netra_date_format(s->start, a);
    netra_date_format(s->end, b);
    return json_pack("{s:s,s:s,s:s?,s:s,s:s,s:s,s:s,s:s}", "id", s->id, "kind",
                     s->is_phase ? "phase" : "event", "start", s->has_start ? a : NULL, "end", b,
                     "label_id", s->label_id, "label_en", s->label_en, "basis", s->basis, "source",
                     s->source);
}

static void print_stage(cli_ctx *ctx, const netra_stage *s)
{
    char a[NETRA_DATE_STRLEN] = "...", b[NETRA_DATE_STRLEN];
    if (s->has_start)
        netra_date_format(s->start, a);
    netra_date_format(s->end, b);
    fprintf(ctx->out, "  %-10s %-10s  %-26s %s\n", a, b, s->id,
            cli_t(ctx, s->label_id, s->label_en));
}

typedef struct stage_opts {
    const char *election, *date;
    int list;
} stage_opts;

static const cli_opt stage_table[] = {
    CLI_TEXT(stage_opts, "election", election),
    CLI_TEXT(stage_opts, "date", date),
    CLI_FLAG(stage_opts, "list", list),
};

int cmd_stage(cli_ctx *ctx, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(stage_table, NULL, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    if (cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), ctx->out);
        return CLI_EXIT_OK;
    }
    stage_opts o = {NULL, NULL, 0};
    int first;
    int rc = cli_opts_parse_argv(ctx, "stage", argc, argv, &spec, &o, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (first < argc)
        return cli_usage(ctx, "stage", "argumen berlebih: %s", "unexpected argument: %s",
                         argv[first]);
    const char *election = o.election, *date_s = o.date;
    int list = o.list;
    if (election == NULL || (date_s == NULL && !list))
        return cli_usage(ctx, "stage", "--election dan --date (atau --list) wajib",
                         "--election and --date (or --list) are required");
    netra_date date = 0;
    if (date_s != NULL) {
        rc = cli_parse_date(ctx, "--date", date_s, &date);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    netra_law *law;
    rc = cli_load_law(ctx, &law, NETRA_LEVEL_NONE);
    if (rc != CLI_EXIT_OK)
        return rc;
    const netra_election *el = netra_law_election(law, election);
    if (el == NULL) {
        cli_errorf(ctx, "pemilu/pemilihan '%s' tidak dikenal (lihat 'netra law elections')",
                   "unknown election '%s' (see 'netra law elections')", election);
        netra_law_free(law);
        return CLI_EXIT_NOTFOUND;
    }
    if (list) {
        size_t n;
        const netra_stage *st = netra_law_stages(&n, law, el);
        if (ctx->json) {
            json_t *arr = json_array();
            for (size_t i = 0; arr != NULL && i < n; i++)
                json_array_append_new(arr, stage_json(&st[i]));
            rc = cli_print_json(ctx, json_pack("{s:s,s:o}", "election", el->id, "stages", arr));
        } else {
            fprintf(ctx->out, "%s\n%s:\n", cli_t(ctx, el->name_id, el->name_en),
                    cli_t(ctx, "Fase", "Phases"));
            for (size_t i = 0; i < n; i++)
                if (st[i].is_phase)
                    print_stage(ctx, &st[i]);
            fprintf(ctx->out, "%s:\n", cli_t(ctx, "Kegiatan", "Events"));
            for (size_t i = 0; i < n; i++)
                if (!st[i].is_phase)
                    print_stage(ctx, &st[i]);
            fprintf(ctx->out, "%s: %s\n", cli_t(ctx, "Dasar", "Basis"), el->basis);
        }
        netra_law_free(law);
        return rc;
    }
    const netra_stage *phase, *events[32];
    size_t n_events;
    netra_law_stage_at(&phase, events, 32, &n_events, law, el, date);
    if (n_events > 32)
        n_events = 32;
    const netra_designation *des = netra_law_designation(law, el, NULL);
    const netra_agency *ag = netra_law_agency_at(law, date);
    char d[NETRA_DATE_STRLEN], dd[NETRA_DATE_STRLEN];
    netra_date_format(date, d);
    netra_date_format(des->date, dd);
    if (ctx->json) {
        json_t *ev = json_array();
        for (size_t i = 0; ev != NULL && i < n_events; i++)
            json_array_append_new(ev, stage_json(events[i]));
        rc = cli_print_json(
            ctx, json_pack("{s:s,s:s,s:o,s:o,s:{s:s,s:s,s:b},s:o}", "election", el->id, "date", d,
                           "phase", phase ? stage_json(phase) : json_null(), "events", ev,
                           "designation", "office", des->office, "date", dd, "after",
                           date >= des->date, "agency", ag ? json_string(ag->id) : json_null()));
        netra_law_free(law);
        return rc;
    }
    fprintf(ctx->out, "%s, %s\n", cli_t(ctx, el->name_id, el->name_en), d);
    if (phase != NULL) {
        fprintf(ctx->out, "%s: %s (%s)\n", cli_t(ctx, "Fase", "Phase"), phase->id,
                cli_t(ctx, phase->label_id, phase->label_en));
        fprintf(ctx->out, "  %s: %s\n", cli_t(ctx, "dasar", "basis"), phase->basis);
    } else {
        fprintf(ctx->out, "%s\n",
                cli_t(ctx, "Fase: sesudah tahapan terakhir", "Phase: after the last stage"));
    }
    if (n_events > 0) {
        fprintf(ctx->out, "%s:\n", cli_t(ctx, "Kegiatan berjalan", "Events running"));
        for (size_t i = 0; i < n_events; i++)
            print_stage(ctx, events[i]);
    }
    fprintf(ctx->out, "%s (%s): %s — %s\n",
            cli_t(ctx, "Penetapan calon", "Designation of candidates"), des->office, dd,
            date >= des->date
                ? cli_t(ctx, "sudah ada calon: tindakan ASN = pelanggaran disiplin (D)",
                        "candidates exist: an ASN's act is a discipline breach (D)")
                : cli_t(ctx, "baru bakal calon: tindakan ASN = pelanggaran kode etik (KE)",
                        "only prospective candidates: an ASN's act is an ethics breach (KE)"));
    if (ag != NULL)
        fprintf(ctx->out, "%s: %s\n",
                cli_t(ctx, "Instansi pemeriksa setelah Bawaslu", "Examining agency after Bawaslu"),
                cli_t(ctx, ag->label_id, ag->label_en));
    netra_law_free(law);
    return CLI_EXIT_OK;
}
