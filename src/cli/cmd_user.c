/*
 * cmd_user.c - `netra office add|edit|list|kinds`,
 * `netra user add|list|disable|enable|passwd [--reset]|edit`,
 * `netra token add|list|revoke`, and the demo accounts of `netra demo seed`: thin wrappers
 * over the access module (netra/auth.h) to bootstrap and manage accounts.
 *
 * Passwords are read from NETRA_PASSWORD or from the first line of standard input (echo off
 * on a terminal), never from the command line, where other users of the machine could see
 * them. Every change is written to the audit chain under --actor (default USER).
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"
#include "netra/netra.h"

typedef struct uopts {
    const char *db, *actor, *kind, *name, *region, *agency, *parent, *office, *version;
    int reset;
    char *pos[4];
    int n_pos;
} uopts;

typedef struct uenv {
    netra_workflow *wf;
    netra_calendar *cal;
    netra_store *st;
    netra_org *org;
    netra_regions *regs;
    netra_auth *au;
} uenv;

static void uenv_close(uenv *e)
{
    netra_auth_close(e->au);
    netra_store_close(e->st);
    netra_regions_free(e->regs);
    netra_org_free(e->org);
    netra_calendar_free(e->cal);
    netra_workflow_free(e->wf);
    memset(e, 0, sizeof *e);
}

/* What uenv_open loads besides the workflow and the office kinds. */
enum { UENV_STORE = 1, UENV_REGIONS = 2 };

/* Loads the workflow and the office kinds; with UENV_STORE also opens the store of --db
 * (NETRA_DB, ./netra.db), with UENV_REGIONS the regions (office add checks codes against
 * them). `office kinds` only reads data and opens no database. */
static int uenv_open(const cli_ctx *ctx, uenv *e, const char *db, int what)
{
    memset(e, 0, sizeof *e);
    int err;
    if ((err = netra_workflow_load(&e->wf, NULL)) < 0)
        return cli_fail(ctx, err, "gagal memuat alur kerja", "cannot load the workflow");
    if ((err = netra_org_load(&e->org, NULL, e->wf)) < 0) {
        uenv_close(e);
        return cli_fail(ctx, err, "gagal memuat jenis kantor", "cannot load the office kinds");
    }
    if ((err = netra_calendar_load(&e->cal, NULL)) < 0) {
        uenv_close(e);
        return cli_fail(ctx, err, "gagal memuat kalender", "cannot load the calendar");
    }
    if ((what & UENV_REGIONS) && (err = netra_regions_load(&e->regs, NULL)) < 0) {
        uenv_close(e);
        return cli_fail(ctx, err, "gagal memuat data wilayah", "cannot load the region data");
    }
    if (!(what & UENV_STORE))
        return CLI_EXIT_OK;
    if (db == NULL)
        db = getenv("NETRA_DB");
    if (db == NULL || *db == '\0')
        db = "netra.db";
    netra_store_config cfg = {e->wf, e->cal, NULL, NULL};
    if ((err = netra_store_open(&e->st, db, &cfg)) < 0 ||
        (err = netra_auth_open(&e->au, e->st, e->org, NULL)) < 0) {
        uenv_close(e);
        return cli_fail(ctx, err, "gagal membuka basis data", "cannot open the database");
    }
    return CLI_EXIT_OK;
}

static const cli_opt uopt_table[] = {
    CLI_TEXT(uopts, "db", db),           CLI_TEXT(uopts, "actor", actor),
    CLI_TEXT(uopts, "kind", kind),       CLI_TEXT(uopts, "name", name),
    CLI_TEXT(uopts, "region", region),   CLI_TEXT(uopts, "agency", agency),
    CLI_TEXT(uopts, "parent", parent),   CLI_TEXT(uopts, "office", office),
    CLI_TEXT(uopts, "version", version), CLI_FLAG(uopts, "reset", reset),
};

static int uparse(cli_ctx *ctx, const char *cmd, int argc, char **argv, uopts *o)
{
    static const cli_opts_spec spec =
        CLI_SPEC(uopt_table, NULL, "opsi tidak dikenal atau tanpa nilai: %s",
                 "unknown option or missing value: %s");
    memset(o, 0, sizeof *o);
    o->actor = getenv("USER") ? getenv("USER") : "netra";
    return cli_opts_parse(ctx, cmd, argc, argv, &spec, o, o->pos, &o->n_pos, 4);
}

static netra_actor admin_actor(const uopts *o)
{
    netra_actor a = {o->actor, "admin", netra_date_today()};
    return a;
}

/* An office given by number or by exact name. */
static int office_ref(const cli_ctx *ctx, uenv *e, const char *opt, const char *s, int64_t *out);

typedef struct name_find {
    const char *name;
    int64_t id;
} name_find;

static int match_name(const netra_office *o, void *payload)
{
    name_find *f = payload;
    if (strcmp(o->name, f->name) == 0) {
        f->id = o->id;
        return -1;
    }
    return 0;
}

