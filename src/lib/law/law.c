/*
 * law.c - loading entry point and lookups over the law tables.
 */
#include <stdio.h>
#include <string.h>

#include "law/law_int.h"

void netra_law_free(netra_law *law)
{
    if (law == NULL)
        return;
    nt_vec_free(&law->categories);
    nt_vec_free(&law->acts);
    nt_vec_free(&law->act_lines);
    nt_vec_free(&law->forms);
    nt_vec_free(&law->sanctions);
    nt_vec_free(&law->elections);
    nt_vec_free(&law->election_lines);
    nt_vec_free(&law->designations);
    nt_vec_free(&law->stages);
    nt_vec_free(&law->agencies);
    nt_free(law->stage_first);
    nt_free(law->stage_count);
    nt_free(law->dir);
    nt_arena_free(&law->arena);
    nt_free(law);
}

int netra_law_load(netra_law **out, const char *dir, const netra_law_options *opts)
{
    int err;
    nt_buf path;
    nt_buf_init(&path, 4096);
    netra_law_options defaults = NETRA_LAW_OPTIONS_INIT;
    NT_ASSERT_ARG(out != NULL);
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != NETRA_LAW_OPTIONS_VERSION)
        return nt_error_set(NETRA_EINVAL, "netra_law_options version %d, expected %d",
                            opts->version, NETRA_LAW_OPTIONS_VERSION);
    if (opts->d8_level != NETRA_LEVEL_NONE && opts->d8_level != NETRA_LEVEL_SEDANG &&
        opts->d8_level != NETRA_LEVEL_BERAT)
        return nt_error_set(NETRA_EINVAL, "the level of D-8 is sedang or berat, not '%s'",
                            netra_level_id(opts->d8_level));
    netra_law *law = nt_calloc(1, sizeof *law);
    if (law == NULL)
        return NETRA_ENOMEM;
    law->opts = *opts;
    nt_arena_init(&law->arena, 32768, 0);
    nt_vec_init(&law->categories, sizeof(netra_category), 0);
    nt_vec_init(&law->acts, sizeof(netra_act), 0);
    nt_vec_init(&law->act_lines, sizeof(unsigned), 0);
    nt_vec_init(&law->forms, sizeof(netra_form), 0);
    nt_vec_init(&law->sanctions, sizeof(netra_sanction), 0);
    nt_vec_init(&law->elections, sizeof(netra_election), 0);
    nt_vec_init(&law->election_lines, sizeof(unsigned), 0);
    nt_vec_init(&law->designations, sizeof(netra_designation), 0);
    nt_vec_init(&law->stages, sizeof(netra_stage), 0);
    nt_vec_init(&law->agencies, sizeof(netra_agency), 0);

    if (dir == NULL) {
        err = nt_buf_addf(&path, "%s/law", netra_data_dir());
        if (err < 0)
            goto fail;
        dir = nt_buf_cstr(&path);
    }
    err = nt_law_load_tables(law, dir);
    if (err < 0)
        goto fail;
    /* D-8: Tribunnews (2023-11-15) says sedang, Kompas and NTBSatu berat; configurable. */
    if (opts->d8_level != NETRA_LEVEL_NONE) {
        for (size_t i = 0; i < law->forms.n; i++) {
            netra_form *f = nt_vec_at(&law->forms, i);
            if (strcmp(f->id, "D-8") == 0)
                f->level = opts->d8_level;
        }
    }
    nt_buf_free(&path);
    *out = law;
    return NETRA_OK;
fail:
    nt_buf_free(&path);
    netra_law_free(law);
    return err;
}

const netra_level_info *netra_law_level(const netra_law *law, netra_level level)
{
    if ((int)level <= 0 || (int)level >= NETRA_LEVEL_COUNT)
        return NULL;
    return &law->levels[level];
}

size_t netra_law_n_forms(const netra_law *law)
{
    return law->forms.n;
}

const netra_form *netra_law_form_at(const netra_law *law, size_t i)
{
    return nt_vec_at(&law->forms, i);
}

/* "D-6", "d6", "D 6", "ke-4", "KE4" -> "D6" / "KE4"; returns 0 when it cannot be a form id. */
static int canon_form_id(char *out, size_t cap, const char *id)
{
    size_t n = 0;
    for (const char *p = id; *p != '\0'; p++) {
        char c = *p;
        if (c == '-' || c == ' ' || c == '_' || c == '.')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || n + 1 >= cap)
            return 0;
        out[n++] = c;
    }
    out[n] = '\0';
    return n > 0;
}

const netra_form *netra_law_form(const netra_law *law, const char *id)
{
    char want[16], have[16];
    if (id != NULL && canon_form_id(want, sizeof want, id)) {
        for (size_t i = 0; i < law->forms.n; i++) {
            const netra_form *f = nt_vec_at(&law->forms, i);
            if (canon_form_id(have, sizeof have, f->id) && strcmp(want, have) == 0)
                return f;
        }
    }
    nt_error_set(NETRA_ENOTFOUND, "no form of violation '%s' (KE-1..KE-7, D-1..D-13)",
                 id ? id : "");
    return NULL;
}

size_t netra_law_n_acts(const netra_law *law)
{
    return law->acts.n;
}

const netra_act *netra_law_act_at(const netra_law *law, size_t i)
{
    return nt_vec_at(&law->acts, i);
}

