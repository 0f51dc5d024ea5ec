/*
 * events.c - the event set of the index: checking and interning events, and reading them
 * from an analyst's CSV and from detector verdicts (JSON Lines).
 */
#include <string.h>

#include <jansson.h>

#include "index/index_int.h"

#define IX_CSV_MAX_FILE   (1024u * 1024u * 1024u) /* 1 GiB */
#define IX_JSONL_MAX_LINE (1u << 20)              /* one verdict line */
#define IX_PROGRESS_STEP  100000u

/* ---- region codes ------------------------------------------------------------------------ */

int nt_ix_code_parse(nt_ix_code *out, netra_region_level *level_out, const char *code)
{
    char dotted[NETRA_REGION_CODE_MAX];
    netra_region_level level;
    int err = netra_region_code_parse(dotted, &level, code);
    if (err < 0)
        return err;
    unsigned parts[3] = {0, 0, 0};
    size_t p = 0;
    for (const char *s = dotted; *s != '\0'; s++) {
        if (*s == '.') {
            if (++p >= 3)
                return nt_error_set(NETRA_EINVAL, "region code '%s' is too deep", dotted);
        } else {
            parts[p] = parts[p] * 10 + (unsigned)(*s - '0');
        }
    }
    if (parts[2] > 99)
        return nt_error_set(NETRA_EINVAL, "district part of '%s' is over 99", dotted);
    *out = parts[0] * 10000u + parts[1] * 100u + parts[2];
    *level_out = level;
    return NETRA_OK;
}

void nt_ix_code_format(char out[NETRA_REGION_CODE_MAX], nt_ix_code code, netra_region_level level)
{
    unsigned pp = code / 10000u, kk = code / 100u % 100u, cc = code % 100u;
    if (level == NETRA_REGION_PROVINCE)
        snprintf(out, NETRA_REGION_CODE_MAX, "%02u", pp);
    else if (level == NETRA_REGION_REGENCY)
        snprintf(out, NETRA_REGION_CODE_MAX, "%02u.%02u", pp, kk);
    else
        snprintf(out, NETRA_REGION_CODE_MAX, "%02u.%02u.%02u", pp, kk, cc);
}

/* The index of a region in the set's table, adding it and its ancestors when new. */
static int region_slot(uint32_t *out, netra_index *ix, nt_ix_code code, netra_region_level level)
{
    if (ix->region_slot == NULL) {
        ix->region_slot = nt_calloc(1000000u, sizeof *ix->region_slot);
        if (ix->region_slot == NULL)
            return NETRA_ENOMEM;
    }
    if (ix->region_slot[code] != 0) {
        *out = ix->region_slot[code] - 1;
        return NETRA_OK;
    }
    nt_ix_region r;
    memset(&r, 0, sizeof r);
    r.code = code;
    r.level = (uint8_t)level;
    for (int i = 0; i < 4; i++)
        r.up[i] = NT_IX_NO_SLOT;
    if (level > NETRA_REGION_PROVINCE) {
        uint32_t parent;
        nt_ix_code pcode =
            level == NETRA_REGION_DISTRICT ? code / 100u * 100u : code / 10000u * 10000u;
        int err = region_slot(&parent, ix, pcode, (netra_region_level)(level - 1));
        if (err < 0)
            return err;
        const nt_ix_region *pr = nt_vec_at(&ix->regions, parent);
        memcpy(r.up, pr->up, sizeof r.up);
    }
    uint32_t idx = (uint32_t)ix->regions.n;
    r.up[level] = idx;
    if (nt_vec_push(&ix->regions, &r) == NULL)
        return netra_error_last()->code;
    ix->region_slot[code] = idx + 1;
    *out = idx;
    return NETRA_OK;
}

/* ---- interned strings ---------------------------------------------------------------------- */

static int strings_init(nt_ix_strings *t)
{
    nt_map_init(&t->map);
    nt_vec_init(&t->items, sizeof(const char *), NT_IX_MAX_STRINGS);
    static const char *const empty = "";
    return nt_vec_push(&t->items, &empty) == NULL ? NETRA_ENOMEM : NETRA_OK;
}

static void strings_free(nt_ix_strings *t)
{
    nt_map_free(&t->map);
    nt_vec_free(&t->items);
}

long nt_ix_intern(netra_index *ix, nt_ix_strings *t, const char *s)
{
    if (s == NULL || *s == '\0')
        return 0;
    size_t len = strlen(s);
    if (len > 200)
        return nt_error_set(NETRA_EINVAL, "longer than 200 bytes");
    void *v = nt_map_get(&t->map, s, len);
    if (v != NULL)
        return (long)(uintptr_t)v - 1;
    if (t->items.n >= NT_IX_MAX_STRINGS)
        return nt_error_set(NETRA_ETOOBIG, "more than %u distinct values", NT_IX_MAX_STRINGS - 1);
    char *copy = nt_arena_strndup(&ix->arena, s, len);
    if (copy == NULL)
        return netra_error_last()->code;
    long idx = (long)t->items.n;
    const char *cp = copy;
    if (nt_vec_push(&t->items, &cp) == NULL)
        return netra_error_last()->code;
    int err = nt_map_put(&t->map, copy, len, (void *)(uintptr_t)(idx + 1), NULL);
    return err < 0 ? err : idx;
}