static int office_ref(const cli_ctx *ctx, uenv *e, const char *opt, const char *s, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s != '\0' && *end == '\0' && v > 0) {
        *out = v;
        return CLI_EXIT_OK;
    }
    name_find f = {s, 0};
    int err = netra_office_list(e->au, match_name, &f);
    if (err < 0)
        return cli_fail(ctx, err, opt, opt);
    if (f.id == 0) {
        cli_errorf(ctx, "%s: tidak ada kantor bernomor atau bernama '%s'",
                   "%s: no office numbered or named '%s'", opt, s);
        return CLI_EXIT_NOTFOUND;
    }
    *out = f.id;
    return CLI_EXIT_OK;
}

/* ---- passwords ---------------------------------------------------------------------------- */

/* NETRA_PASSWORD, else the first line of standard input (echo off on a terminal). */
static int read_password(const cli_ctx *ctx, char *buf, size_t size)
{
    const char *env = getenv("NETRA_PASSWORD");
    if (env != NULL && *env != '\0') {
        if (strlen(env) >= size) {
            cli_errorf(ctx, "NETRA_PASSWORD lebih dari %d bita", "NETRA_PASSWORD is over %d bytes",
                       NETRA_PASSWORD_MAX);
            return CLI_EXIT_INVALID;
        }
        snprintf(buf, size, "%s", env);
        return CLI_EXIT_OK;
    }
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fputs(cli_t(ctx, "Kata sandi: ", "Password: "), ctx->err);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(buf, (int)size, stdin);
    if (tty) {
        (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', ctx->err);
    }
    if (got == NULL || buf[0] == '\0' || buf[0] == '\n') {
        cli_errorf(ctx,
                   "kata sandi kosong: berikan lewat NETRA_PASSWORD atau baris pertama stdin "
                   "(tidak pernah sebagai argumen)",
                   "empty password: give it in NETRA_PASSWORD or as the first line of stdin "
                   "(never as an argument)");
        return CLI_EXIT_USAGE;
    }
    size_t len = strlen(buf);
    if (buf[len - 1] != '\n' && !feof(stdin)) {
        cli_errorf(ctx, "kata sandi lebih dari %d bita", "password over %d bytes",
                   NETRA_PASSWORD_MAX);
        return CLI_EXIT_INVALID;
    }
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return CLI_EXIT_OK;
}

static void wipe(char *p, size_t n)
{
    volatile char *v = p;
    while (n--)
        *v++ = 0;
}

/* ---- netra office ------------------------------------------------------------------------- */

static const char *office_help_id =
    "Penggunaan: netra office PERINTAH [--db BERKAS] [--json] ...\n"
    "\n"
    "Kantor pengguna Netra. Jenis kantor (data/org/offices.tsv) menentukan peran alur kerja,\n"
    "tingkat wilayah dan kantor induknya; pengguna melihat perkara wilayah kantornya dan di\n"
    "bawahnya, PPK dan pengelola kepegawaian melihat perkara ASN instansinya.\n"
    "\n"
    "Perintah:\n"
    "  add --kind JENIS --name NAMA [--region KODE] [--agency INSTANSI] [--parent KANTOR]\n"
    "                    KANTOR induk: nomor atau nama persis\n"
    "  edit NOMOR [--name NAMA] [--region KODE] [--parent KANTOR|0] [--version N]\n"
    "                    ganti nama, wilayah atau induk (diperiksa seperti kantor baru;\n"
    "                    kantor di bawahnya harus tetap di wilayahnya); --version: tolak bila\n"
    "                    kantor telah berubah sejak versi itu dibaca\n"
    "  list              semua kantor\n"
    "  kinds             jenis kantor, peran dan dasar hukumnya\n"
    "\n"
    "Opsi: --db BERKAS (bawaan NETRA_DB atau ./netra.db), --actor NAMA (bawaan USER).\n"
    "Contoh: netra office add --kind bawaslu_provinsi --name 'Bawaslu Provinsi Jawa Barat'\n"
    "        --region 32 --parent 'Bawaslu RI'\n";

static const char *office_help_en =
    "Usage: netra office COMMAND [--db FILE] [--json] ...\n"
    "\n"
    "The offices of Netra's users. The kind of office (data/org/offices.tsv) sets the workflow\n"
    "role, the region level and the parent office; users see the cases of their office's\n"
    "region and below, PPK and agency HR the cases of their agency's civil servants.\n"
    "\n"
    "Commands:\n"
    "  add --kind KIND --name NAME [--region CODE] [--agency AGENCY] [--parent OFFICE]\n"
    "                    parent OFFICE: number or exact name\n"
    "  edit NUMBER [--name NAME] [--region CODE] [--parent OFFICE|0] [--version N]\n"
    "                    rename, or change the region or parent (checked like a new office;\n"
    "                    offices under it must stay in its region); --version: refuse when\n"
    "                    the office changed since that version was read\n"
    "  list              every office\n"
    "  kinds             the kinds of office, their roles and legal basis\n"
    "\n"
    "Options: --db FILE (default NETRA_DB or ./netra.db), --actor NAME (default USER).\n"
    "Example: netra office add --kind bawaslu_provinsi --name 'Bawaslu Provinsi Jawa Barat'\n"
    "         --region 32 --parent 'Bawaslu RI'\n";

typedef struct list_ctx {
    const cli_ctx *ctx;
    json_t *arr;
    size_t n;
} list_ctx;

static int print_office(const netra_office *o, void *payload)
{
    list_ctx *l = payload;
    if (l->arr != NULL) {
        json_array_append_new(l->arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:I}", "id",
                                                (json_int_t)o->id, "kind", o->kind, "name", o->name,
                                                "region", o->region, "agency", o->agency, "parent",
                                                (json_int_t)o->parent, "created", o->created,
                                                "version", (json_int_t)o->version));
    } else {
        fprintf(l->ctx->out, "%4lld  %-20s %-10s %s%s%s", (long long)o->id, o->kind,
                o->region[0] ? o->region : "nasional", o->name, o->agency[0] ? " | " : "",
                o->agency);
        if (o->parent > 0)
            fprintf(l->ctx->out, CLI_T(l->ctx, "  (induk %lld)", "  (parent %lld)"),
                    (long long)o->parent);
        fputc('\n', l->ctx->out);
    }
    l->n++;
    return 0;
}

