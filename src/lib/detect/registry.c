/*
 * registry.c - the optional ASN registry: who is a civil servant, by social-media handle.
 *
 * CSV (docs/data/registry.md): nip, name, agency, position_class, region, handles. Every
 * identifier is checked as a NIP or NI PPPK (netra_id_check); handles are matched without
 * '@' and without case. A handle listed for two people is an error, not a guess.
 */
#include <string.h>

#include "detect/detect_int.h"
#include "netra/ident.h"

#define REGISTRY_MAX_FILE (512u * 1024u * 1024u)

struct netra_registry {
    nt_arena arena;
    nt_vec entries;   /* netra_registry_entry */
    nt_map by_handle; /* lowercase handle -> entry index + 1 */
};

static const char *const position_classes[] = {
    "jpt",   "administrator", "pengawas",         "pelaksana", "fungsional", "camat",
    "lurah", "guru",          "tenaga_kesehatan", "lainnya",   NULL,
};

void netra_registry_free(netra_registry *reg)
{
    if (reg == NULL)
        return;
    nt_arena_free(&reg->arena);
    nt_vec_free(&reg->entries);
    nt_map_free(&reg->by_handle);
    nt_free(reg);
}

size_t netra_registry_size(const netra_registry *reg)
{
    return reg ? reg->entries.n : 0;
}

static int add_handles(netra_registry *reg, nt_csv *c, const char *hs, size_t hl, size_t index)
{
    size_t i = 0;
    while (i <= hl) {
        size_t j = i;
        while (j < hl && hs[j] != ';')
            j++;
        const char *h = hs + i;
        size_t n = j - i;
        while (n && (*h == ' ' || *h == '@')) {
            h++;
            n--;
        }
        while (n && h[n - 1] == ' ')
            n--;
        if (n > 0) {
            if (n > 100)
                return nt_csv_error(c, "handles", "a handle longer than 100 bytes");
            char *k = nt_arena_strndup(&reg->arena, h, n);
            if (k == NULL)
                return netra_error_last()->code;
            nt_str_lower_ascii(k, n);
            void *old = nt_map_get(&reg->by_handle, k, n);
            if (old && (size_t)(uintptr_t)old - 1 != index)
                return nt_csv_error(c, "handles", "'%s' already belongs to another person", k);
            int rc = nt_map_put(&reg->by_handle, k, n, (void *)(uintptr_t)(index + 1), NULL);
            if (rc)
                return rc;
        }
        i = j + 1;
    }
    return NETRA_OK;
}

int netra_registry_load(netra_registry **out, const char *path)
{
    NT_ASSERT_ARG(out != NULL && path != NULL);
    static const char *const cols[] = {"nip", "name", "agency", "position_class", "handles", NULL};
    netra_registry *reg = nt_calloc(1, sizeof *reg);
    if (reg == NULL)
        return NETRA_ENOMEM;
    nt_arena_init(&reg->arena, 1u << 16, 0);
    nt_vec_init(&reg->entries, sizeof(netra_registry_entry), 10000000);
    nt_map_init(&reg->by_handle);
    nt_csv c;
    int rc = nt_csv_open(&c, path, NULL, 0, REGISTRY_MAX_FILE, cols);
    if (rc) {
        netra_registry_free(reg);
        return rc;
    }
    while ((rc = nt_csv_next(&c)) == 1) {
        netra_registry_entry e;
        memset(&e, 0, sizeof e);
        size_t l;
        const char *nip = nt_csv_get(&c, "nip", &l);
        netra_id_info info;
        if (netra_id_check(&info, nip, l, NULL) != NETRA_OK ||
            (info.kind != NETRA_ID_NIP && info.kind != NETRA_ID_NIPPPK)) {
            rc = nt_csv_error(&c, "nip", "not a valid NIP or NI PPPK");
            break;
        }
        e.employee_type = info.kind == NETRA_ID_NIPPPK ? "pppk" : "pns";
        if ((e.nip = nt_arena_strdup(&reg->arena, info.digits)) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
        const char *fields[] = {"name", "agency", "position_class", "region"};
        const char **dst[] = {&e.name, &e.agency, &e.position_class, &e.region};
        for (size_t i = 0; i < 4 && rc >= 0; i++) {
            const char *v = nt_csv_get(&c, fields[i], &l);
            if (l == 0 && i < 3) {
                rc = nt_csv_error(&c, fields[i], "empty");
                break;
            }
            if ((*dst[i] = nt_arena_strndup(&reg->arena, v, l)) == NULL)
                rc = netra_error_last()->code;
        }
        if (rc < 0)
            break;
        int ok = 0;
        for (size_t i = 0; position_classes[i]; i++)
            ok |= strcmp(position_classes[i], e.position_class) == 0;
        if (!ok) {
            rc = nt_csv_error(&c, "position_class",
                              "must be one of jpt, administrator, pengawas, pelaksana, "
                              "fungsional, camat, lurah, guru, tenaga_kesehatan, lainnya");
            break;
        }
        const char *hs = nt_csv_get(&c, "handles", &l);
        if ((rc = add_handles(reg, &c, hs, l, reg->entries.n)) < 0)
            break;
        if (nt_vec_push(&reg->entries, &e) == NULL) {
            rc = netra_error_last()->code;
            break;
        }
    }
    nt_csv_close(&c);
    if (rc < 0) {
        netra_registry_free(reg);
        return rc;
    }
    *out = reg;
    return NETRA_OK;
}

const netra_registry_entry *netra_registry_find(const netra_registry *reg, const char *handle,
                                                size_t len)
{
    if (reg == NULL || len == 0 || len > 100)
        return NULL;
    char k[101];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = handle[i];
        if (i == 0 && ch == '@')
            continue;
        k[n++] = nt_ascii_lower(ch);
    }
    void *v = nt_map_get(&reg->by_handle, k, n);
    return v ? (const netra_registry_entry *)nt_vec_at(&reg->entries, (size_t)(uintptr_t)v - 1)
             : NULL;
}
