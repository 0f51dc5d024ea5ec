/*
 * db_pg.c - the PostgreSQL backend of the statement layer (db.h). Not built yet: a
 * postgresql:// location is refused as before (docs/decisions/0006-store-interface.md).
 */
#include "store/db.h"
#include "util/util_int.h"

int nt_db_pg_open(nt_db **out, const char *uri)
{
    (void)uri;
    *out = NULL;
    return nt_error_set(NETRA_EINVAL, "the PostgreSQL backend is not built yet (see "
                                      "docs/decisions/0006-store-interface.md)");
}