static int office_kinds(cli_ctx *ctx, uenv *e)
{
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < netra_org_n_kinds(e->org); i++) {
        const netra_office_kind *k = netra_org_kind_at(e->org, i);
        const char *label = cli_t(ctx, k->label_id, k->label_en);
        const char *level = netra_office_level_name(k->level);
        if (arr != NULL)
            json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s?,s:b,s:b,s:s,s:s}", "kind",
                                                 k->id, "role", k->role, "level", level, "parent",
                                                 k->parent, "agency", k->agency, "cases", k->cases,
                                                 "label", label, "basis", k->basis));
        else
            fprintf(ctx->out, "%-20s %-18s %-10s %s\n%-20s %s: %s\n", k->id, k->role, level, label,
                    "", cli_t(ctx, "dasar", "basis"), k->basis);
    }
    return arr ? cli_print_json(ctx, json_pack("{s:o}", "kinds", arr)) : CLI_EXIT_OK;
}

/* --version N: the version the change expects, or -1 after a usage error. */
static int64_t version_arg(cli_ctx *ctx, const char *cmd, const char *v)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n <= 0) {
        cli_usage(ctx, cmd, "--version: '%s' bukan nomor versi", "--version: '%s' is not a version",
                  v);
        return -1;
    }
    return n;
}

static int office_edit(cli_ctx *ctx, const uopts *o)
{
    if (o->n_pos != 2)
        return cli_usage(ctx, "office", "edit memerlukan satu NOMOR kantor",
                         "edit needs one office NUMBER");
    if (o->name == NULL && o->region == NULL && o->parent == NULL)
        return cli_usage(ctx, "office", "edit memerlukan --name, --region atau --parent",
                         "edit needs --name, --region or --parent");
    char *end;
    long long id = strtoll(o->pos[1], &end, 10);
    if (*end != '\0' || id <= 0)
        return cli_usage(ctx, "office", "'%s' bukan nomor kantor", "'%s' is not an office number",
                         o->pos[1]);
    int64_t want = 0;
    if (o->version != NULL && (want = version_arg(ctx, "office", o->version)) < 0)
        return CLI_EXIT_USAGE;
    uenv e;
    int rc = uenv_open(ctx, &e, o->db, UENV_STORE | UENV_REGIONS);
    if (rc != CLI_EXIT_OK)
        return rc;
    netra_office_change c = {o->name, o->region, -1};
    if (o->parent != NULL && strcmp(o->parent, "0") == 0)
        c.parent = 0;
    else if (o->parent != NULL &&
             (rc = office_ref(ctx, &e, "--parent", o->parent, &c.parent)) != CLI_EXIT_OK) {
        uenv_close(&e);
        return rc;
    }
    netra_office cur;
    int err = netra_office_get(&cur, e.au, id);
    netra_actor a = admin_actor(o);
    if (err == 0)
        err = netra_office_update(e.au, e.regs, id, want ? want : cur.version, &c, &a, NULL);
    if (err == 0)
        err = netra_office_get(&cur, e.au, id);
    if (err < 0) {
        rc = cli_fail(ctx, err, "perubahan kantor ditolak", "office change refused");
    } else if (ctx->json) {
        list_ctx l = {ctx, json_array(), 0};
        print_office(&cur, &l);
        rc = cli_print_json(ctx, json_incref(json_array_get(l.arr, 0)));
        json_decref(l.arr);
    } else {
        fprintf(ctx->out,
                CLI_T(ctx, "Kantor %lld diubah: %s (%s), versi %lld\n",
                      "Office %lld changed: %s (%s), version %lld\n"),
                (long long)id, cur.name,
                cur.region[0] ? cur.region : cli_t(ctx, "nasional", "national"),
                (long long)cur.version);
    }
    uenv_close(&e);
    return rc;
}

