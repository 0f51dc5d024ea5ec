/*
 * routes.c - the route table: the one list netrad dispatches from and builds its OpenAPI 3.1
 * document from (GET /api/v1/openapi.json). A route needing a login is listed here only
 * once accounts exist; until then it does not exist for clients or for the document.
 */
#include <stdio.h>
#include <string.h>

#include "server.h"

#define J "application/json"

/* Shared schema fragments (JSON text). */
#define S_OBJ "{\"type\":\"object\"}"
#define S_FORM                                                                                     \
    "{\"type\":\"object\",\"required\":[\"id\",\"kind\",\"level\",\"label_id\",\"basis\"],"        \
    "\"properties\":{\"id\":{\"type\":\"string\",\"examples\":[\"D-6\"]},\"kind\":{\"enum\":["     \
    "\"kode_etik\",\"disiplin\"]},\"object\":{\"type\":\"string\"},\"level\":{\"type\":"           \
    "\"string\"},\"label_id\":{\"type\":\"string\"},\"label_en\":{\"type\":\"string\"},"           \
    "\"basis\":{\"type\":\"string\"}}}"

#define S_OFFICE                                                                                   \
    "{\"type\":\"object\",\"required\":[\"id\",\"kind\",\"name\",\"region\",\"version\"],"         \
    "\"properties\":{\"id\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\"},\"name\":{"      \
    "\"type\":\"string\"},\"region\":{\"type\":\"string\"},\"agency\":{\"type\":\"string\"},"      \
    "\"parent\":{\"type\":[\"integer\",\"null\"]},\"created\":{\"type\":\"string\"},\"version\":{" \
    "\"type\":\"integer\"}}}"
#define S_USER                                                                                     \
    "{\"type\":\"object\",\"required\":[\"id\",\"login\",\"office\",\"role\",\"disabled\","        \
    "\"version\"],\"properties\":{\"id\":{\"type\":\"integer\"},\"login\":{\"type\":\"string\"},"  \
    "\"display_name\":{\"type\":\"string\"},\"office\":{\"type\":\"object\"},\"role\":{\"type\":"  \
    "\"string\"},\"disabled\":{\"type\":\"boolean\"},\"must_change_password\":{\"type\":"          \
    "\"boolean\"},\"last_login\":{\"type\":[\"string\",\"null\"]},\"version\":{\"type\":"          \
    "\"integer\"}}}"

