/*
 * cmd_law.c - `netra law`: the forms of violation, their sanctions, the acts, and the
 * classification of an act as ethics (KE) or discipline (D) breach by its date.
 */
#include <string.h>

#include "cli.h"
#include "load.h"
#include "opts.h"
#include "netra/netra.h"

static const char *help_id =
    "Penggunaan: netra law PERINTAH [OPSI]\n"
    "\n"
    "Hukum sebagai data: 20 bentuk pelanggaran SKB 5 K/L 2022, sanksinya, dan aturan\n"
    "klasifikasi kode etik (KE) / disiplin (D) menurut tanggal penetapan calon.\n"
    "\n"
    "Perintah:\n"
    "  forms [--kind ke|d]          daftar bentuk pelanggaran\n"
    "  form ID [--date TGL] [--employee pns|cpns|pppk]\n"
    "                               satu bentuk dengan dasar hukum dan pilihan sanksinya\n"
    "  acts                         daftar tindakan dan aturan KE/D-nya\n"
    "  classify --act TINDAKAN --date TGL --election ID [--office JABATAN]\n"
    "           [--employee pns|cpns|pppk]\n"
    "                               bentuk pelanggaran, sanksi, dan alasannya\n"
    "  sanctions --level TINGKAT [--employee JENIS] [--date TGL]\n"
    "                               pilihan sanksi suatu tingkat\n"
    "  elections                    pemilu/pemilihan dan tanggal penetapan calonnya\n"
    "  agencies                     instansi pemeriksa setelah Bawaslu menurut tanggal\n"
    "  check                        memeriksa seluruh tabel data hukum\n"
    "\n"
    "Opsi:\n"
    "  --d8-level sedang|berat      tingkat D-8 (sumber berbeda; bawaan berat;\n"
    "                               juga lewat NETRA_D8_LEVEL)\n"
    "  --json                       keluaran JSON\n"
    "\n"
    "Contoh:\n"
    "  netra law form D-6\n"
    "  netra law classify --act like --date 2024-10-01 --election pilkada-2024\n";

static const char *help_en =
    "Usage: netra law COMMAND [OPTIONS]\n"
    "\n"
    "The law as data: the 20 forms of violation of the 2022 joint decree (SKB 5 K/L), their\n"
    "sanctions, and the rule that classifies an act as a code-of-ethics (KE) or discipline\n"
    "(D) breach by the candidates' designation date.\n"
    "\n"
    "Commands:\n"
    "  forms [--kind ke|d]          list the forms of violation\n"
    "  form ID [--date DATE] [--employee pns|cpns|pppk]\n"
    "                               one form with its legal basis and sanction options\n"
    "  acts                         the acts and their KE/D rule\n"
    "  classify --act ACT --date DATE --election ID [--office OFFICE]\n"
    "           [--employee pns|cpns|pppk]\n"
    "                               the form of violation, sanctions, and why\n"
    "  sanctions --level LEVEL [--employee TYPE] [--date DATE]\n"
    "                               the sanction options of a level\n"
    "  elections                    elections and their designation dates\n"
    "  agencies                     the examining agency after Bawaslu by date\n"
    "  check                        validate every law table\n"
    "\n"
    "Options:\n"
    "  --d8-level sedang|berat      level of D-8 (sources disagree; default berat;\n"
    "                               also NETRA_D8_LEVEL)\n"
    "  --json                       JSON output\n"
    "\n"
    "Examples:\n"
    "  netra law form D-6\n"
    "  netra law classify --act like --date 2024-10-01 --election pilkada-2024\n";

typedef struct law_args {
    const char *kind;     /* --kind */
    const char *act;      /* --act */
    const char *date;     /* --date */
    const char *election; /* --election */
    const char *office;   /* --office */
    const char *employee; /* --employee */
    const char *level;    /* --level */
    netra_level d8;       /* --d8-level */
    int n_pos;            /* positional arguments after the command */
    char **pos;           /* them */
} law_args;