int cmd_office(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, office_help_id, office_help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    uopts o;
    int rc = uparse(ctx, "office", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    const char *sub = o.n_pos > 0 ? o.pos[0] : "";
    if (strcmp(sub, "edit") == 0)
        return office_edit(ctx, &o);
    if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "kinds") != 0)
        return cli_usage(ctx, "office", "perintah '%s' tidak dikenal (add, edit, list, kinds)",
                         "unknown command '%s' (add, edit, list, kinds)", sub);
    if (o.n_pos != 1)
        return cli_usage(ctx, "office", "argumen berlebih", "unexpected arguments");
    if (strcmp(sub, "add") == 0 && (o.kind == NULL || o.name == NULL))
        return cli_usage(ctx, "office", "add memerlukan --kind dan --name",
                         "add needs --kind and --name");
    uenv e;
    if ((rc = uenv_open(ctx, &e, o.db,
                        strcmp(sub, "kinds") == 0 ? 0
                        : strcmp(sub, "add") == 0 ? UENV_STORE | UENV_REGIONS
                                                  : UENV_STORE)) != CLI_EXIT_OK)
        return rc;
    int err = 0;
    if (strcmp(sub, "kinds") == 0) {
        rc = office_kinds(ctx, &e);
    } else if (strcmp(sub, "list") == 0) {
        list_ctx l = {ctx, ctx->json ? json_array() : NULL, 0};
        if ((err = netra_office_list(e.au, print_office, &l)) < 0) {
            json_decref(l.arr);
            rc = cli_fail(ctx, err, "daftar kantor", "office list");
        } else if (l.arr != NULL) {
            rc = cli_print_json(ctx,
                                json_pack("{s:I,s:o}", "count", (json_int_t)l.n, "offices", l.arr));
        } else if (l.n == 0) {
            fputs(cli_t(ctx, "Belum ada kantor.\n", "No offices yet.\n"), ctx->out);
        }
    } else {
        int64_t parent = 0, id;
        if (o.parent != NULL &&
            (rc = office_ref(ctx, &e, "--parent", o.parent, &parent)) != CLI_EXIT_OK) {
            uenv_close(&e);
            return rc;
        }
        netra_office_new n = {o.kind, o.name, o.region, o.agency, parent, NULL};
        netra_actor a = admin_actor(&o);
        if ((err = netra_office_add(&id, e.au, e.regs, &n, &a)) < 0) {
            rc = cli_fail(ctx, err, "kantor ditolak", "office refused");
        } else {
            netra_office got;
            (void)netra_office_get(&got, e.au, id);
            if (ctx->json)
                rc = cli_print_json(ctx,
                                    json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "kind",
                                              got.kind, "name", got.name, "region", got.region));
            else
                fprintf(ctx->out,
                        CLI_T(ctx, "Kantor %lld dibuat: %s (%s, %s)\n",
                              "Office %lld created: %s (%s, %s)\n"),
                        (long long)id, got.name, got.kind,
                        got.region[0] ? got.region : cli_t(ctx, "nasional", "national"));
        }
    }
    uenv_close(&e);
    return rc;
}

/* ---- netra user --------------------------------------------------------------------------- */

static const char *user_help_id =
    "Penggunaan: netra user PERINTAH [--db BERKAS] [--json] ...\n"
    "\n"
    "Akun pengguna. Kata sandi dibaca dari NETRA_PASSWORD atau baris pertama stdin, tidak\n"
    "pernah dari argumen; minimal 10 karakter, maksimal 256 bita, tidak sama dengan login.\n"
    "Disimpan sebagai hash Argon2id (64 MiB, 3 putaran).\n"
    "\n"
    "Perintah:\n"
    "  add LOGIN --name NAMA --office KANTOR   KANTOR: nomor atau nama persis\n"
    "  list                 semua pengguna, kantor dan login terakhir\n"
    "  disable LOGIN        menonaktifkan (sesi berakhir, token ditolak)\n"
    "  enable LOGIN         mengaktifkan kembali\n"
    "  passwd LOGIN         kata sandi baru (semua sesi berakhir)\n"
    "  passwd LOGIN --reset kata sandi sekali pakai (ditampilkan sekali, berlaku 72 jam) yang\n"
    "                       wajib diganti saat masuk; semua sesi berakhir\n"
    "  edit LOGIN [--name NAMA] [--office KANTOR] [--version N]\n"
    "                       ganti nama tampilan atau kantor (dan dengan itu peran dan wilayah;\n"
    "                       sesinya berakhir)\n"
    "\n"
    "Opsi: --db BERKAS (bawaan NETRA_DB atau ./netra.db), --actor NAMA (bawaan USER).\n"
    "Contoh: NETRA_PASSWORD=... netra user add analis.jabar --name 'Analis Jabar' --office 3\n";

static const char *user_help_en =
    "Usage: netra user COMMAND [--db FILE] [--json] ...\n"
    "\n"
    "User accounts. Passwords are read from NETRA_PASSWORD or the first line of stdin, never\n"
    "from arguments; at least 10 characters, at most 256 bytes, not the login. Stored as an\n"
    "Argon2id hash (64 MiB, 3 passes).\n"
    "\n"
    "Commands:\n"
    "  add LOGIN --name NAME --office OFFICE   OFFICE: number or exact name\n"
    "  list                 every user, office and last login\n"
    "  disable LOGIN        disable (sessions end, tokens refused)\n"
    "  enable LOGIN         enable again\n"
    "  passwd LOGIN         a new password (every session ends)\n"
    "  passwd LOGIN --reset a one-time password (shown once, valid 72 hours) that must be\n"
    "                       changed at the next login; every session ends\n"
    "  edit LOGIN [--name NAME] [--office OFFICE] [--version N]\n"
    "                       change the display name or the office (and so the role and the\n"
    "                       region; its sessions end)\n"
    "\n"
    "Options: --db FILE (default NETRA_DB or ./netra.db), --actor NAME (default USER).\n"
    "Example: NETRA_PASSWORD=... netra user add analis.jabar --name 'Analis Jabar' --office 3\n";