static const srv_route routes[] = {
    {"GET", "/healthz", h_healthz, 0, NULL, "operations", "Liveness and version", NULL, NULL, NULL,
     J,
     "{\"type\":\"object\",\"required\":[\"status\"],\"properties\":{\"status\":{\"const\":\"ok\"},"
     "\"version\":{\"type\":\"string\"},\"uptime_seconds\":{\"type\":\"integer\"}}}",
     200, NULL},
    {"GET", "/metrics", h_metrics, 0, NULL, "operations",
     "Prometheus metrics: requests by route and status, latency, scan throughput, overdue cases",
     NULL, NULL, NULL, "text/plain", "{\"type\":\"string\"}", 200, "503"},
    {"GET", "/api/v1/openapi.json", h_openapi, 0, NULL, "operations",
     "This document, generated from the route table", NULL, NULL, NULL, J, S_OBJ, 200, NULL},
    {"GET", "/api/v1/forms", h_forms, 0, NULL, "law",
     "The 20 forms of violation (KE-1..KE-7, D-1..D-13)", NULL, NULL, NULL, J,
     "{\"type\":\"object\",\"properties\":{\"forms\":{\"type\":\"array\",\"items\":" S_FORM "}}}",
     200, NULL},
    {"GET", "/api/v1/forms/{id}", h_form, 0, NULL, "law",
     "One form with its acts, sanction level, sanction options and legal basis",
     "id|path|string|form id, e.g. D-6", NULL, NULL, J, S_FORM, 200, "404"},
    {"GET", "/api/v1/acts", h_acts, 0, NULL, "law",
     "Acts and the form each becomes before and after the designation date", NULL, NULL, NULL, J,
     S_OBJ, 200, NULL},
    {"GET", "/api/v1/sanctions", h_sanctions, 0, NULL, "law",
     "Sanction options of a level for an employee type on a date",
     "level|query|string|sanction level (ringan, sedang, berat, ...);employee_type|query|string|"
     "pns, cpns or pppk;date|query|date|the date the options must be in force (default today)",
     NULL, NULL, J, S_OBJ, 200, "400"},
    {"POST", "/api/v1/classify", h_classify, 0, NULL, "law",
     "Classify an act: the form (ethics before designation, discipline after), sanctions and "
     "the reasoning",
     NULL, J,
     "{\"type\":\"object\",\"required\":[\"act\",\"date\",\"election\"],\"additionalProperties\":"
     "false,\"properties\":{\"act\":{\"type\":\"string\",\"examples\":[\"like\"]},\"date\":{"
     "\"type\":\"string\",\"format\":\"date\"},\"election\":{\"type\":\"string\",\"examples\":["
     "\"pilkada-2024\"]},\"office\":{\"type\":\"string\"},\"employee_type\":{\"enum\":[\"pns\","
     "\"cpns\",\"pppk\"]}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"form\",\"level\",\"reasoning_id\"],\"properties\":{"
     "\"form\":" S_FORM ",\"level\":{\"type\":\"string\"},\"reasoning_id\":{\"type\":\"array\"},"
     "\"reasoning_en\":{\"type\":\"array\"},\"sanctions\":{\"type\":\"array\"}}}",
     200, "400,413,415,422"},
    {"GET", "/api/v1/elections", h_elections, 0, NULL, "elections",
     "Elections the law data knows, and the election files the detector loaded", NULL, NULL, NULL,
     J, S_OBJ, 200, NULL},
    {"GET", "/api/v1/elections/{id}/stages", h_election_stages, 0, NULL, "elections",
     "The stages (tahapan) of an election with their dates and basis",
     "id|path|string|election id, e.g. pemilu-2024", NULL, NULL, J, S_OBJ, 200, "404"},
    {"GET", "/api/v1/elections/{id}/stage", h_election_stage_at, 0, NULL, "elections",
     "The stage on a date, the designation date and the examining agency",
     "id|path|string|election id;date|query|date|the day (YYYY-MM-DD)", NULL, NULL, J, S_OBJ, 200,
     "400,404"},
    {"GET", "/api/v1/calendar/add", h_calendar_add, 0, NULL, "calendar",
     "A deadline in working days (hari kerja) across weekends, holidays and cuti bersama",
     "from|query|date|start day (not counted);days|query|integer|working days", NULL, NULL, J,
     S_OBJ, 200, "400,422"},
    {"GET", "/api/v1/calendar/{date}", h_calendar_day, 0, NULL, "calendar",
     "Whether a day is a working day, and which holiday it is",
     "date|path|date|the day (YYYY-MM-DD)", NULL, NULL, J, S_OBJ, 200, "400,422"},
    {"GET", "/api/v1/regions", h_regions_find, 0, NULL, "regions",
     "Find regions by name or code, the way people write them",
     "q|query|string|name or code, e.g. kab bandung;level|query|string|province, regency or "
     "district",
     NULL, NULL, J, S_OBJ, 200, "400"},
    {"GET", "/api/v1/regions/{code}", h_region, 0, NULL, "regions",
     "One region by Kemendagri code, with its children", "code|path|string|e.g. 32.04", NULL, NULL,
     J, S_OBJ, 200, "404,422"},
    {"GET", "/api/v1/workflow", h_workflow, 0, NULL, "cases",
     "The case workflow as data: roles, states, actions, transitions, legal clocks", NULL, NULL,
     NULL, J, S_OBJ, 200, NULL},
    {"POST", "/api/v1/session", h_login, 0, NULL, "accounts",
     "Log in: sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token", NULL, J,
     "{\"type\":\"object\",\"required\":[\"login\",\"password\"],\"additionalProperties\":"
     "false,\"properties\":{\"login\":{\"type\":\"string\"},\"password\":{\"type\":"
     "\"string\"}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"user\",\"csrf\"],\"properties\":{\"user\":{"
     "\"type\":\"object\"},\"csrf\":{\"type\":\"string\"}}}",
     201, "400,401,415,422,429"},
    {"DELETE", "/api/v1/session", h_logout, 1, "self", "accounts",
     "Log out: ends the session and clears the cookie", NULL, NULL, NULL, J, S_OBJ, 204, "401,403"},
    {"GET", "/api/v1/me", h_me, 1, "self", "accounts",
     "The account asking: role, office, region, agency", NULL, NULL, NULL, J, S_OBJ, 200, "401"},
    {"POST", "/api/v1/me/password", h_me_password, 1, "self", "accounts",
     "Change the own password: the current one is needed (wrong ones are throttled like "
     "logins); every other session of the account ends; clears a reset's must-change",
     NULL, J,
     "{\"type\":\"object\",\"required\":[\"current_password\",\"new_password\"],"
     "\"additionalProperties\":false,\"properties\":{\"current_password\":{\"type\":"
     "\"string\"},\"new_password\":{\"type\":\"string\",\"minLength\":10}}}",
     J, S_OBJ, 200, "400,401,403,415,422,429"},
    /* ---- users and offices (h_accounts.c): administrators of the office's region ---- */
    {"GET", "/api/v1/users", h_users_list, 1, "accounts", "accounts",
     "Users of the offices in the administrator's region, by id after the cursor",
     "office|query|integer|only this office's users;disabled|query|boolean|true or false;"
     "limit|query|integer|1-500 (default 100);cursor|query|string|next_cursor of the previous "
     "page",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"users\",\"next_cursor\"],\"properties\":{\"users\":{"
     "\"type\":\"array\",\"items\":" S_USER "},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}",
     200, "400,401,403"},
    {"POST", "/api/v1/users", h_user_create, 1, "accounts", "accounts",
     "Create a user in an office of the administrator's region; the reply carries a one-time "
     "password, shown once, that must be changed at the first login",
     NULL, J,
     "{\"type\":\"object\",\"required\":[\"login\",\"display_name\",\"office\"],"
     "\"additionalProperties\":false,\"properties\":{\"login\":{\"type\":\"string\","
     "\"pattern\":\"^[a-z0-9][a-z0-9._-]{2,62}$\"},\"display_name\":{\"type\":\"string\"},"
     "\"office\":{\"type\":\"integer\"}}}",
     J, S_USER, 201, "400,401,403,404,409,415,422"},
    {"GET", "/api/v1/users/{id}", h_user_get, 1, "accounts", "accounts",
     "One user; ETag is its version", "id|path|integer|user number", NULL, NULL, J, S_USER, 200,
     "400,401,403,404"},
    {"PATCH", "/api/v1/users/{id}", h_user_patch, 1, "accounts", "accounts",
     "Change a user's name, office (and so role and scope) or disabled flag; If-Match with the "
     "ETag is required; disabling or moving ends its sessions",
     "id|path|integer|user number;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"display_name\":{"
     "\"type\":\"string\"},\"office\":{\"type\":\"integer\"},\"disabled\":{\"type\":"
     "\"boolean\"}}}",
     J, S_USER, 200, "400,401,403,404,409,412,415,422,428"},
    {"POST", "/api/v1/users/{id}/password", h_user_reset_password, 1, "accounts", "accounts",
     "Reset a user's password: a one-time password shown once, valid 72 hours, to be changed "
     "at the next login; every session of the user ends",
     "id|path|integer|user number", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"one_time_password\",\"login\",\"expires\"],"
     "\"properties\":{\"one_time_password\":{\"type\":\"string\",\"examples\":["
     "\"7QK2M-XW3RT-0PZ9H-4D6NC\"]},\"login\":{\"type\":\"string\"},\"expires\":{\"type\":"
     "\"integer\",\"description\":\"Unix seconds\"}}}",
     200, "400,401,403,404,409"},
    {"GET", "/api/v1/offices", h_offices_list, 1, "accounts", "accounts",
     "Offices in the administrator's region", "kind|query|string|a kind of offices.tsv", NULL, NULL,
     J,
     "{\"type\":\"object\",\"required\":[\"offices\"],\"properties\":{\"offices\":{\"type\":"
     "\"array\",\"items\":" S_OFFICE "}}}",
     200, "400,401,403"},
    {"POST", "/api/v1/offices", h_office_create, 1, "accounts", "accounts",
     "Create an office of a kind of data/org/offices.tsv in the administrator's region", NULL, J,
     "{\"type\":\"object\",\"required\":[\"kind\",\"name\"],\"additionalProperties\":false,"
     "\"properties\":{\"kind\":{\"type\":\"string\",\"examples\":[\"bawaslu_kabkota\"]},"
     "\"name\":{\"type\":\"string\"},\"region\":{\"type\":\"string\",\"examples\":[\"32.04\"]},"
     "\"agency\":{\"type\":\"string\"},\"parent\":{\"type\":\"integer\"}}}",
     J, S_OFFICE, 201, "400,401,403,404,409,415,422"},
    {"GET", "/api/v1/offices/{id}", h_office_get, 1, "accounts", "accounts",
     "One office; ETag is its version", "id|path|integer|office number", NULL, NULL, J, S_OFFICE,
     200, "400,401,403,404"},
    {"PATCH", "/api/v1/offices/{id}", h_office_patch, 1, "accounts", "accounts",
     "Rename an office or change its region or parent (checked like a new office; offices "
     "under it must stay in its region); If-Match with the ETag is required",
     "id|path|integer|office number;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":"
     "\"string\"},\"region\":{\"type\":\"string\"},\"parent\":{\"type\":[\"integer\","
     "\"null\"]}}}",
     J, S_OFFICE, 200, "400,401,403,404,409,412,415,422,428"},
    {"GET", "/api/v1/cases", h_cases, 1, "cases", "cases",
     "Cases the account may see (its region and below, or its agency), filtered, sorted, by "
     "cursor",
     "state|query|string|a workflow state;kind|query|string|laporan, temuan, informasi_awal;"
     "region|query|string|region code prefix (32 = Jawa Barat);overdue|query|boolean|only cases "
     "past a legal deadline;date|query|date|the day for overdue (default today);sort|query|"
     "string|id, updated or opened, '-' for descending;limit|query|integer|1-500 (default 50);"
     "cursor|query|string|next_cursor of the previous page",
     NULL, NULL, J, S_OBJ, 200, "400,401,403"},
    {"GET", "/api/v1/cases/{id}", h_case, 1, "cases", "cases",
     "One case with its accused, acts and allowed actions; ETag is its version",
     "id|path|integer|case number", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"id\",\"version\",\"state\"],\"properties\":{\"id\":{"
     "\"type\":\"integer\"},\"version\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\"},"
     "\"state\":{\"type\":\"string\"},\"region\":{\"type\":\"string\"},\"holder\":{\"type\":"
     "\"string\"},\"title\":{\"type\":\"string\"},\"accused\":{\"type\":\"array\"},\"acts\":{"
     "\"type\":\"array\"},\"allowed_actions\":{\"type\":\"array\"}}}",
     200, "401,403,404"},
    {"GET", "/api/v1/cases/{id}/timeline", h_case_timeline, 1, "cases", "cases",
     "The case's audit entries in order", "id|path|integer|case number", NULL, NULL, J, S_OBJ, 200,
     "401,403,404"},
    {"GET", "/api/v1/cases/{id}/clocks", h_case_clocks, 1, "cases", "cases",
     "The case's legal clocks: deadline, basis, overdue, escalation",
     "id|path|integer|case number;date|query|date|the day for overdue (default today)", NULL, NULL,
     J, S_OBJ, 200, "401,403,404"},
    {"POST", "/api/v1/cases/{id}/actions", h_case_action, 1, "cases", "cases",
     "Take a workflow action; If-Match with the case's ETag is required",
     "id|path|integer|case number;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"required\":[\"action\"],\"additionalProperties\":false,"
     "\"properties\":{\"action\":{\"type\":\"string\"},\"fields\":{\"type\":\"object\","
     "\"additionalProperties\":{\"type\":\"string\"}},\"date\":{\"type\":\"string\","
     "\"format\":\"date\"}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"id\",\"version\",\"state\"],\"properties\":{\"id\":{"
     "\"type\":\"integer\"},\"version\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\"},"
     "\"state\":{\"type\":\"string\"},\"region\":{\"type\":\"string\"},\"holder\":{\"type\":"
     "\"string\"},\"title\":{\"type\":\"string\"},\"accused\":{\"type\":\"array\"},\"acts\":{"
     "\"type\":\"array\"},\"allowed_actions\":{\"type\":\"array\"}}}",
     200, "400,401,403,404,409,412,415,422,428"},
    {"GET", "/api/v1/cases/{id}/evidence", h_case_evidence_list, 1, "cases", "cases",
     "The case's evidence: SHA-256, size, media type, capture, and each chain-of-custody entry",
     "id|path|integer|case number", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"case\",\"evidence\",\"total\"],\"properties\":{"
     "\"case\":{\"type\":\"integer\"},\"evidence\":{\"type\":\"array\",\"items\":{"
     "\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"sha256\":{"
     "\"type\":\"string\"},\"custody\":{\"type\":\"array\"}}}},\"total\":{\"type\":"
     "\"integer\"},\"truncated\":{\"type\":\"boolean\"}}}",
     200, "401,403,404"},
    {"POST", "/api/v1/cases/{id}/evidence", h_case_evidence, 1, "cases", "cases",
     "Upload a piece of evidence (raw body; stored once by SHA-256, custody entry written)",
     "id|path|integer|case number;kind|query|string|tangkapan_layar, foto, video, dokumen or "
     "teks;url|query|string|where it was found",
     "image/jpeg,image/png,image/webp,application/pdf,video/mp4,text/plain",
     "{\"type\":\"string\",\"contentMediaType\":\"application/octet-stream\"}", J,
     "{\"type\":\"object\",\"required\":[\"evidence_id\",\"sha256\"],\"properties\":{"
     "\"evidence_id\":{\"type\":\"integer\"},\"sha256\":{\"type\":\"string\"}}}",
     201, "400,401,403,404,413,415"},
    {"GET", "/api/v1/cases/{id}/reporter", h_case_reporter, 1, "cases", "cases",
     "The reporter's identity, for roles with the legal need; every read is audited",
     "id|path|integer|case number", NULL, NULL, J, S_OBJ, 200, "401,403,404"},
    {"GET", "/api/v1/export", h_export, 1, "cases", "cases",
     "Every case as CSV or JSON, streamed, with the audit-chain head (national offices)",
     "format|query|string|csv (default) or json", NULL, NULL, "text/csv", "{\"type\":\"string\"}",
     200, "400,401,403"},
    /* ---- one civil servant, duplicates and merging, the dashboard (api_asn.c) ---- */
    {"GET", "/api/v1/asn", h_asn_find, 1, "cases", "cases",
     "Accused civil servants found by name (every word, in any case, titles ignored) or by the "
     "first digits of a NIP, only those with a case in the account's region or agency, by "
     "name; at most 50 (more: a narrower query shows the rest)",
     "q|query|string|a name (words of at least 2 characters, at most 6) or at least 4 digits of a "
     "NIP",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"query\",\"results\",\"more\"],\"properties\":{"
     "\"query\":{\"type\":\"string\"},\"more\":{\"type\":\"boolean\"},\"results\":{\"type\":"
     "\"array\",\"items\":{\"type\":\"object\",\"required\":[\"nip\",\"name\",\"n_cases\"],"
     "\"properties\":{\"nip\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"agency\":{"
     "\"type\":\"string\"},\"region\":{\"type\":\"string\"},\"n_cases\":{\"type\":"
     "\"integer\",\"description\":\"cases the account sees\"},\"cases_elsewhere\":{\"type\":"
     "\"integer\"}}}}}}",
     200, "400,401,403,422"},
    {"GET", "/api/v1/asn/{nip}", h_asn, 1, "cases", "cases",
     "One accused civil servant across cases and elections: acts with their form, state, "
     "sanction and decree, repeat history; only the cases of the account's region or agency "
     "(404 when it sees none), never the reporters",
     "nip|path|string|NIP or NI PPPK (18 digits; spaces, dots and dashes ignored)", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"nip\",\"name\",\"cases\"],\"properties\":{"
     "\"nip\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"agency\":{\"type\":"
     "\"string\"},\"n_cases\":{\"type\":\"integer\"},\"cases_elsewhere\":{\"type\":"
     "\"integer\",\"description\":\"cases outside the account's scope, counted only\"},"
     "\"repeat\":{\"type\":\"boolean\"},\"sanctioned\":{\"type\":\"integer\"},\"elections\":{"
     "\"type\":\"array\"},\"forms\":{\"type\":\"array\"},\"cases\":{\"type\":\"array\"}}}",
     200, "401,403,404,422"},
    {"GET", "/api/v1/cases/{id}/duplicates", h_case_duplicates, 1, "cases", "cases",
     "Cases that may report the same incident (same accused, act and date; same canonical URL; "
     "near-identical summary), among those the account sees, and the merges of this case",
     "id|path|integer|case number", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"case\",\"duplicates\",\"merges\"],"
     "\"properties\":{\"case\":{\"type\":\"integer\"},\"version\":{\"type\":\"integer\"},"
     "\"merged_into\":{\"type\":[\"integer\",\"null\"]},\"duplicates\":{\"type\":"
     "\"array\"},\"merges\":{\"type\":\"array\"}}}",
     200, "401,403,404"},
    {"POST", "/api/v1/cases/{id}/merge", h_case_merge, 1, "cases", "cases",
     "Merge another case (source) into this one: its reporters, acts, evidence and accused "
     "move here, its clocks stop; both versions as read; If-Match with this case's ETag "
     "(roles the workflow grants gabungkan)",
     "id|path|integer|the case that continues;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"required\":[\"source\",\"target_version\",\"source_version\"],"
     "\"additionalProperties\":false,\"properties\":{\"source\":{\"type\":\"integer\"},"
     "\"target_version\":{\"type\":\"integer\"},\"source_version\":{\"type\":\"integer\"}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"merge\",\"target\",\"source\"],\"properties\":{"
     "\"merge\":{\"type\":\"object\"},\"target\":{\"type\":\"object\"},\"source\":{"
     "\"type\":\"object\"}}}",
     200, "400,401,403,404,409,412,415,422,428"},
    {"POST", "/api/v1/cases/{id}/unmerge", h_case_unmerge, 1, "cases", "cases",
     "Undo the merge of this (merged) case: what moved goes back exactly, its clocks run "
     "again; If-Match with this case's ETag (roles the workflow grants pisahkan)",
     "id|path|integer|the merged case;If-Match|header|string|the ETag read", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"merge\",\"target\",\"source\"],\"properties\":{"
     "\"merge\":{\"type\":\"object\"},\"target\":{\"type\":\"object\"},\"source\":{"
     "\"type\":\"object\"}}}",
     200, "400,401,403,404,409,412,428"},
    {"POST", "/api/v1/cases/{id}/accused", h_case_accused, 1, "cases", "cases",
     "Record an accused civil servant of the case by NIP (kajian awal: the office handling the "
     "case now); what is known of the person is kept where the request says nothing; audited; "
     "If-Match with the case's ETag",
     "id|path|integer|case number;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"required\":[\"nip\",\"name\"],\"additionalProperties\":false,"
     "\"properties\":{\"nip\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
     "\"employee_type\":{\"enum\":[\"pns\",\"cpns\",\"pppk\"]},\"agency\":{\"type\":\"string\"},"
     "\"position_class\":{\"type\":\"string\"},\"ppk\":{\"type\":\"string\"},\"region\":{"
     "\"type\":\"string\"}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"case\",\"accused\"],\"properties\":{\"case\":{"
     "\"type\":\"integer\"},\"version\":{\"type\":\"integer\"},\"accused\":{\"type\":"
     "\"array\"}}}",
     201, "400,401,403,404,409,412,415,422,428"},
    {"GET", "/api/v1/dashboard", h_dashboard, 1, "cases", "cases",
     "The dashboard's counts over the cases the account sees: open cases by state, kind, "
     "province, form and stage, overdue cases (most days late first, with the clock, deadline "
     "and escalation) and cases opened per month by kind",
     "date|query|date|the day for overdue (default today)", NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"total\",\"open\",\"overdue\",\"by_state\"],"
     "\"properties\":{\"total\":{\"type\":\"integer\"},\"open\":{\"type\":\"integer\"},"
     "\"overdue\":{\"type\":\"array\"},\"by_state\":{\"type\":\"array\"},\"by_kind\":{"
     "\"type\":\"array\"},\"by_region\":{\"type\":\"array\"},\"by_form\":{\"type\":"
     "\"array\"},\"by_stage\":{\"type\":\"array\"},\"trend\":{\"type\":\"array\"}}}",
     200, "400,401,403"},
    /* ---- the vulnerability map (h_index.c) ---- */
    {"GET", "/api/v1/index", h_index, 1, "cases", "index",
     "The vulnerability index (indeks kerawanan) per region of the account's scope, computed "
     "from the store; JSON, or an export as CSV, XLSX or GeoJSON with the filters and computed-at "
     "time",
     "level|query|string|province (default) or kabkota;election|query|string|election id, e.g. "
     "pilkada-2024;stage|query|string|phase id, e.g. kampanye;from|query|date|first day;to|query|"
     "date|last day;format|query|string|json (default), csv, xlsx or geojson",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"meta\",\"regions\"],\"properties\":{\"meta\":{"
     "\"type\":\"object\"},\"regions\":{\"type\":\"array\"}}}",
     200, "400,401,403"},
    {"GET", "/api/v1/index/prevention/{region}", h_index_prevention, 1, "cases", "index",
     "What drives a region's score: issues, stages, agencies and position classes",
     "region|path|string|region code, e.g. 32;election|query|string|election id;stage|query|"
     "string|phase id;from|query|date|first day;to|query|date|last day",
     NULL, NULL, J, S_OBJ, 200, "400,401,403,404,422"},
    {"GET", "/api/v1/index/tilemap", h_index_tilemap, 0, NULL, "index",
     "The tile map of the 38 provinces (row, column), and whether boundaries are configured", NULL,
     NULL, NULL, J, S_OBJ, 200, NULL},
    {"GET", "/api/v1/index/boundaries", h_index_boundaries, 1, "cases", "index",
     "The imported boundary GeoJSON (netra.ini [map] boundaries) at a level",
     "level|query|string|province (default) or kabkota", NULL, NULL, J, S_OBJ, 200, "401,403,404"},
    /* ---- the national statistics (h_stats.c) ---- */
    {"GET", "/api/v1/stats/shares", h_stats_shares, 1, "cases", "stats",
     "Cases per KASN statistics category or per form of violation, with their percentage, in "
     "the account's scope; JSON, or CSV or XLSX with the filters and computed-at time",
     "by|query|string|category (default) or form;election|query|string|election id, e.g. "
     "pilkada-2024;region|query|string|region code inside the account's scope, e.g. 32;from|"
     "query|date|opened on or after;to|query|date|opened on or before;variant|query|string|"
     "internal (default) or public (1-4 as <5, complementary x);format|query|string|json "
     "(default), csv or xlsx",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"meta\",\"columns\",\"rows\",\"total\"],"
     "\"properties\":{\"meta\":{\"type\":\"object\"},\"columns\":{\"type\":\"array\"},"
     "\"rows\":{\"type\":\"array\"},\"total\":{\"type\":\"object\"}}}",
     200, "400,401,403"},
    {"GET", "/api/v1/stats/funnel", h_stats_funnel, 1, "cases", "stats",
     "The funnel reported, registered, forwarded, proven, sanctioned, by agency, position class "
     "or province, with the percentage of each group's reported cases",
     "by|query|string|none (default), agency, position or province;election|query|string|"
     "election id;region|query|string|region code inside the account's scope;from|query|date|"
     "opened on or after;to|query|date|opened on or before;variant|query|string|internal or "
     "public;format|query|string|json, csv or xlsx",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"meta\",\"columns\",\"rows\",\"total\"],"
     "\"properties\":{\"meta\":{\"type\":\"object\"},\"columns\":{\"type\":\"array\"},"
     "\"rows\":{\"type\":\"array\"},\"total\":{\"type\":\"object\"}}}",
     200, "400,401,403"},
    {"GET", "/api/v1/stats/durations", h_stats_durations, 1, "cases", "stats",
     "Days spent in each workflow state: completed stays, cases in it now, median, 90th "
     "percentile and mean",
     "election|query|string|election id;region|query|string|region code inside the account's "
     "scope;from|query|date|opened on or after;to|query|date|opened on or before;variant|query|"
     "string|internal or public (fewer than 5 stays hidden);format|query|string|json, csv or "
     "xlsx",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"meta\",\"states\"],\"properties\":{\"meta\":{"
     "\"type\":\"object\"},\"states\":{\"type\":\"array\"}}}",
     200, "400,401,403"},
    {"POST", "/api/v1/scan", h_scan, 0, NULL, "detector",
     "Scan social-media items (JSON Lines in, one verdict per line out, streamed)", NULL,
     "application/x-ndjson",
     "{\"type\":\"string\",\"description\":\"one item per line, docs/data/items.md\"}",
     "application/x-ndjson",
     "{\"type\":\"string\",\"description\":\"one verdict per line, docs/data/verdicts.md\"}", 200,
     "400,413,415,422,503"},
    /* ---- the public side (h_public.c) ---------------------------------------------------- */
    {"POST", "/api/v1/reports", h_report_submit, 0, NULL, "public",
     "A report from the public, without an account: a laporan when the reporter is named, "
     "entitled and every required field is there, else informasi awal; returns the receipt "
     "code once (rate limited per address)",
     NULL, J,
     "{\"type\":\"object\",\"required\":[\"regime\",\"what\"],\"additionalProperties\":false,"
     "\"properties\":{\"regime\":{\"enum\":[\"pemilu\",\"pilkada\"]},\"election\":{\"type\":"
     "\"string\"},\"region\":{\"type\":\"string\",\"examples\":[\"32.04\"]},\"what\":{\"type\":"
     "\"string\",\"maxLength\":8000},\"when\":{\"type\":\"string\"},\"where\":{\"type\":"
     "\"string\"},\"known\":{\"type\":\"string\",\"format\":\"date\"},\"accused\":{\"type\":"
     "\"string\"},\"reporter\":{\"type\":\"string\",\"description\":\"name and address; "
     "absent: anonymous\"},\"contact\":{\"type\":\"string\"},\"eligibility\":{\"enum\":["
     "\"pemilih\",\"pemantau\",\"peserta\"]},\"title\":{\"type\":\"string\"}}}",
     J,
     "{\"type\":\"object\",\"required\":[\"receipt\",\"kind\"],\"properties\":{\"receipt\":{"
     "\"type\":\"string\",\"examples\":[\"7QK2M-XW3RT-0PZ9H-4D6NC\"]},\"kind\":{\"enum\":["
     "\"laporan\",\"informasi_awal\"]},\"missing\":{\"type\":\"string\"},\"state\":{\"type\":"
     "\"string\"},\"status_text\":{\"type\":\"string\"},\"deadline\":{\"type\":[\"string\","
     "\"null\"]}}}",
     201, "400,413,415,422,429"},
    {"GET", "/api/v1/receipts/{code}", h_receipt, 0, NULL, "public",
     "What the reporter sees with the receipt code: status in plain words, the legal deadline, "
     "the examiner's questions and the replies (failed lookups are rate limited)",
     "code|path|string|the receipt code;date|query|date|the day for overdue (default today)", NULL,
     NULL, J,
     "{\"type\":\"object\",\"required\":[\"kind\",\"state\",\"state_text\",\"messages\"],"
     "\"properties\":{\"kind\":{\"type\":\"string\"},\"state\":{\"type\":\"string\"},"
     "\"state_text\":{\"type\":\"string\"},\"next\":{\"type\":\"string\"},\"deadline\":{"
     "\"type\":[\"string\",\"null\"]},\"overdue\":{\"type\":\"boolean\"},\"awaiting_reply\":{"
     "\"type\":\"boolean\"},\"request\":{\"type\":\"string\"},\"clock\":{\"type\":\"object\"},"
     "\"messages\":{\"type\":\"array\"}}}",
     200, "400,404,429"},
    {"POST", "/api/v1/receipts/{code}/replies", h_receipt_reply, 0, NULL, "public",
     "The reporter answers the examiner (audited as 'pelapor', never by name)",
     "code|path|string|the receipt code", J,
     "{\"type\":\"object\",\"required\":[\"text\"],\"additionalProperties\":false,"
     "\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":8000}}}",
     J, S_OBJ, 201, "400,404,409,413,415,422,429"},
    {"POST", "/api/v1/receipts/{code}/completion", h_receipt_completion, 0, NULL, "public",
     "The reporter completes the report (kelengkapan) within its 1 day (Perbawaslu 7/2022)",
     "code|path|string|the receipt code", J,
     "{\"type\":\"object\",\"required\":[\"text\"],\"additionalProperties\":false,"
     "\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":8000}}}",
     J, S_OBJ, 200, "400,404,409,413,415,422,429"},
    {"POST", "/api/v1/receipts/{code}/evidence", h_receipt_evidence, 0, NULL, "public",
     "The reporter uploads a file (raw body); accepted by its content, never its name: JPEG, "
     "PNG, GIF, WebP, PDF, MP4, MP3, Ogg; 10 files and 40 MiB per case",
     "code|path|string|the receipt code",
     "image/jpeg,image/png,image/gif,image/webp,application/pdf,video/mp4,audio/mpeg,audio/ogg,"
     "application/octet-stream",
     "{\"type\":\"string\",\"contentMediaType\":\"application/octet-stream\"}", J,
     "{\"type\":\"object\",\"required\":[\"sha256\",\"media_type\"],\"properties\":{"
     "\"sha256\":{\"type\":\"string\"},\"media_type\":{\"type\":\"string\"},\"bytes\":{"
     "\"type\":\"integer\"}}}",
     201, "400,404,413,415,429"},
    {"POST", "/api/v1/cases/{id}/questions", h_case_question, 1, "cases", "cases",
     "The examiner asks the reporter a question, seen with the receipt (pengawas roles; "
     "If-Match with the case's ETag)",
     "id|path|integer|case number;If-Match|header|string|the ETag read", J,
     "{\"type\":\"object\",\"required\":[\"text\"],\"additionalProperties\":false,"
     "\"properties\":{\"text\":{\"type\":\"string\",\"maxLength\":8000}}}",
     J, S_OBJ, 201, "400,401,403,404,412,415,422,428"},
    {"GET", "/api/v1/transparency", h_transparency, 0, NULL, "public",
     "Case counts by province, form, stage and outcome; 1-4 shown as <5 and complementary "
     "suppression (x) so no small cell can be computed",
     "demo|query|string|1 to include demo cases (default 0)", NULL, NULL, J, S_OBJ, 200, "400,429"},
    /* ---- the review queue (h_queue.c) ---------------------------------------------------- */
    {"GET", "/api/v1/queue", h_queue_list, 1, "cases", "queue",
     "Flagged detector verdicts waiting for review, by number after the cursor; a live claim "
     "shows who reviews it until when (supervisors and analysts)",
     "state|query|string|baru, tinjau_ulang, dikonfirmasi or ditolak;election|query|string|"
     "election file id;form|query|string|proposed form, e.g. D-6;limit|query|integer|1-500 "
     "(default 50);cursor|query|string|next_cursor of the previous page",
     NULL, NULL, J,
     "{\"type\":\"object\",\"required\":[\"entries\",\"next_cursor\"],\"properties\":{"
     "\"entries\":{\"type\":\"array\"},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}",
     200, "400,401,403"},
    {"GET", "/api/v1/queue/reasons", h_queue_reasons, 1, "cases", "queue",
     "Why a verdict may be dismissed (data/review/reasons.tsv)", NULL, NULL, NULL, J, S_OBJ, 200,
     "401,403"},
    {"POST", "/api/v1/queue/scan", h_queue_scan, 1, "cases", "queue",
     "Scan items like POST /api/v1/scan and put the flagged verdicts into the review queue; "
     "each flagged verdict line gets \"queue\": {id, added} (supervisors and analysts)",
     NULL, "application/x-ndjson",
     "{\"type\":\"string\",\"description\":\"one item per line, docs/data/items.md\"}",
     "application/x-ndjson",
     "{\"type\":\"string\",\"description\":\"one verdict per line, docs/data/verdicts.md\"}", 200,
     "400,401,403,413,415,422,503"},
    {"GET", "/api/v1/queue/{id}", h_queue_entry, 1, "cases", "queue",
     "One entry with its item and its verdict (evidence spans as byte offsets into the text)",
     "id|path|integer|entry number", NULL, NULL, J, S_OBJ, 200, "400,401,403,404"},
    {"POST", "/api/v1/queue/{id}/claim", h_queue_claim, 1, "cases", "queue",
     "Claim an entry for a lease (default 900 s; the holder may renew); 409 names who holds it "
     "and until when",
     "id|path|integer|entry number", J,
     "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"lease_seconds\":{"
     "\"type\":\"integer\",\"minimum\":1,\"maximum\":86400}}}",
     J, S_OBJ, 200, "400,401,403,404,409,415,422"},
    {"POST", "/api/v1/queue/{id}/release", h_queue_release, 1, "cases", "queue",
     "Give a claim back before its lease ends", "id|path|integer|entry number", NULL, NULL, J,
     S_OBJ, 200, "400,401,403,404,409"},
    {"POST", "/api/v1/queue/{id}/confirm", h_queue_confirm, 1, "cases", "queue",
     "Confirm: a temuan with the item and the verdict as evidence (roles that may set a "
     "temuan)",
     "id|path|integer|entry number", J,
     "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"region\":{"
     "\"type\":\"string\"},\"accused\":{\"type\":\"string\"},\"note\":{\"type\":"
     "\"string\"}}}",
     J, S_OBJ, 201, "400,401,403,404,409,415,422"},
    {"POST", "/api/v1/queue/{id}/dismiss", h_queue_dismiss, 1, "cases", "queue",
     "Dismiss with a reason of data/review/reasons.tsv", "id|path|integer|entry number", J,
     "{\"type\":\"object\",\"required\":[\"reason\"],\"additionalProperties\":false,"
     "\"properties\":{\"reason\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"}}}",
     J, S_OBJ, 200, "400,401,403,404,409,415,422"},
    {"POST", "/api/v1/queue/{id}/second", h_queue_second, 1, "cases", "queue",
     "Mark for a second look (the claim is released)", "id|path|integer|entry number", J,
     "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"note\":{"
     "\"type\":\"string\"}}}",
     J, S_OBJ, 200, "400,401,403,404,409,415,422"},
};