/* --d8-level (cli_opts_parse hands it here). */
static int law_call(cli_ctx *ctx, const char *cmd, int key, char *arg, void *p)
{
    (void)cmd;
    (void)key;
    return cli_parse_d8(ctx, arg, &((law_args *)p)->d8);
}

static const cli_opt law_table[] = {
    CLI_TEXT(law_args, "kind", kind),     CLI_TEXT(law_args, "act", act),
    CLI_TEXT(law_args, "date", date),     CLI_TEXT(law_args, "election", election),
    CLI_TEXT(law_args, "office", office), CLI_TEXT(law_args, "employee", employee),
    CLI_TEXT(law_args, "level", level),   CLI_CALL("d8-level", '8'),
};

static int parse(cli_ctx *ctx, law_args *a, int argc, char **argv)
{
    static const cli_opts_spec spec =
        CLI_SPEC(law_table, law_call, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    memset(a, 0, sizeof *a);
    int first;
    int rc = cli_opts_parse_argv(ctx, "law", argc, argv, &spec, a, &first);
    if (rc != CLI_EXIT_OK)
        return rc;
    a->n_pos = argc - first;
    a->pos = argv + first;
    return CLI_EXIT_OK;
}

static const char *lbl(const cli_ctx *ctx, const char *id, const char *en)
{
    return cli_t(ctx, id, en);
}

static json_t *sanctions_json(const netra_sanction *const *s, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "level",
                                             netra_level_id(s[i]->level), "code", s[i]->code,
                                             "label_id", s[i]->label_id, "label_en", s[i]->label_en,
                                             "basis", s[i]->basis));
    return arr;
}

static json_t *form_json(const netra_law *law, const netra_form *f)
{
    json_t *acts = json_array();
    for (size_t i = 0; acts != NULL && i < f->n_acts; i++)
        json_array_append_new(acts, json_string(f->acts[i]));
    const netra_category *cat = netra_law_category(law, f->stat_category);
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:{s:s,s:s,s:s},s:s,s:s,s:s,s:s,s:s}", "id", f->id,
                     "kind", f->kind == NETRA_FORM_KODE_ETIK ? "kode_etik" : "disiplin", "object",
                     f->object == NETRA_OBJECT_BAKAL_CALON ? "bakal_calon"
                     : f->object == NETRA_OBJECT_CALON     ? "calon"
                                                           : "any",
                     "level", netra_level_id(f->level), "level_in_data",
                     netra_level_id(f->level_in_data), "acts", acts, "stat_category", "id", cat->id,
                     "label_id", cat->label_id, "label_en", cat->label_en, "label_id", f->label_id,
                     "label_en", f->label_en, "basis", f->basis, "sanction_basis",
                     f->sanction_basis, "note", f->note);
}

static int do_forms(cli_ctx *ctx, netra_law *law, const law_args *a)
{
    int want = 0;
    if (a->kind != NULL) {
        if (strcmp(a->kind, "ke") == 0 || strcmp(a->kind, "KE") == 0)
            want = NETRA_FORM_KODE_ETIK;
        else if (strcmp(a->kind, "d") == 0 || strcmp(a->kind, "D") == 0)
            want = NETRA_FORM_DISIPLIN;
        else
            return cli_usage(ctx, "law forms", "--kind adalah 'ke' atau 'd'",
                             "--kind is 'ke' or 'd'");
    }
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; arr != NULL && i < netra_law_n_forms(law); i++) {
            const netra_form *f = netra_law_form_at(law, i);
            if (want == 0 || (int)f->kind == want)
                json_array_append_new(arr, form_json(law, f));
        }
        return cli_print_json(ctx, json_pack("{s:o}", "forms", arr));
    }
    fprintf(ctx->out, "%-5s  %-14s  %-22s  %s\n", "ID", lbl(ctx, "TINGKAT", "LEVEL"),
            lbl(ctx, "KATEGORI", "CATEGORY"), lbl(ctx, "BENTUK PELANGGARAN", "FORM"));
    for (size_t i = 0; i < netra_law_n_forms(law); i++) {
        const netra_form *f = netra_law_form_at(law, i);
        if (want != 0 && (int)f->kind != want)
            continue;
        const char *label = cli_t(ctx, f->label_id, f->label_en);
        fprintf(ctx->out, "%-5s  %-14s  %-22s  %.90s%s\n", f->id,
                f->kind == NETRA_FORM_KODE_ETIK ? "moral" : netra_level_id(f->level),
                f->stat_category, label, strlen(label) > 90 ? "..." : "");
    }
    return CLI_EXIT_OK;
}