typedef struct user_list {
    const cli_ctx *ctx;
    netra_auth *au;
    json_t *arr;
    size_t n;
} user_list;

static int print_user(const netra_user *u, void *payload)
{
    user_list *l = payload;
    netra_office o;
    memset(&o, 0, sizeof o);
    (void)netra_office_get(&o, l->au, u->office);
    netra_principal p;
    int has_p = netra_auth_principal(&p, l->au, u->login) == NETRA_OK;
    if (l->arr != NULL) {
        json_array_append_new(
            l->arr,
            json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:b,s:b,s:s,s:s,s:I}", "id", (json_int_t)u->id,
                      "login", u->login, "display_name", u->display_name, "office",
                      (json_int_t)u->office, "office_name", o.name, "role", has_p ? p.role : "",
                      "region", o.region, "disabled", u->disabled, "must_change_password",
                      u->must_change_password, "created", u->created, "last_login", u->last_login,
                      "version", (json_int_t)u->version));
    } else {
        fprintf(l->ctx->out, "%-22s %-18s %-10s %s | %s%s\n", u->login, has_p ? p.role : "-",
                o.region[0] ? o.region : "nasional", u->display_name, o.name,
                u->disabled ? cli_t(l->ctx, "  [NONAKTIF]", "  [DISABLED]") : "");
    }
    l->n++;
    return 0;
}