const char *nt_ix_string(const nt_ix_strings *t, size_t i)
{
    const char *const *p = nt_vec_at(&t->items, i);
    return p ? *p : "";
}

/* ---- the set --------------------------------------------------------------------------- */

int netra_index_new(netra_index **out, const netra_index_config *cfg)
{
    NT_ASSERT_ARG(out != NULL);
    NT_ASSERT_ARG(cfg != NULL);
    *out = NULL;
    netra_index *ix = nt_calloc(1, sizeof *ix);
    if (ix == NULL)
        return NETRA_ENOMEM;
    ix->cfg = cfg;
    nt_arena_init(&ix->arena, 16384, 64u << 20);
    nt_vec_init(&ix->events, sizeof(nt_ix_event), NETRA_INDEX_MAX_EVENTS);
    nt_vec_init(&ix->regions, sizeof(nt_ix_region), 0);
    if (strings_init(&ix->elections) < 0 || strings_init(&ix->agencies) < 0 ||
        strings_init(&ix->positions) < 0) {
        netra_index_free(ix);
        return NETRA_ENOMEM;
    }
    *out = ix;
    return NETRA_OK;
}

void netra_index_free(netra_index *ix)
{
    if (ix == NULL)
        return;
    nt_vec_free(&ix->events);
    nt_vec_free(&ix->regions);
    nt_free(ix->region_slot);
    strings_free(&ix->elections);
    strings_free(&ix->agencies);
    strings_free(&ix->positions);
    nt_arena_free(&ix->arena);
    nt_free(ix);
}

size_t netra_index_count(const netra_index *ix)
{
    return ix ? ix->events.n : 0;
}

static int empty(const char *s)
{
    return s == NULL || *s == '\0';
}

static int phase_parse(const char *s)
{
    for (int i = 1; i < NETRA_PHASE_COUNT; i++)
        if (strcmp(s, netra_phase_id((netra_phase)i)) == 0)
            return i;
    return -1;
}

int netra_index_add(netra_index *ix, const netra_index_event *ev)
{
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(ev != NULL);
    const netra_index_config *cfg = ix->cfg;
    nt_ix_event e;
    memset(&e, 0, sizeof e);
    if ((int)ev->kind < 0 || (int)ev->kind >= NETRA_INDEX_KIND_COUNT)
        return nt_error_set(NETRA_EINVAL, "field 'kind': %d is not a kind", (int)ev->kind);
    e.kind = (uint8_t)ev->kind;
    if (empty(ev->region))
        return nt_error_set(NETRA_EINVAL, "field 'region': empty; a Kemendagri code is required");
    nt_ix_code code;
    netra_region_level level;
    int err = nt_ix_code_parse(&code, &level, ev->region);
    if (err < 0)
        return nt_error_prefix("field 'region'");
    if (ev->date == 0)
        return nt_error_set(NETRA_EINVAL, "field 'date': missing");
    e.date = ev->date;
    const netra_election *el = NULL;
    if (!empty(ev->election)) {
        el = netra_law_election(cfg->law, ev->election);
        if (el == NULL)
            return nt_error_set(NETRA_EINVAL, "field 'election': '%.60s' is not in elections.tsv",
                                ev->election);
    }
    if (!empty(ev->stage)) {
        int ph = phase_parse(ev->stage);
        if (ph < 0)
            return nt_error_set(NETRA_EINVAL,
                                "field 'stage': '%.60s' is not a phase (pra_tahapan, pencalonan, "
                                "pasca_penetapan, kampanye, masa_tenang, pemungutan, "
                                "penghitungan_rekap, pasca_pemilihan)",
                                ev->stage);
        if (el == NULL)
            return nt_error_set(NETRA_EINVAL, "field 'stage': a stage needs an election");
        e.stage = (uint8_t)ph;
    } else if (el != NULL) {
        const netra_stage *phase = NULL;
        size_t n_ev;
        if ((err = netra_law_stage_at(&phase, NULL, 0, &n_ev, cfg->law, el, ev->date)) < 0)
            return err;
        e.stage = phase != NULL ? (uint8_t)phase->phase : NETRA_PHASE_NONE;
    }
    size_t issue = nt_ix_other_issue(cfg);
    e.level = NETRA_LEVEL_NONE;
    if (!empty(ev->form)) {
        const netra_form *f = netra_law_form(cfg->law, ev->form);
        if (f == NULL)
            return nt_error_set(NETRA_EINVAL,
                                "field 'form': '%.20s' is not a form of forms.tsv (KE-1..KE-7, "
                                "D-1..D-13)",
                                ev->form);
        size_t n_forms = netra_law_n_forms(cfg->law);
        for (size_t i = 0; i < n_forms; i++) {
            if (netra_law_form_at(cfg->law, i) == f) {
                issue = cfg->form_issue[i];
                e.level = (uint8_t)f->level;
                break;
            }
        }
    }
    if (!empty(ev->category)) {
        size_t i = 0;
        while (i < cfg->n_issues && strcmp(cfg->issue_ids[i], ev->category) != 0)
            i++;
        if (i == cfg->n_issues)
            return nt_error_set(
                NETRA_EINVAL, "field 'category': '%.60s' is not an issue of data/index/issues.tsv",
                ev->category);
        issue = i;
    }
    e.issue = (uint8_t)issue;
    long s;
    if ((s = nt_ix_intern(ix, &ix->elections, el ? el->id : NULL)) < 0)
        return nt_error_prefix("field 'election'");
    e.election = (uint16_t)s;
    if ((s = nt_ix_intern(ix, &ix->agencies, ev->agency)) < 0)
        return nt_error_prefix("field 'agency'");
    e.agency = (uint16_t)s;
    if ((s = nt_ix_intern(ix, &ix->positions, ev->position)) < 0)
        return nt_error_prefix("field 'position'");
    e.position = (uint16_t)s;
    e.weight = (float)(cfg->kind_w[e.kind] * cfg->level_w[e.level] * cfg->stage_w[e.stage]);
    uint32_t slot;
    if ((err = region_slot(&slot, ix, code, level)) < 0)
        return err;
    e.region = slot;
    if (nt_vec_push(&ix->events, &e) == NULL)
        return netra_error_last()->code;
    return NETRA_OK;
}