static int do_form(cli_ctx *ctx, netra_law *law, const law_args *a)
{
    if (a->n_pos != 1)
        return cli_usage(ctx, "law form", "berikan satu ID bentuk, mis. D-6",
                         "give one form id, e.g. D-6");
    const netra_form *f = netra_law_form(law, a->pos[0]);
    if (f == NULL) {
        cli_errorf(ctx, "bentuk pelanggaran '%s' tidak ada (KE-1..KE-7, D-1..D-13)",
                   "no form of violation '%s' (KE-1..KE-7, D-1..D-13)", a->pos[0]);
        return CLI_EXIT_NOTFOUND;
    }
    netra_date date = netra_date_today();
    if (a->date != NULL) {
        int rc = cli_parse_date(ctx, "--date", a->date, &date);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    const netra_sanction *s[16];
    size_t n;
    int err = netra_law_sanctions(s, 16, &n, law, f->level, a->employee, date);
    if (err < 0)
        return cli_fail(ctx, err, "--employee", "--employee");
    if (n > 16)
        n = 16;
    if (ctx->json) {
        json_t *j = form_json(law, f);
        json_object_set_new(j, "sanctions", sanctions_json(s, n));
        return cli_print_json(ctx, j);
    }
    const netra_level_info *li = netra_law_level(law, f->level);
    const netra_category *cat = netra_law_category(law, f->stat_category);
    fprintf(ctx->out, "%s  %s\n\n", f->id, cli_t(ctx, f->label_id, f->label_en));
    fprintf(ctx->out, "%-16s %s\n", lbl(ctx, "Jenis:", "Kind:"),
            f->kind == NETRA_FORM_KODE_ETIK ? lbl(ctx, "kode etik", "code of ethics")
                                            : lbl(ctx, "disiplin", "discipline"));
    fprintf(ctx->out, "%-16s %s\n", lbl(ctx, "Objek:", "Object:"),
            f->object == NETRA_OBJECT_BAKAL_CALON ? lbl(ctx, "bakal calon", "prospective candidate")
            : f->object == NETRA_OBJECT_CALON     ? lbl(ctx, "calon", "candidate")
                                                  : lbl(ctx, "kapan pun", "any time"));
    fprintf(ctx->out, "%-16s %s (%s)%s\n", lbl(ctx, "Tingkat sanksi:", "Sanction level:"), li->id,
            cli_t(ctx, li->label_id, li->label_en),
            f->level != f->level_in_data ? lbl(ctx, " [diubah konfigurasi]", " [configured]") : "");
    fprintf(ctx->out, "%-16s ", lbl(ctx, "Tindakan:", "Acts:"));
    for (size_t i = 0; i < f->n_acts; i++)
        fprintf(ctx->out, "%s%s", i ? ", " : "", f->acts[i]);
    fprintf(ctx->out, "\n%-16s %s\n", lbl(ctx, "Kategori:", "Category:"),
            cli_t(ctx, cat->label_id, cat->label_en));
    fprintf(ctx->out, "%-16s %s\n", lbl(ctx, "Dasar hukum:", "Legal basis:"), f->basis);
    fprintf(ctx->out, "%-16s %s\n", lbl(ctx, "Dasar sanksi:", "Sanction basis:"),
            f->sanction_basis);
    if (f->note[0] != '\0')
        fprintf(ctx->out, "%-16s %s\n", lbl(ctx, "Catatan:", "Note:"), f->note);
    char d[NETRA_DATE_STRLEN];
    fprintf(ctx->out, "\n%s (%s, %s):\n", lbl(ctx, "Pilihan sanksi", "Sanction options"),
            a->employee ? a->employee : "pns", netra_date_format(date, d));
    for (size_t i = 0; i < n; i++)
        fprintf(ctx->out, "  - %s  [%s]\n", cli_t(ctx, s[i]->label_id, s[i]->label_en),
                s[i]->basis);
    return CLI_EXIT_OK;
}

static int do_acts(cli_ctx *ctx, netra_law *law)
{
    if (ctx->json) {
        json_t *arr = json_array();
        for (size_t i = 0; arr != NULL && i < netra_law_n_acts(law); i++) {
            const netra_act *a = netra_law_act_at(law, i);
            json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "act", a->id,
                                                 "label_id", a->label_id, "label_en", a->label_en,
                                                 "before", a->before->id, "after", a->after->id,
                                                 "basis", a->rule_basis));
        }
        return cli_print_json(ctx, json_pack("{s:o}", "acts", arr));
    }
    fprintf(ctx->out, "%-16s %-7s %-7s %s\n", lbl(ctx, "TINDAKAN", "ACT"),
            lbl(ctx, "SEBELUM", "BEFORE"), lbl(ctx, "SESUDAH", "AFTER"),
            lbl(ctx, "KETERANGAN", "DESCRIPTION"));
    for (size_t i = 0; i < netra_law_n_acts(law); i++) {
        const netra_act *a = netra_law_act_at(law, i);
        fprintf(ctx->out, "%-16s %-7s %-7s %s\n", a->id, a->before->id, a->after->id,
                cli_t(ctx, a->label_id, a->label_en));
    }
    fprintf(ctx->out, "\n%s\n",
            lbl(ctx,
                "SEBELUM/SESUDAH: bentuk pelanggaran sebelum dan sejak tanggal penetapan "
                "calon.",
                "BEFORE/AFTER: the form before and from the candidates' designation date."));
    return CLI_EXIT_OK;
}