int cmd_user(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, user_help_id, user_help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    uopts o;
    int rc = uparse(ctx, "user", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    const char *sub = o.n_pos > 0 ? o.pos[0] : "";
    static const char *const subs[] = {"add", "list", "disable", "enable", "passwd", "edit", NULL};
    size_t s = 0;
    while (subs[s] != NULL && strcmp(subs[s], sub) != 0)
        s++;
    if (subs[s] == NULL)
        return cli_usage(ctx, "user",
                         "perintah '%s' tidak dikenal (add, list, disable, enable, "
                         "passwd, edit)",
                         "unknown command '%s' (add, list, disable, enable, passwd, edit)", sub);
    int wants_login = strcmp(sub, "list") != 0;
    if (o.n_pos != 1 + wants_login)
        return cli_usage(ctx, "user",
                         wants_login ? "'%s' memerlukan satu LOGIN" : "'%s' tanpa argumen",
                         wants_login ? "'%s' needs one LOGIN" : "'%s' takes no argument", sub);
    if (strcmp(sub, "add") == 0 && (o.name == NULL || o.office == NULL))
        return cli_usage(ctx, "user", "add memerlukan --name dan --office",
                         "add needs --name and --office");
    if (strcmp(sub, "edit") == 0 && o.name == NULL && o.office == NULL)
        return cli_usage(ctx, "user", "edit memerlukan --name atau --office",
                         "edit needs --name or --office");
    if (o.reset && strcmp(sub, "passwd") != 0)
        return cli_usage(ctx, "user", "--reset hanya untuk passwd", "--reset is for passwd only");
    int64_t want = 0;
    if (o.version != NULL && (want = version_arg(ctx, "user", o.version)) < 0)
        return CLI_EXIT_USAGE;
    const char *login = wants_login ? o.pos[1] : NULL;
    char pw[NETRA_PASSWORD_MAX + 2];
    pw[0] = '\0';
    if ((strcmp(sub, "add") == 0 || (strcmp(sub, "passwd") == 0 && !o.reset)) &&
        (rc = read_password(ctx, pw, sizeof pw)) != CLI_EXIT_OK)
        return rc;
    uenv e;
    if ((rc = uenv_open(ctx, &e, o.db, UENV_STORE)) != CLI_EXIT_OK) {
        wipe(pw, sizeof pw);
        return rc;
    }
    netra_actor a = admin_actor(&o);
    int err = 0;
    if (strcmp(sub, "list") == 0) {
        user_list l = {ctx, e.au, ctx->json ? json_array() : NULL, 0};
        if ((err = netra_user_list(e.au, print_user, &l)) < 0) {
            json_decref(l.arr);
            rc = cli_fail(ctx, err, "daftar pengguna", "user list");
        } else if (l.arr != NULL) {
            rc = cli_print_json(ctx,
                                json_pack("{s:I,s:o}", "count", (json_int_t)l.n, "users", l.arr));
        } else if (l.n == 0) {
            fputs(cli_t(ctx, "Belum ada pengguna.\n", "No users yet.\n"), ctx->out);
        }
    } else if (strcmp(sub, "add") == 0) {
        int64_t office = 0, id;
        if ((rc = office_ref(ctx, &e, "--office", o.office, &office)) == CLI_EXIT_OK) {
            netra_user_new u = {login, o.name, office, pw, NULL};
            if ((err = netra_user_add(&id, e.au, &u, &a)) < 0)
                rc = cli_fail(ctx, err, "pengguna ditolak", "user refused");
            else if (ctx->json)
                rc = cli_print_json(ctx, json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "login",
                                                   login, "office", (json_int_t)office));
            else
                fprintf(ctx->out,
                        CLI_T(ctx, "Pengguna %s dibuat (kantor %lld).\n",
                              "User %s created (office %lld).\n"),
                        login, (long long)office);
        }
    } else if (strcmp(sub, "passwd") == 0 && o.reset) {
        char otp[NETRA_TEMP_PASSWORD_STRLEN];
        netra_user u;
        if ((err = netra_user_reset_password(otp, e.au, login, &a, NULL)) < 0 ||
            (err = netra_user_get(&u, e.au, login)) < 0) {
            rc = cli_fail(ctx, err, "reset kata sandi ditolak", "password reset refused");
        } else if (ctx->json) {
            rc = cli_print_json(ctx, json_pack("{s:s,s:s,s:I}", "login", login, "one_time_password",
                                               otp, "expires", (json_int_t)u.password_expires));
        } else {
            fprintf(ctx->out,
                    CLI_T(ctx,
                          "Kata sandi sekali pakai %s: %s\n(ditampilkan sekali saja; berlaku 72 "
                          "jam; wajib diganti saat masuk; semua sesinya berakhir)\n",
                          "One-time password of %s: %s\n(shown once only; valid 72 hours; must "
                          "be changed at the login; all its sessions ended)\n"),
                    login, otp);
        }
        wipe(otp, sizeof otp);
    } else if (strcmp(sub, "edit") == 0) {
        netra_user u;
        netra_user_change c = {o.name, 0, -1};
        if ((err = netra_user_get(&u, e.au, login)) < 0) {
            rc = cli_fail(ctx, err, "pengguna", "user");
        } else if (o.office == NULL ||
                   (rc = office_ref(ctx, &e, "--office", o.office, &c.office)) == CLI_EXIT_OK) {
            if ((err = netra_user_update(e.au, u.id, want ? want : u.version, &c, &a, NULL)) < 0 ||
                (err = netra_user_get(&u, e.au, login)) < 0) {
                rc = cli_fail(ctx, err, "perubahan pengguna ditolak", "user change refused");
            } else if (ctx->json) {
                user_list l = {ctx, e.au, json_array(), 0};
                print_user(&u, &l);
                rc = cli_print_json(ctx, json_incref(json_array_get(l.arr, 0)));
                json_decref(l.arr);
            } else {
                fprintf(ctx->out,
                        CLI_T(ctx, "Pengguna %s diubah (kantor %lld, versi %lld).\n",
                              "User %s changed (office %lld, version %lld).\n"),
                        login, (long long)u.office, (long long)u.version);
            }
        }
    } else if (strcmp(sub, "passwd") == 0) {
        if ((err = netra_user_set_password(e.au, login, pw, &a)) < 0)
            rc = cli_fail(ctx, err, "kata sandi ditolak", "password refused");
        else
            fprintf(ctx->out,
                    CLI_T(ctx, "Kata sandi %s diganti; semua sesinya berakhir.\n",
                          "Password of %s changed; all its sessions ended.\n"),
                    login);
    } else {
        int off = strcmp(sub, "disable") == 0;
        if ((err = netra_user_set_disabled(e.au, login, off, &a)) < 0)
            rc = cli_fail(ctx, err, "pengguna", "user");
        else
            fprintf(ctx->out,
                    off ? CLI_T(ctx, "Pengguna %s dinonaktifkan; sesinya berakhir.\n",
                                "User %s disabled; its sessions ended.\n")
                        : CLI_T(ctx, "Pengguna %s diaktifkan.\n", "User %s enabled.\n"),
                    login);
    }
    wipe(pw, sizeof pw);
    uenv_close(&e);
    return rc;
}

/* ---- netra token -------------------------------------------------------------------------- */

static const char *token_help_id =
    "Penggunaan: netra token PERINTAH [--db BERKAS] [--json] ...\n"
    "\n"
    "Token API untuk mesin (pemindai, integrasi). Token bertindak sebagai penggunanya, dengan\n"
    "peran dan wilayah kantornya. Rahasia ditampilkan sekali; yang disimpan hanya hash-nya.\n"
    "\n"
    "Perintah:\n"
    "  add LOGIN --name NAMA   token baru untuk LOGIN\n"
    "  list [LOGIN]            token (tanpa rahasia), dibuat, terakhir dipakai, dicabut\n"
    "  revoke ID               mencabut token\n"
    "\n"
    "Opsi: --db BERKAS (bawaan NETRA_DB atau ./netra.db), --actor NAMA (bawaan USER).\n";

