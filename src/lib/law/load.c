/*
 * load.c - reads and validates the law tables of data/law/ (format: docs/data/formats.md,
 * meaning and sources: docs/law/README.md).
 *
 * Validation is deliberately strict: an unknown id, a missing legal basis, a form that
 * points at an unknown act, overlapping phases or a gap between them all stop the load
 * with file:line:field. Law that is silently half-loaded would classify acts wrongly.
 */
#include <stdlib.h>
#include <string.h>

#include "law/law_int.h"

#define LAW_MAX_ROWS 10000

static const char *const level_ids[NETRA_LEVEL_COUNT] = {
    "", "moral_tertutup", "moral_terbuka", "ringan", "sedang", "berat", "ptdh", "satgas"};

static const char *const phase_ids[NETRA_PHASE_COUNT] = {"",
                                                         "pra_tahapan",
                                                         "pencalonan",
                                                         "pasca_penetapan",
                                                         "kampanye",
                                                         "masa_tenang",
                                                         "pemungutan",
                                                         "penghitungan_rekap",
                                                         "pasca_pemilihan"};

static const char *const offices[] = {"presiden", "dpr",    "dpd",      "dprd", "parpol",
                                      "gubernur", "bupati", "walikota", NULL};

netra_level netra_level_from_id(const char *id)
{
    if (id == NULL)
        return NETRA_LEVEL_NONE;
    for (int i = 1; i < NETRA_LEVEL_COUNT; i++)
        if (strcmp(id, level_ids[i]) == 0)
            return (netra_level)i;
    return NETRA_LEVEL_NONE;
}

const char *netra_level_id(netra_level level)
{
    if ((int)level < 0 || (int)level >= NETRA_LEVEL_COUNT)
        return "";
    return level_ids[level];
}

const char *netra_phase_id(netra_phase phase)
{
    if ((int)phase < 0 || (int)phase >= NETRA_PHASE_COUNT)
        return "";
    return phase_ids[phase];
}

static netra_phase phase_from(const char *s, size_t len)
{
    for (int i = 1; i < NETRA_PHASE_COUNT; i++)
        if (nt_str_eq(s, len, phase_ids[i]))
            return (netra_phase)i;
    return NETRA_PHASE_NONE;
}

static int is_office(const char *s)
{
    for (size_t i = 0; offices[i] != NULL; i++)
        if (strcmp(s, offices[i]) == 0)
            return 1;
    return 0;
}

/* ---- shared helpers ----------------------------------------------------------------------*/

typedef struct table {
    nt_table tab;   /* the open file */
    netra_law *law; /* the tables being filled */
} table;

static int table_open(table *tb, netra_law *law, const char *name, const char *const *cols)
{
    tb->law = law;
    return nt_table_open(&tb->tab, law->dir, name, cols, LAW_MAX_ROWS);
}

static void table_close(table *tb)
{
    nt_table_close(&tb->tab);
}

static int table_next(table *tb)
{
    return nt_table_next(&tb->tab);
}

static int str(const char **out, table *tb, const char *col, int optional)
{
    return nt_tsv_get_str(out, &tb->tab.t, col, &tb->law->arena, optional);
}

/* An identifier: lowercase ASCII letters, digits, '_' and '-'. */
static int ident(const char **out, table *tb, const char *col)
{
    size_t len;
    const char *s = nt_tsv_get(&tb->tab.t, col, &len);
    if (len == 0)
        return nt_tsv_error(&tb->tab.t, col, "empty; an identifier is required");
    if (len > 64)
        return nt_tsv_error(&tb->tab.t, col, "identifier longer than 64 bytes");
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              (c >= 'A' && c <= 'Z')))
            return nt_tsv_error(&tb->tab.t, col, "'%.*s' has character '%c' at byte %zu", (int)len,
                                s, c, i + 1);
    }
    return str(out, tb, col, 0);
}

static const netra_category *find_category(const netra_law *law, const char *id)
{
    for (size_t i = 0; i < law->categories.n; i++) {
        const netra_category *c = nt_vec_at(&law->categories, i);
        if (strcmp(c->id, id) == 0)
            return c;
    }
    return NULL;
}