static int do_classify(cli_ctx *ctx, netra_law *law, const law_args *a)
{
    if (a->act == NULL || a->date == NULL || a->election == NULL)
        return cli_usage(ctx, "law classify", "--act, --date dan --election wajib",
                         "--act, --date and --election are required");
    netra_classify_input in = NETRA_CLASSIFY_INPUT_INIT;
    int rc = cli_parse_date(ctx, "--date", a->date, &in.date);
    if (rc != CLI_EXIT_OK)
        return rc;
    in.act = a->act;
    in.election = a->election;
    in.office = a->office;
    in.employee_type = a->employee;
    netra_classification c;
    int err = netra_law_classify(&c, law, &in);
    if (err < 0)
        return cli_fail(ctx, err, "klasifikasi gagal", "cannot classify");
    const netra_level_info *li = netra_law_level(law, c.level);
    if (ctx->json) {
        json_t *steps = json_array();
        for (size_t i = 0; steps != NULL && i < c.n_steps; i++)
            json_array_append_new(steps,
                                  json_pack("{s:s,s:s}", "id", c.steps_id[i], "en", c.steps_en[i]));
        char dd[NETRA_DATE_STRLEN];
        json_t *j = json_pack(
            "{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:s,s:s,s:o,s:o}", "act", c.act->id, "date", a->date,
            "election", c.election->id, "office", c.designation->office, "designation_date",
            netra_date_format(c.designation->date, dd), "employee_type", c.employee_type,
            "after_designation", c.after_designation, "form", form_json(law, c.form), "level",
            li->id, "stage", c.phase ? c.phase->id : "", "agency",
            c.agency ? json_string(c.agency->id) : json_null(), "sanctions",
            sanctions_json(c.sanctions, c.n_sanctions));
        json_object_set_new(j, "reasoning", steps);
        return cli_print_json(ctx, j);
    }
    fprintf(ctx->out, "%s %s: %s\n", lbl(ctx, "Bentuk", "Form"), c.form->id,
            cli_t(ctx, c.form->label_id, c.form->label_en));
    if (strcmp(li->kind, "moral") == 0)
        fprintf(ctx->out, "%s: %s\n", lbl(ctx, "Tingkat sanksi", "Sanction level"),
                lbl(ctx, "sanksi moral (tertutup atau terbuka)",
                    "moral sanction (closed or open statement)"));
    else
        fprintf(ctx->out, "%s: %s (%s)\n", lbl(ctx, "Tingkat sanksi", "Sanction level"), li->id,
                cli_t(ctx, li->label_id, li->label_en));
    fprintf(ctx->out, "%s:\n", lbl(ctx, "Pilihan sanksi", "Sanction options"));
    for (size_t i = 0; i < c.n_sanctions; i++)
        fprintf(ctx->out, "  - %s  [%s]\n",
                cli_t(ctx, c.sanctions[i]->label_id, c.sanctions[i]->label_en),
                c.sanctions[i]->basis);
    fprintf(ctx->out, "%s:\n", lbl(ctx, "Alasan", "Reasoning"));
    for (size_t i = 0; i < c.n_steps; i++)
        fprintf(ctx->out, "  %zu. %s\n", i + 1, cli_t(ctx, c.steps_id[i], c.steps_en[i]));
    return CLI_EXIT_OK;
}