const netra_act *netra_law_act(const netra_law *law, const char *id)
{
    for (size_t i = 0; id != NULL && i < law->acts.n; i++) {
        const netra_act *a = nt_vec_at(&law->acts, i);
        if (strcmp(a->id, id) == 0)
            return a;
    }
    return NULL;
}

const netra_category *netra_law_category(const netra_law *law, const char *id)
{
    for (size_t i = 0; id != NULL && i < law->categories.n; i++) {
        const netra_category *c = nt_vec_at(&law->categories, i);
        if (strcmp(c->id, id) == 0)
            return c;
    }
    return NULL;
}

size_t netra_law_n_categories(const netra_law *law)
{
    return law->categories.n;
}

const netra_category *netra_law_category_at(const netra_law *law, size_t i)
{
    return nt_vec_at(&law->categories, i);
}

static int in_force(const netra_sanction *s, netra_date d)
{
    return (!s->has_from || d >= s->valid_from) && (!s->has_to || d <= s->valid_to);
}

int netra_law_sanctions(const netra_sanction **out, size_t max, size_t *n_out, const netra_law *law,
                        netra_level level, const char *employee_type, netra_date date)
{
    const char *type = employee_type ? employee_type : "pns";
    if (strcmp(type, "cpns") == 0)
        type = "pns"; /* PP 94/2021 applies to CPNS mutatis mutandis */
    if (strcmp(type, "pns") != 0 && strcmp(type, "pppk") != 0)
        return nt_error_set(NETRA_EINVAL, "employee type '%s' is not pns, cpns or pppk",
                            employee_type);
    const netra_level_info *li = netra_law_level(law, level);
    int moral = li != NULL && strcmp(li->kind, "moral") == 0;
    size_t n = 0;
    for (size_t i = 0; i < law->sanctions.n; i++) {
        const netra_sanction *s = nt_vec_at(&law->sanctions, i);
        int level_ok = s->level == level;
        if (moral && !level_ok)
            level_ok = strcmp(law->levels[s->level].kind, "moral") == 0;
        if (!level_ok || !in_force(s, date))
            continue;
        if (strcmp(s->employee_type, "any") != 0 && strcmp(s->employee_type, type) != 0)
            continue;
        if (n < max)
            out[n] = s;
        n++;
    }
    *n_out = n;
    return NETRA_OK;
}

size_t netra_law_n_elections(const netra_law *law)
{
    return law->elections.n;
}

const netra_election *netra_law_election_at(const netra_law *law, size_t i)
{
    return nt_vec_at(&law->elections, i);
}

const netra_election *netra_law_election(const netra_law *law, const char *id)
{
    for (size_t i = 0; id != NULL && i < law->elections.n; i++) {
        const netra_election *e = nt_vec_at(&law->elections, i);
        if (strcmp(e->id, id) == 0)
            return e;
    }
    return NULL;
}

const netra_designation *netra_law_designation(const netra_law *law, const netra_election *election,
                                               const char *office)
{
    const char *want = office ? office : election->default_office;
    char known[256];
    size_t kl = 0;
    known[0] = '\0';
    for (size_t i = 0; i < law->designations.n; i++) {
        const netra_designation *d = nt_vec_at(&law->designations, i);
        if (d->election != election)
            continue;
        if (strcmp(d->office, want) == 0)
            return d;
        int w = snprintf(known + kl, sizeof known - kl, "%s%s", kl ? ", " : "", d->office);
        if (w > 0 && (size_t)w < sizeof known - kl)
            kl += (size_t)w;
    }
    nt_error_set(NETRA_ENOTFOUND, "no designation date for office '%s' in '%s' (known: %s)", want,
                 election->id, known);
    return NULL;
}

const netra_stage *netra_law_stages(size_t *n_out, const netra_law *law,
                                    const netra_election *election)
{
    size_t e = (size_t)(election - (const netra_election *)law->elections.items);
    if (e >= law->elections.n || law->stage_count == NULL) {
        *n_out = 0;
        return NULL;
    }
    *n_out = law->stage_count[e];
    return (const netra_stage *)law->stages.items + law->stage_first[e];
}

int netra_law_stage_at(const netra_stage **phase_out, const netra_stage **events_out, size_t max,
                       size_t *n_events_out, const netra_law *law, const netra_election *election,
                       netra_date date)
{
    size_t n;
    const netra_stage *st = netra_law_stages(&n, law, election);
    size_t ne = 0;
    *phase_out = NULL;
    for (size_t i = 0; i < n; i++) {
        const netra_stage *s = &st[i];
        int in = (!s->has_start || date >= s->start) && date <= s->end;
        if (!in)
            continue;
        if (s->is_phase) {
            *phase_out = s;
        } else {
            if (ne < max && events_out != NULL)
                events_out[ne] = s;
            ne++;
        }
    }
    if (n_events_out != NULL)
        *n_events_out = ne;
    return NETRA_OK;
}

const netra_agency *netra_law_agency_at(const netra_law *law, netra_date date)
{
    for (size_t i = 0; i < law->agencies.n; i++) {
        const netra_agency *a = nt_vec_at(&law->agencies, i);
        if ((!a->has_from || date >= a->from) && (!a->has_to || date <= a->to))
            return a;
    }
    return NULL;
}

size_t netra_law_n_agencies(const netra_law *law)
{
    return law->agencies.n;
}

const netra_agency *netra_law_agency_i(const netra_law *law, size_t i)
{
    return nt_vec_at(&law->agencies, i);
}