static const char *token_help_en =
    "Usage: netra token COMMAND [--db FILE] [--json] ...\n"
    "\n"
    "API tokens for machines (scanners, integrations). A token acts as its user, with its\n"
    "office's role and region. The secret is shown once; only its hash is stored.\n"
    "\n"
    "Commands:\n"
    "  add LOGIN --name NAME   a new token for LOGIN\n"
    "  list [LOGIN]            tokens (without secrets), created, last used, revoked\n"
    "  revoke ID               revoke a token\n"
    "\n"
    "Options: --db FILE (default NETRA_DB or ./netra.db), --actor NAME (default USER).\n";

static int print_token(const netra_api_token *t, void *payload)
{
    list_ctx *l = payload;
    if (l->arr != NULL)
        json_array_append_new(l->arr,
                              json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)t->id,
                                        "login", t->login, "name", t->name, "created", t->created,
                                        "last_used", t->last_used, "revoked", t->revoked));
    else
        fprintf(l->ctx->out, "%4lld  %-22s %-24s %s%s%s\n", (long long)t->id, t->login, t->name,
                t->created, t->revoked[0] ? cli_t(l->ctx, "  DICABUT ", "  REVOKED ") : "",
                t->revoked);
    l->n++;
    return 0;
}

int cmd_token(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(cli_t(ctx, token_help_id, token_help_en), argc < 2 ? ctx->err : ctx->out);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    uopts o;
    int rc = uparse(ctx, "token", argc, argv, &o);
    if (rc != CLI_EXIT_OK)
        return rc;
    const char *sub = o.n_pos > 0 ? o.pos[0] : "";
    int add = strcmp(sub, "add") == 0, list = strcmp(sub, "list") == 0,
        revoke = strcmp(sub, "revoke") == 0;
    if (!add && !list && !revoke)
        return cli_usage(ctx, "token", "perintah '%s' tidak dikenal (add, list, revoke)",
                         "unknown command '%s' (add, list, revoke)", sub);
    if ((add || revoke) && o.n_pos != 2)
        return cli_usage(ctx, "token", "'%s' memerlukan satu argumen", "'%s' needs one argument",
                         sub);
    if (list && o.n_pos > 2)
        return cli_usage(ctx, "token", "argumen berlebih", "unexpected arguments");
    if (add && o.name == NULL)
        return cli_usage(ctx, "token", "add memerlukan --name", "add needs --name");
    int64_t rid = 0;
    if (revoke) {
        char *end;
        long long v = strtoll(o.pos[1], &end, 10);
        if (*end != '\0' || v <= 0)
            return cli_usage(ctx, "token", "'%s' bukan nomor token", "'%s' is not a token number",
                             o.pos[1]);
        rid = v;
    }
    uenv e;
    if ((rc = uenv_open(ctx, &e, o.db, UENV_STORE)) != CLI_EXIT_OK)
        return rc;
    netra_actor a = admin_actor(&o);
    int err;
    if (add) {
        char secret[NETRA_TOKEN_STRLEN];
        int64_t id;
        if ((err = netra_token_add(&id, secret, e.au, o.pos[1], o.name, &a)) < 0) {
            rc = cli_fail(ctx, err, "token ditolak", "token refused");
        } else {
            if (ctx->json)
                rc = cli_print_json(ctx,
                                    json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "login",
                                              o.pos[1], "name", o.name, "token", secret));
            else
                fprintf(ctx->out, "%s\n", secret);
            fprintf(ctx->err,
                    CLI_T(ctx,
                          "Token %lld untuk %s dibuat. Simpan sekarang: rahasia ini tidak "
                          "ditampilkan lagi.\n",
                          "Token %lld for %s created. Keep it now: the secret is not shown "
                          "again.\n"),
                    (long long)id, o.pos[1]);
            wipe(secret, sizeof secret);
        }
    } else if (revoke) {
        if ((err = netra_token_revoke(e.au, rid, &a)) < 0)
            rc = cli_fail(ctx, err, "token", "token");
        else
            fprintf(ctx->out, CLI_T(ctx, "Token %lld dicabut.\n", "Token %lld revoked.\n"),
                    (long long)rid);
    } else {
        list_ctx l = {ctx, ctx->json ? json_array() : NULL, 0};
        if ((err = netra_token_list(e.au, o.n_pos == 2 ? o.pos[1] : NULL, print_token, &l)) < 0) {
            json_decref(l.arr);
            rc = cli_fail(ctx, err, "daftar token", "token list");
        } else if (l.arr != NULL) {
            rc = cli_print_json(ctx,
                                json_pack("{s:I,s:o}", "count", (json_int_t)l.n, "tokens", l.arr));
        }
    }
    uenv_close(&e);
    return rc;
}

/* ---- demo accounts ------------------------------------------------------------------------ */

typedef struct demo_office {
    const char *kind, *login, *name, *region, *agency, *parent, *person;
} demo_office;

/* One office and one user per kind, parents first, around the demo cases of Kota Bandung,
 * then the regional administrators. */