static int do_sanctions(cli_ctx *ctx, netra_law *law, const law_args *a)
{
    netra_level lv = netra_level_from_id(a->level);
    if (lv == NETRA_LEVEL_NONE)
        return cli_usage(ctx, "law sanctions",
                         "--level wajib: moral_tertutup, moral_terbuka, ringan, sedang, "
                         "berat, ptdh, satgas",
                         "--level is required: moral_tertutup, moral_terbuka, ringan, sedang, "
                         "berat, ptdh, satgas");
    netra_date date = netra_date_today();
    if (a->date != NULL) {
        int rc = cli_parse_date(ctx, "--date", a->date, &date);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    const netra_sanction *s[32];
    size_t n;
    int err = netra_law_sanctions(s, 32, &n, law, lv, a->employee, date);
    if (err < 0)
        return cli_fail(ctx, err, "--employee", "--employee");
    if (n > 32)
        n = 32;
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:s,s:o}", "level", netra_level_id(lv), "sanctions",
                                             sanctions_json(s, n)));
    for (size_t i = 0; i < n; i++)
        fprintf(ctx->out, "%-22s %s  [%s]\n", s[i]->code,
                cli_t(ctx, s[i]->label_id, s[i]->label_en), s[i]->basis);
    return n ? CLI_EXIT_OK : CLI_EXIT_NOTFOUND;
}

static int do_elections(cli_ctx *ctx, netra_law *law)
{
    static const char *const offices[] = {"presiden", "dpr",      "dpd",    "dprd",
                                          "parpol",   "gubernur", "bupati", "walikota"};
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < netra_law_n_elections(law); i++) {
        const netra_election *e = netra_law_election_at(law, i);
        char v[NETRA_DATE_STRLEN], d[NETRA_DATE_STRLEN];
        netra_date_format(e->voting_date, v);
        json_t *des = ctx->json ? json_object() : NULL;
        if (!ctx->json)
            fprintf(ctx->out, "%s  %s\n  %s: %s; %s: %s\n", e->id,
                    cli_t(ctx, e->name_id, e->name_en), lbl(ctx, "pemungutan suara", "voting day"),
                    v, lbl(ctx, "dasar", "basis"), e->basis);
        for (size_t o = 0; o < 8; o++) {
            const netra_designation *ds = netra_law_designation(law, e, offices[o]);
            if (ds == NULL)
                continue;
            netra_date_format(ds->date, d);
            if (ctx->json)
                json_object_set_new(des, ds->office, json_string(d));
            else
                fprintf(ctx->out, "  %s %-9s %s%s\n", lbl(ctx, "penetapan", "designation"),
                        ds->office, d,
                        strcmp(ds->office, e->default_office) == 0
                            ? lbl(ctx, " (bawaan)", " (default)")
                            : "");
        }
        if (ctx->json)
            json_array_append_new(
                arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", e->id, "kind", e->kind,
                               "name_id", e->name_id, "voting_date", v, "default_office",
                               e->default_office, "basis", e->basis, "designations", des));
    }
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:o}", "elections", arr));
    return CLI_EXIT_OK;
}