static netra_act *find_act(const netra_law *law, const char *id, size_t len)
{
    for (size_t i = 0; i < law->acts.n; i++) {
        netra_act *a = nt_vec_at(&law->acts, i);
        if (nt_str_eq(id, len, a->id))
            return a;
    }
    return NULL;
}

static const netra_form *find_form_exact(const netra_law *law, const char *id)
{
    for (size_t i = 0; i < law->forms.n; i++) {
        const netra_form *f = nt_vec_at(&law->forms, i);
        if (strcmp(f->id, id) == 0)
            return f;
    }
    return NULL;
}

static const netra_election *find_election(const netra_law *law, const char *id)
{
    for (size_t i = 0; i < law->elections.n; i++) {
        const netra_election *e = nt_vec_at(&law->elections, i);
        if (strcmp(e->id, id) == 0)
            return e;
    }
    return NULL;
}

static int push(nt_vec *v, const void *rec)
{
    return nt_vec_push(v, rec) ? NETRA_OK : netra_error_last()->code;
}

/* ---- levels.tsv --------------------------------------------------------------------------*/

static int load_levels(netra_law *law)
{
    static const char *const cols[] = {"level",    "kind",  "rank", "label_id",
                                       "label_en", "basis", NULL};
    table tb;
    int err = table_open(&tb, law, "levels.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        const char *id;
        if ((err = ident(&id, &tb, "level")) < 0)
            break;
        netra_level lv = netra_level_from_id(id);
        if (lv == NETRA_LEVEL_NONE) {
            err = nt_tsv_error(&tb.tab.t, "level", "unknown level '%s'", id);
            break;
        }
        netra_level_info *li = &law->levels[lv];
        if (li->id != NULL) {
            err = nt_tsv_error(&tb.tab.t, "level", "'%s' is listed twice", id);
            break;
        }
        long rank;
        if ((err = str(&li->kind, &tb, "kind", 0)) < 0 ||
            (err = nt_tsv_get_long(&rank, &tb.tab.t, "rank", 0, 100)) < 0 ||
            (err = str(&li->label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&li->label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&li->basis, &tb, "basis", 0)) < 0)
            break;
        static const char *const kinds[] = {"moral", "disiplin", "ptdh", "satgas", NULL};
        int ok = 0;
        for (size_t k = 0; kinds[k] != NULL; k++)
            ok |= strcmp(li->kind, kinds[k]) == 0;
        if (!ok) {
            err = nt_tsv_error(&tb.tab.t, "kind", "'%s' is not moral, disiplin, ptdh or satgas",
                               li->kind);
            break;
        }
        li->level = lv;
        li->id = level_ids[lv];
        li->rank = (int)rank;
    }
    if (err == 0) {
        for (int i = 1; i < NETRA_LEVEL_COUNT; i++) {
            if (law->levels[i].id == NULL) {
                err = nt_tsv_error(&tb.tab.t, "level", "level '%s' is missing from the file",
                                   level_ids[i]);
                break;
            }
        }
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- categories.tsv, acts.tsv ------------------------------------------------------------*/

static int load_categories(netra_law *law)
{
    static const char *const cols[] = {"id", "label_id", "label_en", "source", NULL};
    table tb;
    int err = table_open(&tb, law, "categories.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_category c;
        if ((err = ident(&c.id, &tb, "id")) < 0 ||
            (err = str(&c.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&c.label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&c.source, &tb, "source", 0)) < 0)
            break;
        if (find_category(law, c.id) != NULL) {
            err = nt_tsv_error(&tb.tab.t, "id", "'%s' is listed twice", c.id);
            break;
        }
        if ((err = push(&law->categories, &c)) < 0)
            break;
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int load_acts(netra_law *law)
{
    static const char *const cols[] = {"act", "label_id", "label_en", NULL};
    table tb;
    int err = table_open(&tb, law, "acts.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_act a;
        memset(&a, 0, sizeof a);
        if ((err = ident(&a.id, &tb, "act")) < 0 ||
            (err = str(&a.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&a.label_en, &tb, "label_en", 0)) < 0)
            break;
        if (find_act(law, a.id, strlen(a.id)) != NULL) {
            err = nt_tsv_error(&tb.tab.t, "act", "'%s' is listed twice", a.id);
            break;
        }
        unsigned line = tb.tab.t.rec.line;
        if ((err = push(&law->acts, &a)) < 0 || (err = push(&law->act_lines, &line)) < 0)
            break;
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- forms.tsv ---------------------------------------------------------------------------*/

typedef struct acts_ctx {
    table *tb;         /* for errors */
    const char **list; /* output array in the arena */
    size_t n;          /* entries filled */
    size_t cap;        /* capacity */
} acts_ctx;

static int add_act(const char *part, size_t len, void *payload)
{
    acts_ctx *c = payload;
    netra_act *a = find_act(c->tb->law, part, len);
    if (a == NULL)
        return nt_tsv_error(&c->tb->tab.t, "acts", "'%.*s' is not an act of acts.tsv",
                            (int)(len > 64 ? 64 : len), part);
    for (size_t i = 0; i < c->n; i++)
        if (c->list[i] == a->id)
            return nt_tsv_error(&c->tb->tab.t, "acts", "'%s' is listed twice", a->id);
    c->list[c->n++] = a->id;
    return NETRA_OK;
}

static int parse_form_id(table *tb, const char *id, netra_form_kind kind)
{
    const char *prefix = kind == NETRA_FORM_KODE_ETIK ? "KE-" : "D-";
    size_t pl = strlen(prefix);
    long num;
    if (strncmp(id, prefix, pl) != 0 || nt_parse_long(&num, id + pl, strlen(id + pl), 1, 99) < 0)
        return nt_tsv_error(&tb->tab.t, "id", "'%s' is not of the form %sN for kind %s", id, prefix,
                            kind == NETRA_FORM_KODE_ETIK ? "kode_etik" : "disiplin");
    return NETRA_OK;
}

static int load_forms(netra_law *law)
{
    static const char *const cols[] = {"id",    "kind",           "object",   "level",
                                       "acts",  "stat_category",  "label_id", "label_en",
                                       "basis", "sanction_basis", "note",     NULL};
    table tb;
    int err = table_open(&tb, law, "forms.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_form f;
        memset(&f, 0, sizeof f);
        const char *kind, *object, *level, *cat;
        if ((err = ident(&f.id, &tb, "id")) < 0 || (err = ident(&kind, &tb, "kind")) < 0 ||
            (err = ident(&object, &tb, "object")) < 0 || (err = ident(&level, &tb, "level")) < 0 ||
            (err = ident(&cat, &tb, "stat_category")) < 0 ||
            (err = str(&f.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&f.label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&f.basis, &tb, "basis", 0)) < 0 ||
            (err = str(&f.sanction_basis, &tb, "sanction_basis", 0)) < 0 ||
            (err = str(&f.note, &tb, "note", 1)) < 0)
            break;
        if (strcmp(kind, "kode_etik") == 0)
            f.kind = NETRA_FORM_KODE_ETIK;
        else if (strcmp(kind, "disiplin") == 0)
            f.kind = NETRA_FORM_DISIPLIN;
        else {
            err = nt_tsv_error(&tb.tab.t, "kind", "'%s' is neither kode_etik nor disiplin", kind);
            break;
        }
        if ((err = parse_form_id(&tb, f.id, f.kind)) < 0)
            break;
        if (find_form_exact(law, f.id) != NULL) {
            err = nt_tsv_error(&tb.tab.t, "id", "'%s' is listed twice", f.id);
            break;
        }
        if (strcmp(object, "bakal_calon") == 0)
            f.object = NETRA_OBJECT_BAKAL_CALON;
        else if (strcmp(object, "calon") == 0)
            f.object = NETRA_OBJECT_CALON;
        else if (strcmp(object, "any") == 0)
            f.object = NETRA_OBJECT_ANY;
        else {
            err =
                nt_tsv_error(&tb.tab.t, "object", "'%s' is not bakal_calon, calon or any", object);
            break;
        }
        f.level_in_data = netra_level_from_id(level);
        if (f.level_in_data == NETRA_LEVEL_NONE) {
            err = nt_tsv_error(&tb.tab.t, "level", "unknown level '%s' (see levels.tsv)", level);
            break;
        }
        int moral = strcmp(law->levels[f.level_in_data].kind, "moral") == 0;
        if (moral != (f.kind == NETRA_FORM_KODE_ETIK)) {
            err = nt_tsv_error(&tb.tab.t, "level",
                               "level '%s' does not fit a %s form: ethics forms carry a moral "
                               "sanction, discipline forms do not",
                               level, kind);
            break;
        }
        f.level = f.level_in_data;
        const netra_category *c = find_category(law, cat);
        if (c == NULL) {
            err = nt_tsv_error(&tb.tab.t, "stat_category", "'%s' is not in categories.tsv", cat);
            break;
        }
        f.stat_category = c->id;
        size_t alen;
        const char *acts = nt_tsv_get(&tb.tab.t, "acts", &alen);
        if (alen == 0) {
            err = nt_tsv_error(&tb.tab.t, "acts", "empty; a form covers at least one act");
            break;
        }
        acts_ctx ac = {&tb, NULL, 0, 1};
        for (size_t i = 0; i < alen; i++)
            ac.cap += acts[i] == ',';
        ac.list = nt_arena_alloc(&law->arena, ac.cap * sizeof(char *));
        if (ac.list == NULL) {
            err = netra_error_last()->code;
            break;
        }
        if ((err = nt_str_split(acts, alen, ',', add_act, &ac)) < 0)
            break;
        f.acts = ac.list;
        f.n_acts = ac.n;
        if ((err = push(&law->forms, &f)) < 0)
            break;
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- rules.tsv ---------------------------------------------------------------------------*/

static int load_rules(netra_law *law)
{
    static const char *const cols[] = {"act",      "before", "after", "split", "label_id",
                                       "label_en", "basis",  "note",  NULL};
    table tb;
    int err = table_open(&tb, law, "rules.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        const char *act, *before, *after, *split;
        if ((err = ident(&act, &tb, "act")) < 0 || (err = ident(&before, &tb, "before")) < 0 ||
            (err = ident(&after, &tb, "after")) < 0 || (err = ident(&split, &tb, "split")) < 0)
            break;
        netra_act *a = find_act(law, act, strlen(act));
        if (a == NULL) {
            err = nt_tsv_error(&tb.tab.t, "act", "'%s' is not an act of acts.tsv", act);
            break;
        }
        if (a->before != NULL) {
            err = nt_tsv_error(&tb.tab.t, "act", "a rule for '%s' is given twice", act);
            break;
        }
        if (strcmp(split, "designation") != 0) {
            err =
                nt_tsv_error(&tb.tab.t, "split", "'%s' is not a known split (designation)", split);
            break;
        }
        const netra_form *fb = find_form_exact(law, before);
        const netra_form *fa = find_form_exact(law, after);
        if (fb == NULL) {
            err = nt_tsv_error(&tb.tab.t, "before", "'%s' is not a form of forms.tsv", before);
            break;
        }
        if (fa == NULL) {
            err = nt_tsv_error(&tb.tab.t, "after", "'%s' is not a form of forms.tsv", after);
            break;
        }
        if ((err = str(&a->rule_basis, &tb, "basis", 0)) < 0 ||
            (err = str(&a->rule_note, &tb, "note", 1)) < 0)
            break;
        a->before = fb;
        a->after = fa;
    }
    if (err == 0) {
        for (size_t i = 0; i < law->acts.n; i++) {
            const netra_act *a = nt_vec_at(&law->acts, i);
            if (a->before == NULL) {
                unsigned *line = nt_vec_at(&law->act_lines, i);
                err = nt_error_set(NETRA_EDATA,
                                   "%s/acts.tsv:%u: field 'act': '%s' has no rule in rules.tsv",
                                   law->dir, *line, a->id);
                break;
            }
        }
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- sanctions.tsv -----------------------------------------------------------------------*/

static int load_sanctions(netra_law *law)
{
    static const char *const cols[] = {"level", "employee_type", "code",     "label_id", "label_en",
                                       "basis", "valid_from",    "valid_to", NULL};
    table tb;
    int err = table_open(&tb, law, "sanctions.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_sanction s;
        memset(&s, 0, sizeof s);
        const char *level;
        if ((err = ident(&level, &tb, "level")) < 0 ||
            (err = ident(&s.employee_type, &tb, "employee_type")) < 0 ||
            (err = ident(&s.code, &tb, "code")) < 0 ||
            (err = str(&s.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&s.label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&s.basis, &tb, "basis", 0)) < 0 ||
            (err = nt_tsv_get_date(&s.valid_from, &tb.tab.t, "valid_from", 1, &s.has_from)) < 0 ||
            (err = nt_tsv_get_date(&s.valid_to, &tb.tab.t, "valid_to", 1, &s.has_to)) < 0)
            break;
        s.level = netra_level_from_id(level);
        if (s.level == NETRA_LEVEL_NONE) {
            err = nt_tsv_error(&tb.tab.t, "level", "unknown level '%s' (see levels.tsv)", level);
            break;
        }
        if (strcmp(s.employee_type, "pns") != 0 && strcmp(s.employee_type, "pppk") != 0 &&
            strcmp(s.employee_type, "any") != 0) {
            err = nt_tsv_error(&tb.tab.t, "employee_type", "'%s' is not pns, pppk or any",
                               s.employee_type);
            break;
        }
        if (s.has_from && s.has_to && s.valid_to < s.valid_from) {
            err = nt_tsv_error(&tb.tab.t, "valid_to", "ends before valid_from");
            break;
        }
        if ((err = push(&law->sanctions, &s)) < 0)
            break;
    }
    if (err == 0) {
        for (int lv = 1; lv < NETRA_LEVEL_COUNT; lv++) {
            int found = 0;
            for (size_t i = 0; i < law->sanctions.n && !found; i++)
                found = ((netra_sanction *)nt_vec_at(&law->sanctions, i))->level == (netra_level)lv;
            if (!found) {
                err = nt_tsv_error(&tb.tab.t, "level", "level '%s' has no sanction option",
                                   level_ids[lv]);
                break;
            }
        }
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- elections.tsv, designations.tsv -----------------------------------------------------*/

static int load_elections(netra_law *law)
{
    static const char *const cols[] = {"id",          "kind",           "name_id", "name_en",
                                       "voting_date", "default_office", "basis",   NULL};
    table tb;
    int err = table_open(&tb, law, "elections.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_election e;
        if ((err = ident(&e.id, &tb, "id")) < 0 || (err = ident(&e.kind, &tb, "kind")) < 0 ||
            (err = str(&e.name_id, &tb, "name_id", 0)) < 0 ||
            (err = str(&e.name_en, &tb, "name_en", 0)) < 0 ||
            (err = nt_tsv_get_date(&e.voting_date, &tb.tab.t, "voting_date", 0, NULL)) < 0 ||
            (err = ident(&e.default_office, &tb, "default_office")) < 0 ||
            (err = str(&e.basis, &tb, "basis", 0)) < 0)
            break;
        if (strcmp(e.kind, "pemilu") != 0 && strcmp(e.kind, "pilkada") != 0) {
            err = nt_tsv_error(&tb.tab.t, "kind", "'%s' is neither pemilu nor pilkada", e.kind);
            break;
        }
        if (!is_office(e.default_office)) {
            err = nt_tsv_error(&tb.tab.t, "default_office", "'%s' is not a known office",
                               e.default_office);
            break;
        }
        if (find_election(law, e.id) != NULL) {
            err = nt_tsv_error(&tb.tab.t, "id", "'%s' is listed twice", e.id);
            break;
        }
        unsigned line = tb.tab.t.rec.line;
        if ((err = push(&law->elections, &e)) < 0 || (err = push(&law->election_lines, &line)) < 0)
            break;
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

static int load_designations(netra_law *law)
{
    static const char *const cols[] = {"election", "office", "date", "label_id",
                                       "basis",    "source", NULL};
    table tb;
    int err = table_open(&tb, law, "designations.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        netra_designation d;
        const char *eid;
        if ((err = ident(&eid, &tb, "election")) < 0 ||
            (err = ident(&d.office, &tb, "office")) < 0 ||
            (err = nt_tsv_get_date(&d.date, &tb.tab.t, "date", 0, NULL)) < 0 ||
            (err = str(&d.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&d.basis, &tb, "basis", 0)) < 0 ||
            (err = str(&d.source, &tb, "source", 0)) < 0)
            break;
        d.election = find_election(law, eid);
        if (d.election == NULL) {
            err = nt_tsv_error(&tb.tab.t, "election", "'%s' is not in elections.tsv", eid);
            break;
        }
        if (!is_office(d.office)) {
            err = nt_tsv_error(&tb.tab.t, "office",
                               "'%s' is not a known office (presiden, dpr, dpd, dprd, parpol, "
                               "gubernur, bupati, walikota)",
                               d.office);
            break;
        }
        for (size_t i = 0; i < law->designations.n; i++) {
            const netra_designation *o = nt_vec_at(&law->designations, i);
            if (o->election == d.election && strcmp(o->office, d.office) == 0) {
                err = nt_tsv_error(&tb.tab.t, "office", "'%s' of '%s' is listed twice", d.office,
                                   eid);
                break;
            }
        }
        if (err < 0)
            break;
        if (d.date > d.election->voting_date) {
            err = nt_tsv_error(&tb.tab.t, "date", "designation after the voting day of '%s'", eid);
            break;
        }
        if ((err = push(&law->designations, &d)) < 0)
            break;
    }
    if (err == 0) {
        for (size_t i = 0; i < law->elections.n; i++) {
            const netra_election *e = nt_vec_at(&law->elections, i);
            if (netra_law_designation(law, e, NULL) == NULL) {
                unsigned *line = nt_vec_at(&law->election_lines, i);
                err = nt_error_set(NETRA_EDATA,
                                   "%s/elections.tsv:%u: field 'default_office': '%s' of '%s' "
                                   "has no row in designations.tsv",
                                   law->dir, *line, e->default_office, e->id);
                break;
            }
        }
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- stages.tsv --------------------------------------------------------------------------*/

typedef struct stage_row {
    netra_stage s;  /* the stage */
    unsigned line;  /* its line, for cross-row errors */
    size_t e_index; /* index of its election */
} stage_row;

static int cmp_stage_row(const void *a, const void *b)
{
    const stage_row *x = a, *y = b;
    if (x->e_index != y->e_index)
        return x->e_index < y->e_index ? -1 : 1;
    if (x->s.is_phase != y->s.is_phase)
        return x->s.is_phase ? -1 : 1;
    netra_date xs = x->s.has_start ? x->s.start : INT32_MIN;
    netra_date ys = y->s.has_start ? y->s.start : INT32_MIN;
    if (xs != ys)
        return xs < ys ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int check_phases(netra_law *law, const stage_row *rows, size_t n, const char *path)
{
    const stage_row *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const stage_row *r = &rows[i];
        if (!r->s.is_phase)
            continue;
        if (prev != NULL && prev->e_index == r->e_index) {
            char a[NETRA_DATE_STRLEN], b[NETRA_DATE_STRLEN];
            if (!r->s.has_start)
                return nt_error_set(NETRA_EDATA,
                                    "%s:%u: field 'start': only the first phase of '%s' may be "
                                    "open",
                                    path, r->line, r->s.election->id);
            if (r->s.phase <= prev->s.phase)
                return nt_error_set(NETRA_EDATA,
                                    "%s:%u: field 'stage': phase '%s' comes after '%s' in time "
                                    "but not in the order of phases",
                                    path, r->line, r->s.id, prev->s.id);
            if (r->s.start <= prev->s.end)
                return nt_error_set(NETRA_EDATA,
                                    "%s:%u: field 'start': phase '%s' starts %s, overlapping "
                                    "'%s' (line %u) which ends %s",
                                    path, r->line, r->s.id, netra_date_format(r->s.start, a),
                                    prev->s.id, prev->line, netra_date_format(prev->s.end, b));
            if (r->s.start != prev->s.end + 1)
                return nt_error_set(NETRA_EDATA,
                                    "%s:%u: field 'start': gap before phase '%s' (starts %s; "
                                    "'%s' on line %u ends %s)",
                                    path, r->line, r->s.id, netra_date_format(r->s.start, a),
                                    prev->s.id, prev->line, netra_date_format(prev->s.end, b));
        }
        prev = r;
    }
    (void)law;
    return NETRA_OK;
}

static int load_stages(netra_law *law)
{
    static const char *const cols[] = {"election", "kind",     "stage", "start",  "end",
                                       "label_id", "label_en", "basis", "source", NULL};
    nt_vec rows;
    nt_vec_init(&rows, sizeof(stage_row), LAW_MAX_ROWS);
    table tb;
    int err = table_open(&tb, law, "stages.tsv", cols);
    if (err < 0)
        return err;
    while ((err = table_next(&tb)) > 0) {
        stage_row r;
        memset(&r, 0, sizeof r);
        const char *eid, *kind;
        int has_end;
        if ((err = ident(&eid, &tb, "election")) < 0 || (err = ident(&kind, &tb, "kind")) < 0 ||
            (err = ident(&r.s.id, &tb, "stage")) < 0 ||
            (err = nt_tsv_get_date(&r.s.start, &tb.tab.t, "start", 1, &r.s.has_start)) < 0 ||
            (err = nt_tsv_get_date(&r.s.end, &tb.tab.t, "end", 1, &has_end)) < 0 ||
            (err = str(&r.s.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&r.s.label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&r.s.basis, &tb, "basis", 0)) < 0 ||
            (err = str(&r.s.source, &tb, "source", 0)) < 0)
            break;
        r.s.election = find_election(law, eid);
        if (r.s.election == NULL) {
            err = nt_tsv_error(&tb.tab.t, "election", "'%s' is not in elections.tsv", eid);
            break;
        }
        r.e_index = (size_t)(r.s.election - (const netra_election *)law->elections.items);
        if (strcmp(kind, "phase") == 0) {
            r.s.is_phase = 1;
            r.s.phase = phase_from(r.s.id, strlen(r.s.id));
            if (r.s.phase == NETRA_PHASE_NONE) {
                err = nt_tsv_error(&tb.tab.t, "stage",
                                   "'%s' is not a phase (pra_tahapan, pencalonan, "
                                   "pasca_penetapan, kampanye, masa_tenang, pemungutan, "
                                   "penghitungan_rekap, pasca_pemilihan)",
                                   r.s.id);
                break;
            }
        } else if (strcmp(kind, "event") != 0) {
            err = nt_tsv_error(&tb.tab.t, "kind", "'%s' is neither phase nor event", kind);
            break;
        } else if (!r.s.has_start) {
            err = nt_tsv_error(&tb.tab.t, "start", "empty; an event needs a start date");
            break;
        }
        if (!has_end) {
            err = nt_tsv_error(&tb.tab.t, "end", "empty; every stage needs an end date");
            break;
        }
        if (r.s.has_start && r.s.end < r.s.start) {
            err = nt_tsv_error(&tb.tab.t, "end", "before the start");
            break;
        }
        for (size_t i = 0; i < rows.n && r.s.is_phase; i++) {
            const stage_row *o = nt_vec_at(&rows, i);
            if (o->s.is_phase && o->e_index == r.e_index && o->s.phase == r.s.phase) {
                err =
                    nt_tsv_error(&tb.tab.t, "stage", "phase '%s' of '%s' is listed twice (line %u)",
                                 r.s.id, eid, o->line);
                break;
            }
        }
        if (err < 0)
            break;
        r.line = tb.tab.t.rec.line;
        if ((err = push(&rows, &r)) < 0)
            break;
    }
    if (err == 0 && rows.n > 0) {
        qsort(rows.items, rows.n, sizeof(stage_row), cmp_stage_row);
        err = check_phases(law, rows.items, rows.n, nt_buf_cstr(&tb.tab.path));
    }
    if (err == 0) {
        size_t ne = law->elections.n;
        law->stage_first = nt_calloc(ne ? ne : 1, sizeof(size_t));
        law->stage_count = nt_calloc(ne ? ne : 1, sizeof(size_t));
        if (law->stage_first == NULL || law->stage_count == NULL)
            err = NETRA_ENOMEM;
        else if ((err = nt_vec_reserve(&law->stages, rows.n ? rows.n : 1)) == 0) {
            for (size_t i = 0; i < rows.n; i++) {
                const stage_row *r = nt_vec_at(&rows, i);
                if (law->stage_count[r->e_index] == 0)
                    law->stage_first[r->e_index] = i;
                law->stage_count[r->e_index]++;
                nt_vec_push(&law->stages, &r->s); /* reserved: cannot fail */
            }
            for (size_t e = 0; e < ne && err == 0; e++) {
                size_t nph = 0;
                for (size_t i = 0; i < law->stage_count[e]; i++)
                    nph +=
                        ((netra_stage *)nt_vec_at(&law->stages, law->stage_first[e] + i))->is_phase;
                if (nph == 0) {
                    unsigned *line = nt_vec_at(&law->election_lines, e);
                    const netra_election *el = nt_vec_at(&law->elections, e);
                    err = nt_error_set(NETRA_EDATA,
                                       "%s/elections.tsv:%u: field 'id': '%s' has no phase in "
                                       "stages.tsv",
                                       law->dir, *line, el->id);
                }
            }
        }
    }
    nt_vec_free(&rows);
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

/* ---- agencies.tsv ------------------------------------------------------------------------*/

static int load_agencies(netra_law *law)
{
    static const char *const cols[] = {"agency",   "from",  "to",     "label_id",
                                       "label_en", "basis", "source", NULL};
    table tb;
    int err = table_open(&tb, law, "agencies.tsv", cols);
    if (err < 0)
        return err;
    const netra_agency *prev = NULL;
    while ((err = table_next(&tb)) > 0) {
        netra_agency a;
        if ((err = ident(&a.id, &tb, "agency")) < 0 ||
            (err = nt_tsv_get_date(&a.from, &tb.tab.t, "from", 1, &a.has_from)) < 0 ||
            (err = nt_tsv_get_date(&a.to, &tb.tab.t, "to", 1, &a.has_to)) < 0 ||
            (err = str(&a.label_id, &tb, "label_id", 0)) < 0 ||
            (err = str(&a.label_en, &tb, "label_en", 0)) < 0 ||
            (err = str(&a.basis, &tb, "basis", 0)) < 0 ||
            (err = str(&a.source, &tb, "source", 0)) < 0)
            break;
        if (a.has_from && a.has_to && a.to < a.from) {
            err = nt_tsv_error(&tb.tab.t, "to", "ends before 'from'");
            break;
        }
        if (prev != NULL) {
            if (!prev->has_to) {
                err = nt_tsv_error(&tb.tab.t, "from", "the previous period ('%s') has no end",
                                   prev->id);
                break;
            }
            if (!a.has_from || a.from != prev->to + 1) {
                err =
                    nt_tsv_error(&tb.tab.t, "from",
                                 "must be the day after the previous period ('%s') ends", prev->id);
                break;
            }
        }
        if ((err = push(&law->agencies, &a)) < 0)
            break;
        prev = nt_vec_at(&law->agencies, law->agencies.n - 1);
    }
    table_close(&tb);
    return err < 0 ? err : NETRA_OK;
}

int nt_law_load_tables(netra_law *law, const char *dir)
{
    int err;
    law->dir = nt_strdup(dir);
    if (law->dir == NULL)
        return NETRA_ENOMEM;
    if ((err = load_levels(law)) < 0 || (err = load_categories(law)) < 0 ||
        (err = load_acts(law)) < 0 || (err = load_forms(law)) < 0 || (err = load_rules(law)) < 0 ||
        (err = load_sanctions(law)) < 0 || (err = load_elections(law)) < 0 ||
        (err = load_designations(law)) < 0 || (err = load_stages(law)) < 0 ||
        (err = load_agencies(law)) < 0)
        return err;
    return NETRA_OK;
}
