/*
 * source_store.c - events from the case store, through its public API only: per act of a
 * case (or per case without acts) the report or finding, then registration, proof and
 * sanction as far as the audit timeline shows the case got.
 */
#include <string.h>

#include "index/index_int.h"

#define IX_STORE_MAX_ACTS 256

typedef struct case_ids {
    nt_vec ids; /* int64_t */
} case_ids;

static int collect(const netra_case *c, void *payload)
{
    case_ids *ci = payload;
    return nt_vec_push(&ci->ids, &c->id) == NULL ? netra_error_last()->code : 0;
}

typedef struct steps {
    int registered, proven, sanctioned;
} steps;

static int timeline(const netra_case_event *e, void *payload)
{
    steps *s = payload;
    if (strcmp(e->action, "registrasi") == 0 || strcmp(e->action, "tetapkan_temuan") == 0)
        s->registered = 1;
    else if (strcmp(e->action, "rekomendasikan") == 0)
        s->proven = 1;
    else if (strcmp(e->action, "jatuhkan_sanksi") == 0)
        s->sanctioned = 1;
    return 0;
}

typedef struct acts {
    netra_case_act_row rows[IX_STORE_MAX_ACTS];
    size_t n, dropped;
} acts;

static int act(const netra_case_act_row *a, void *payload)
{
    acts *as = payload;
    if (as->n < IX_STORE_MAX_ACTS)
        as->rows[as->n++] = *a;
    else
        as->dropped++;
    return 0;
}

static int first_asn(const netra_case_asn_row *a, void *payload)
{
    netra_case_asn_row *out = payload;
    if (out->nip[0] == '\0' && out->name[0] == '\0' && out->agency[0] == '\0')
        *out = *a;
    return 0;
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

int netra_index_load_store(size_t *n_out, size_t *unplaced_out, netra_index *ix, netra_store *st,
                           netra_index_progress progress, void *payload)
{
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(st != NULL);
    size_t n = 0, unplaced = 0, before = ix->events.n;
    case_ids ci;
    nt_vec_init(&ci.ids, sizeof(int64_t), 0);
    netra_case_filter filter;
    memset(&filter, 0, sizeof filter);
    int err = netra_store_case_list(st, &filter, collect, &ci);
    acts *as = nt_malloc(sizeof *as);
    if (as == NULL)
        err = NETRA_ENOMEM;
    for (size_t i = 0; err >= 0 && i < ci.ids.n; i++) {
        int64_t id = *(const int64_t *)nt_vec_at(&ci.ids, i);
        netra_case c;
        if ((err = netra_store_case_get(&c, st, id)) < 0)
            break;
        steps s = {0, 0, 0};
        if ((err = netra_store_case_timeline(st, id, timeline, &s)) < 0)
            break;
        as->n = as->dropped = 0;
        if ((err = netra_store_case_acts(st, id, act, as)) < 0)
            break;
        netra_case_asn_row asn;
        memset(&asn, 0, sizeof asn);
        if ((err = netra_store_case_asns(st, id, first_asn, &asn)) < 0)
            break;
        netra_index_kind first =
            strcmp(c.kind, "temuan") == 0 ? NETRA_INDEX_TEMUAN : NETRA_INDEX_LAPORAN;
        netra_index_event ev;
        memset(&ev, 0, sizeof ev);
        ev.agency = asn.agency;
        ev.position = asn.position;
        if (as->n == 0) {
            ev.region = c.region;
            ev.election = c.election;
            ev.date = c.opened;
            if (c.region[0] == '\0')
                unplaced++;
            else if ((err = add_steps(ix, &ev, first, &s, &n)) < 0)
                err = nt_error_prefix("case %lld", (long long)id);
        }
        for (size_t k = 0; err >= 0 && k < as->n; k++) {
            const netra_case_act_row *a = &as->rows[k];
            ev.region = a->region[0] ? a->region : c.region;
            ev.election = a->election[0] ? a->election : c.election;
            ev.stage = a->stage[0] && ev.election[0] ? a->stage : NULL;
            ev.form = a->form[0] ? a->form : NULL;
            ev.date = a->date ? a->date : c.opened;
            if (ev.region[0] == '\0')
                unplaced++;
            else if ((err = add_steps(ix, &ev, first, &s, &n)) < 0)
                err = nt_error_prefix("case %lld, act %lld", (long long)id, (long long)a->id);
        }
        if (progress && (i + 1) % 10000 == 0)
            progress(i + 1, payload);
    }
    nt_free(as);
    nt_vec_free(&ci.ids);
    if (err < 0) {
        ix->events.n = before;
        return err;
    }
    if (n_out)
        *n_out = n;
    if (unplaced_out)
        *unplaced_out = unplaced;
    return NETRA_OK;
}