static const demo_office demo_offices[] = {
    {"bawaslu_ri", "demo.ri", "DEMO Bawaslu RI", NULL, NULL, NULL, "DEMO Staf Bawaslu RI"},
    {"bawaslu_provinsi", "demo.jabar", "DEMO Bawaslu Provinsi Jawa Barat", "32", NULL,
     "DEMO Bawaslu RI", "DEMO Staf Bawaslu Jabar"},
    {"bawaslu_kabkota", "demo.bandung", "DEMO Bawaslu Kota Bandung", "32.73", NULL,
     "DEMO Bawaslu Provinsi Jawa Barat", "DEMO Staf Bawaslu Kota Bandung"},
    {"panwaslu_kecamatan", "demo.coblong", "DEMO Panwaslu Kecamatan Coblong", "32.73.02", NULL,
     "DEMO Bawaslu Kota Bandung", "DEMO Panwascam Coblong"},
    {"satgas_netralitas", "demo.satgas", "DEMO Satgas Netralitas ASN", NULL, NULL, NULL,
     "DEMO Anggota Satgas"},
    {"bkn", "demo.bkn", "DEMO BKN Pemeriksa Netralitas", NULL, NULL, NULL, "DEMO Pemeriksa BKN"},
    {"ppk", "demo.ppk", "DEMO PPK Pemkot Bandung", "32.73", "Pemkot Bandung", NULL,
     "DEMO Wali Kota Bandung (PPK)"},
    {"sdm_instansi", "demo.sdm", "DEMO BKPSDM Kota Bandung", "32.73", "Pemkot Bandung",
     "DEMO PPK Pemkot Bandung", "DEMO Staf BKPSDM"},
    {"analis", "demo.analis", "DEMO Tim Analis Netra", NULL, NULL, NULL, "DEMO Analis"},
    {"admin", "demo.admin", "DEMO Administrator Netra", NULL, NULL, NULL, "DEMO Administrator"},
    /* Regional administrators (decision 0017): the accounts of the offices in their region. */
    {"admin", "demo.adm.jabar", "DEMO Administrator Akun Bawaslu Provinsi Jawa Barat", "32", NULL,
     NULL, "DEMO Admin Jabar"},
    {"admin", "demo.adm.bdg", "DEMO Administrator Akun Bawaslu Kota Bandung", "32.73", NULL, NULL,
     "DEMO Admin Kota Bandung"},
};

int cli_demo_accounts(cli_ctx *ctx, netra_store *st, const netra_workflow *wf)
{
    netra_org *org = NULL;
    netra_regions *regs = NULL;
    netra_auth *au = NULL;
    int err;
    if ((err = netra_org_load(&org, NULL, wf)) < 0 || (err = netra_regions_load(&regs, NULL)) < 0 ||
        (err = netra_auth_open(&au, st, org, NULL)) < 0) {
        netra_regions_free(regs);
        netra_org_free(org);
        return cli_fail(ctx, err, "akun demo", "demo accounts");
    }
    netra_user existing;
    if (netra_user_get(&existing, au, demo_offices[0].login) == NETRA_OK) {
        fputs(cli_t(ctx, "Akun DEMO sudah ada; tidak dibuat lagi.\n",
                    "DEMO accounts exist already; not created again.\n"),
              ctx->out);
        netra_auth_close(au);
        netra_regions_free(regs);
        netra_org_free(org);
        return CLI_EXIT_OK;
    }
    netra_error_clear();
    netra_actor a = {"demo", "admin", netra_date_today()};
    int64_t ids[sizeof demo_offices / sizeof *demo_offices] = {0};
    fputs(cli_t(ctx,
                "Akun DEMO (satu per jenis kantor, dan administrator akun Jawa Barat dan Kota\n"
                "Bandung; kata sandi acak, simpan sekarang):\n",
                "DEMO accounts (one per kind of office, and the account administrators of Jawa\n"
                "Barat and Kota Bandung; random passwords, keep them now):\n"),
          ctx->out);
    for (size_t i = 0; err == 0 && i < sizeof demo_offices / sizeof *demo_offices; i++) {
        const demo_office *d = &demo_offices[i];
        int64_t parent = 0;
        for (size_t j = 0; d->parent != NULL && j < i; j++)
            if (strcmp(demo_offices[j].name, d->parent) == 0)
                parent = ids[j];
        netra_office_new o = {d->kind, d->name, d->region, d->agency, parent, NULL};
        if ((err = netra_office_add(&ids[i], au, regs, &o, &a)) < 0)
            break;
        /* "demo-" and 16 random hex digits: different in every demo database. */
        char hex[65], pw[32];
        if ((err = netra_key_generate(hex)) < 0)
            break;
        snprintf(pw, sizeof pw, "demo-%.16s", hex);
        netra_user_new u = {d->login, d->person, ids[i], pw, NULL};
        if ((err = netra_user_add(NULL, au, &u, &a)) < 0)
            break;
        netra_principal p;
        if ((err = netra_auth_principal(&p, au, d->login)) < 0)
            break;
        fprintf(ctx->out, "  %-14s %-22s %-18s %-9s %s\n", d->login, pw, p.role,
                p.region[0] ? p.region : "nasional", d->name);
    }
    netra_auth_close(au);
    netra_regions_free(regs);
    netra_org_free(org);
    if (err < 0)
        return cli_fail(ctx, err, "akun demo", "demo accounts");
    return CLI_EXIT_OK;
}