/* ---- CSV for analysts ---------------------------------------------------------------------- */

/* Copies a field into a NUL-terminated buffer (fields of nt_csv are NUL-terminated already,
 * but optional columns may be absent). */
static const char *field(const nt_csv *c, const char *name)
{
    size_t len;
    const char *s = nt_csv_get(c, name, &len);
    return len ? s : NULL;
}

static int csv_row(netra_index *ix, const nt_csv *c)
{
    netra_index_event ev;
    memset(&ev, 0, sizeof ev);
    size_t len;
    const char *kind = nt_csv_get(c, "kind", &len);
    if (netra_index_kind_parse(&ev.kind, kind) < 0)
        return nt_csv_error(c, "kind", "%s", netra_error_last()->msg);
    const char *date = nt_csv_get(c, "date", &len);
    if (netra_date_parse(&ev.date, date, len) < 0)
        return nt_csv_error(c, "date", "'%.20s' is not a date YYYY-MM-DD", date);
    ev.region = field(c, "region");
    ev.election = field(c, "election");
    ev.stage = field(c, "stage");
    ev.form = field(c, "form");
    ev.category = field(c, "category");
    ev.agency = field(c, "agency");
    ev.position = field(c, "position");
    int err = netra_index_add(ix, &ev);
    if (err == NETRA_EINVAL) {
        /* "field 'x': reason" from netra_index_add: put path:line in front (copied first:
         * the message buffer is the one being written) */
        char msg[NETRA_ERROR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", netra_error_last()->msg);
        return nt_error_set(NETRA_EDATA, "%s:%u: %s", c->rec.path, c->rec.line, msg);
    }
    return err;
}

int netra_index_load_csv(size_t *n_out, netra_index *ix, const char *path, const char *data,
                         size_t len, netra_index_progress progress, void *payload)
{
    static const char *const required[] = {"kind", "region", "date", NULL};
    static const char *const known[] = {"kind", "region",   "date",   "election", "stage",
                                        "form", "category", "agency", "position", NULL};
    NT_ASSERT_ARG(ix != NULL);
    if (n_out)
        *n_out = 0;
    nt_csv c;
    int err = nt_csv_open(&c, path, data, len, IX_CSV_MAX_FILE, required);
    if (err < 0)
        return err;
    for (size_t i = 0; i < c.rec.n_cols; i++) {
        size_t k = 0;
        while (known[k] != NULL && strcmp(known[k], c.rec.col_names[i]) != 0)
            k++;
        if (known[k] == NULL) {
            err = nt_error_set(NETRA_EDATA,
                               "%s:1: column '%.40s' is unknown (kind, region, date, election, "
                               "stage, form, category, agency, position)",
                               c.rec.path, c.rec.col_names[i]);
            nt_csv_close(&c);
            return err;
        }
    }
    size_t before = ix->events.n, n = 0;
    while ((err = nt_csv_next(&c)) > 0) {
        if ((err = csv_row(ix, &c)) < 0)
            break;
        if (++n % IX_PROGRESS_STEP == 0 && progress)
            progress(n, payload);
    }
    nt_csv_close(&c);
    if (err < 0) {
        ix->events.n = before; /* nothing added from a file with a bad row */
        return err;
    }
    if (progress)
        progress(n, payload);
    if (n_out)
        *n_out = n;
    return NETRA_OK;
}

/* ---- detector verdicts ---------------------------------------------------------------------- */

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int verdict_line(netra_index *ix, const char *path, unsigned long line, const char *buf,
                        size_t len, size_t *added, size_t *unplaced)
{
    json_error_t jerr;
    json_t *v = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (v == NULL)
        return nt_error_set(NETRA_EDATA, "%s:%lu: byte %d: %s", path, line, jerr.position + 1,
                            jerr.text);
    int err = NETRA_OK;
    if (!json_is_object(v)) {
        err = nt_error_set(NETRA_EDATA, "%s:%lu: not a JSON object", path, line);
        goto done;
    }
    if (json_object_get(v, "error") != NULL) /* an input line the scanner could not read */
        goto done;
    json_t *flagged = json_object_get(v, "flagged");
    if (!json_is_boolean(flagged)) {
        err = nt_error_set(NETRA_EDATA,
                           "%s:%lu: field 'flagged': missing; not a verdict of netra scan", path,
                           line);
        goto done;
    }
    json_t *viol = json_object_get(v, "violation");
    if (!json_is_true(flagged) || !json_is_object(viol))
        goto done;
    netra_index_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = NETRA_INDEX_DETEKSI;
    const char *date = jstr(v, "date");
    if (date == NULL || netra_date_parse(&ev.date, date, strlen(date)) < 0) {
        err = nt_error_set(NETRA_EDATA, "%s:%lu: field 'date': missing or not YYYY-MM-DD", path,
                           line);
        goto done;
    }
    ev.region = jstr(v, "region");
    /* violation.election is the election file's id ("pilpres-2024"); law_election the law
     * tables' ("pemilu-2024"); older verdicts have only the first */
    ev.election = jstr(viol, "law_election");
    if (ev.election == NULL)
        ev.election = jstr(viol, "election");
    ev.form = jstr(viol, "form");
    json_t *asn = json_object_get(v, "asn");
    if (json_is_object(asn)) { /* the registry's agency and position, when it knew the author */
        ev.agency = jstr(asn, "agency");
        ev.position = jstr(asn, "position_class");
    }
    if (empty(ev.region)) {
        (*unplaced)++;
        goto done;
    }
    if ((err = netra_index_add(ix, &ev)) == NETRA_EINVAL) {
        char msg[NETRA_ERROR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", netra_error_last()->msg);
        err = nt_error_set(NETRA_EDATA, "%s:%lu: %s", path, line, msg);
    } else if (err >= 0)
        (*added)++;
done:
    json_decref(v);
    return err;
}

int netra_index_load_verdicts(size_t *n_out, size_t *unplaced_out, netra_index *ix,
                              const char *path, netra_index_progress progress, void *payload)
{
    NT_ASSERT_ARG(ix != NULL);
    NT_ASSERT_ARG(path != NULL);
    size_t added = 0, unplaced = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return nt_error_set(NETRA_EIO, "%s: cannot open", path);
    nt_buf line;
    nt_buf_init(&line, IX_JSONL_MAX_LINE);
    size_t before = ix->events.n;
    unsigned long lineno = 0;
    int err = NETRA_OK, c = 0;
    while (err >= 0 && c != EOF) {
        nt_buf_reset(&line);
        lineno++;
        while ((c = getc(f)) != EOF && c != '\n') {
            if ((err = nt_buf_addc(&line, (char)c)) < 0) {
                err = nt_error_set(NETRA_ETOOBIG, "%s:%lu: line longer than %u bytes", path, lineno,
                                   IX_JSONL_MAX_LINE);
                break;
            }
        }
        if (err < 0)
            break;
        const char *s = nt_buf_cstr(&line);
        size_t len = line.len;
        while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
            len--;
        if (len == 0)
            continue;
        err = verdict_line(ix, path, lineno, s, len, &added, &unplaced);
        if (progress && lineno % IX_PROGRESS_STEP == 0)
            progress(added, payload);
    }
    if (err >= 0 && ferror(f))
        err = nt_error_set(NETRA_EIO, "%s: read error", path);
    fclose(f);
    nt_buf_free(&line);
    if (err < 0) {
        ix->events.n = before;
        return err;
    }
    if (n_out)
        *n_out = added;
    if (unplaced_out)
        *unplaced_out = unplaced;
    return NETRA_OK;
}