const srv_route *srv_routes(size_t *n_out)
{
    *n_out = sizeof routes / sizeof routes[0];
    return routes;
}

static json_t *schema(const char *text)
{
    json_error_t e;
    json_t *v = json_loads(text, 0, &e);
    return v ? v : json_pack("{s:s}", "description", "schema unavailable");
}

static json_t *error_response(const char *desc)
{
    return json_pack("{s:s,s:{s:{s:{s:s}}}}", "description", desc, "content", J, "schema", "$ref",
                     "#/components/schemas/Error");
}

static const char *status_text(int st)
{
    switch (st) {
    case 400:
        return "Malformed request (path, query, JSON)";
    case 401:
        return "Login needed";
    case 403:
        return "Not allowed for this account";
    case 404:
        return "Not found";
    case 409:
        return "Conflict: not allowed in the workflow state, or a name or login taken";
    case 412:
        return "If-Match is stale: the resource changed";
    case 413:
        return "A limit was exceeded";
    case 415:
        return "Wrong Content-Type";
    case 422:
        return "A field is invalid";
    case 429:
        return "Too many attempts; see Retry-After";
    case 428:
        return "If-Match is required";
    case 503:
        return "Unavailable";
    }
    return "Error";
}

json_t *srv_openapi(const srv *s)
{
    (void)s;
    json_t *paths = json_object();
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const srv_route *rt = &routes[i];
        json_t *item = json_object_get(paths, rt->pattern);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        json_t *op = json_pack("{s:s,s:[s],s:s}", "summary", rt->summary, "tags", rt->tag,
                               "operationId", "");
        char opid[160];
        snprintf(opid, sizeof opid, "%s %s", rt->method, rt->pattern);
        json_object_set_new(op, "operationId", json_string(opid));
        if (rt->params != NULL) {
            json_t *ps = json_array();
            char buf[1024];
            snprintf(buf, sizeof buf, "%s", rt->params);
            char *save = NULL;
            for (char *p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
                char *f[4] = {p, NULL, NULL, NULL};
                for (int k = 1; k < 4; k++) {
                    char *bar = f[k - 1] ? strchr(f[k - 1], '|') : NULL;
                    if (bar) {
                        *bar = '\0';
                        f[k] = bar + 1;
                    }
                }
                json_t *sch = strcmp(f[2] ? f[2] : "", "date") == 0
                                  ? json_pack("{s:s,s:s}", "type", "string", "format", "date")
                                  : json_pack("{s:s}", "type", f[2] ? f[2] : "string");
                json_array_append_new(ps,
                                      json_pack("{s:s,s:s,s:b,s:s,s:o}", "name", f[0], "in",
                                                f[1] ? f[1] : "query", "required",
                                                f[1] && strcmp(f[1], "path") == 0, "description",
                                                f[3] ? f[3] : "", "schema", sch));
            }
            json_object_set_new(op, "parameters", ps);
        }
        if (rt->body_type != NULL) {
            json_t *content = json_object();
            char types[256];
            snprintf(types, sizeof types, "%s", rt->body_type);
            char *save = NULL;
            for (char *t = strtok_r(types, ",", &save); t; t = strtok_r(NULL, ",", &save))
                json_object_set_new(
                    content, t,
                    json_pack("{s:o}", "schema",
                              schema(rt->request_schema ? rt->request_schema : S_OBJ)));
            json_object_set_new(op, "requestBody",
                                json_pack("{s:b,s:o}", "required", 1, "content", content));
        }
        json_t *resps = json_object();
        char code[8];
        snprintf(code, sizeof code, "%d", rt->ok_status);
        json_object_set_new(resps, code,
                            json_pack("{s:s,s:{s:{s:o}}}", "description", "Success", "content",
                                      rt->response_type, "schema", schema(rt->response_schema)));
        if (rt->errors != NULL) {
            char buf[64];
            snprintf(buf, sizeof buf, "%s", rt->errors);
            char *save = NULL;
            for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
                int st = 0;
                for (const char *c = p; *c >= '0' && *c <= '9'; c++)
                    st = st * 10 + (*c - '0');
                json_object_set_new(resps, p, error_response(status_text(st)));
            }
        }
        json_object_set_new(op, "responses", resps);
        if (rt->login)
            json_object_set_new(op, "security", json_pack("[{s:[]},{s:[]}]", "session", "bearer"));
        char m[16];
        size_t k = 0;
        for (; rt->method[k] && k < sizeof m - 1; k++)
            m[k] = (char)(rt->method[k] | 0x20);
        m[k] = '\0';
        json_object_set_new(item, m, op);
    }
    json_t *err = schema(
        "{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{\"type\":"
        "\"object\",\"required\":[\"code\",\"message\",\"field\"],\"properties\":{\"code\":{"
        "\"type\":\"string\"},\"message\":{\"type\":\"string\",\"description\":\"Indonesian\"},"
        "\"message_en\":{\"type\":\"string\"},\"field\":{\"type\":[\"string\",\"null\"]}}}}}");
    return json_pack(
        "{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:{s:{s:o},s:{s:{s:s,s:s,s:s},s:{s:s,s:s}}}}",
        "openapi", "3.1.0", "info", "title", "Netra API", "version", NETRA_VERSION, "description",
        "Netra: neutrality of civil servants (ASN) in elections. Messages are Indonesian "
        "first (message) and English (message_en).",
        "servers", "url", "/", "paths", paths, "components", "schemas", "Error", err,
        "securitySchemes", "session", "type", "apiKey", "in", "cookie", "name", "netra_session",
        "bearer", "type", "http", "scheme", "bearer");
}
