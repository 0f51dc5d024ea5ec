/*
 * source_store.c - events from the case store, through its public API only: per act of a
 * case (or per case without acts) the report or finding, then registration, proof and
 * sanction as far as the workflow steps show the case got. The cases are read set-based
 * (netra_store_case_facts: four queries per 512 cases), not four queries per case.
 */
#include <string.h>

#include "index/index_int.h"

typedef struct steps {
    int registered, proven, sanctioned;
} steps;

static void steps_of(steps *s, const netra_case_facts *f)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < f->n_steps; i++) {
        const char *a = f->steps[i].action;
        if (strcmp(a, "registrasi") == 0 || strcmp(a, "tetapkan_temuan") == 0)
            s->registered = 1;
        else if (strcmp(a, "rekomendasikan") == 0)
            s->proven = 1;
        else if (strcmp(a, "jatuhkan_sanksi") == 0)
            s->sanctioned = 1;
    }
}

static int add_steps(netra_index *ix, netra_index_event *ev, netra_index_kind first, const steps *s,
                     size_t *n)
{
    netra_index_kind kinds[4];
    size_t k = 0;
    kinds[k++] = first;
    if (s->registered)
        kinds[k++] = NETRA_INDEX_REGISTRASI;
    if (s->proven)
        kinds[k++] = NETRA_INDEX_TERBUKTI;
    if (s->sanctioned)
        kinds[k++] = NETRA_INDEX_SANKSI;
    for (size_t i = 0; i < k; i++) {
        ev->kind = kinds[i];
        int err = netra_index_add(ix, ev);
        if (err < 0)
            return err;
        (*n)++;
    }
    return NETRA_OK;
}

typedef struct loader {
    netra_index *ix;
    size_t n, unplaced, cases;
    netra_index_progress progress;
    void *payload;
} loader;

static int load_case(const netra_case_facts *f, void *payload)
{
    loader *ld = payload;
    const netra_case *c = f->c;
    steps s;
    steps_of(&s, f);
    netra_index_kind first =
        strcmp(c->kind, "temuan") == 0 ? NETRA_INDEX_TEMUAN : NETRA_INDEX_LAPORAN;
    netra_index_event ev;
    memset(&ev, 0, sizeof ev);
    ev.agency = f->agency;
    ev.position = f->position;
    int err = NETRA_OK;
    if (f->n_acts == 0) {
        ev.region = c->region;
        ev.election = c->election;
        ev.date = c->opened;
        if (c->region[0] == '\0')
            ld->unplaced++;
        else if ((err = add_steps(ld->ix, &ev, first, &s, &ld->n)) < 0)
            err = nt_error_prefix("case %lld", (long long)c->id);
    }
    for (size_t k = 0; err >= 0 && k < f->n_acts; k++) {
        const netra_case_act_row *a = &f->acts[k];
        ev.region = a->region[0] ? a->region : c->region;
        ev.election = a->election[0] ? a->election : c->election;
        ev.stage = a->stage[0] && ev.election[0] ? a->stage : NULL;
        ev.form = a->form[0] ? a->form : NULL;
        ev.date = a->date ? a->date : c->opened;
        if (ev.region[0] == '\0')
            ld->unplaced++;
        else if ((err = add_steps(ld->ix, &ev, first, &s, &ld->n)) < 0)
            err = nt_error_prefix("case %lld, act %lld", (long long)c->id, (long long)a->id);
    }
    ld->cases++;
    if (err >= 0 && ld->progress && ld->cases % 10000 == 0)
        ld->progress(ld->cases, ld->payload);
    return err;
}

int netra_index_load_store(size_t *n_out, size_t *unplaced_out, netra_index *ix, netra_store *st,
                           netra_index_progress progress, void *payload)
{
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(st != NULL);
    size_t before = ix->events.n;
    loader ld = {ix, 0, 0, 0, progress, payload};
    int err = netra_store_case_facts(st, load_case, &ld);
    if (err < 0) {
        ix->events.n = before;
        return err;
    }
    if (n_out)
        *n_out = ld.n;
    if (unplaced_out)
        *unplaced_out = ld.unplaced;
    return NETRA_OK;
}