static int do_agencies(cli_ctx *ctx, netra_law *law)
{
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < netra_law_n_agencies(law); i++) {
        const netra_agency *a = netra_law_agency_i(law, i);
        char f[NETRA_DATE_STRLEN] = "", t[NETRA_DATE_STRLEN] = "";
        if (a->has_from)
            netra_date_format(a->from, f);
        if (a->has_to)
            netra_date_format(a->to, t);
        if (ctx->json)
            json_array_append_new(arr, json_pack("{s:s,s:s?,s:s?,s:s,s:s}", "agency", a->id, "from",
                                                 a->has_from ? f : NULL, "to", a->has_to ? t : NULL,
                                                 "label_id", a->label_id, "basis", a->basis));
        else
            fprintf(ctx->out, "%-10s %-10s  %-6s %s\n  %s\n", f[0] ? f : "...",
                    t[0] ? t : lbl(ctx, "sekarang", "now"), a->id,
                    cli_t(ctx, a->label_id, a->label_en), a->basis);
    }
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:o}", "agencies", arr));
    return CLI_EXIT_OK;
}

static int do_check(cli_ctx *ctx, netra_law *law)
{
    size_t n_stages = 0;
    for (size_t i = 0; i < netra_law_n_elections(law); i++) {
        size_t n;
        netra_law_stages(&n, law, netra_law_election_at(law, i));
        n_stages += n;
    }
    if (ctx->json)
        return cli_print_json(ctx, json_pack("{s:b,s:I,s:I,s:I,s:I,s:s}", "valid", 1, "forms",
                                             (json_int_t)netra_law_n_forms(law), "acts",
                                             (json_int_t)netra_law_n_acts(law), "elections",
                                             (json_int_t)netra_law_n_elections(law), "stages",
                                             (json_int_t)n_stages, "dir", netra_data_dir()));
    fprintf(ctx->out,
            CLI_T(ctx,
                  "Data hukum sah: %zu bentuk, %zu tindakan, %zu pemilu, %zu tahapan (%s/law)\n",
                  "Law data valid: %zu forms, %zu acts, %zu elections, %zu stages (%s/law)\n"),
            netra_law_n_forms(law), netra_law_n_acts(law), netra_law_n_elections(law), n_stages,
            netra_data_dir());
    return CLI_EXIT_OK;
}

int cmd_law(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, help_id, help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    const char *sub = argv[1];
    law_args a;
    int rc = parse(ctx, &a, argc - 1, argv + 1);
    if (rc != CLI_EXIT_OK)
        return rc;
    static const char *const subs[] = {"forms",     "form",     "acts",  "classify", "sanctions",
                                       "elections", "agencies", "check", NULL};
    int known = 0;
    for (size_t i = 0; subs[i] != NULL; i++)
        known |= strcmp(sub, subs[i]) == 0;
    if (!known)
        return cli_usage(ctx, "law", "perintah tidak dikenal '%s'", "unknown command '%s'", sub);
    netra_law *law;
    rc = cli_load_law(ctx, &law, a.d8);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (strcmp(sub, "forms") == 0)
        rc = do_forms(ctx, law, &a);
    else if (strcmp(sub, "form") == 0)
        rc = do_form(ctx, law, &a);
    else if (strcmp(sub, "acts") == 0)
        rc = do_acts(ctx, law);
    else if (strcmp(sub, "classify") == 0)
        rc = do_classify(ctx, law, &a);
    else if (strcmp(sub, "sanctions") == 0)
        rc = do_sanctions(ctx, law, &a);
    else if (strcmp(sub, "elections") == 0)
        rc = do_elections(ctx, law);
    else if (strcmp(sub, "agencies") == 0)
        rc = do_agencies(ctx, law);
    else
        rc = do_check(ctx, law);
    netra_law_free(law);
    return rc;
}
