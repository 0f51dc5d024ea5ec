/*
 * clock.c - the legal clocks of data/workflow/clocks.tsv: deadlines in calendar days or in
 * working days (hari kerja, through the calendar), overdue checks and escalation.
 */
#include <string.h>

#include "case/case_int.h"

const netra_clock_rule *netra_workflow_clock(const netra_workflow *wf, const char *clock,
                                             const char *regime)
{
    const netra_clock_rule *any = NULL;
    for (size_t i = 0; wf != NULL && clock != NULL && i < wf->clocks.n; i++) {
        const netra_clock_rule *c = nt_vec_at(&wf->clocks, i);
        if (strcmp(c->id, clock) != 0)
            continue;
        if (regime != NULL && strcmp(c->regime, regime) == 0)
            return c;
        if (strcmp(c->regime, "any") == 0)
            any = c;
    }
    return any;
}

int netra_workflow_set_clock_days(netra_workflow *wf, const char *clock, int days)
{
    NT_ASSERT_ARG(wf != NULL && clock != NULL);
    if (days < 1 || days > 365)
        return nt_error_set(NETRA_EINVAL, "clock '%s': %d days is outside 1..365", clock, days);
    int found = 0;
    for (size_t i = 0; i < wf->clocks.n; i++) {
        netra_clock_rule *c = nt_vec_at(&wf->clocks, i);
        if (strcmp(c->id, clock) != 0)
            continue;
        if (!c->configurable)
            return nt_error_set(NETRA_EINVAL, "clock '%s' is fixed by law (%s)", clock, c->basis);
        found = 1;
    }
    if (!found)
        return nt_error_set(NETRA_EINVAL, "unknown clock '%s'", clock);
    for (size_t i = 0; i < wf->clocks.n; i++) {
        netra_clock_rule *c = nt_vec_at(&wf->clocks, i);
        if (strcmp(c->id, clock) == 0)
            c->days = days;
    }
    return NETRA_OK;
}

int netra_clock_deadline(netra_date *out, const netra_workflow *wf, const netra_calendar *cal,
                         const char *clock, const char *regime, netra_date start, int extended)
{
    NT_ASSERT_ARG(out != NULL && wf != NULL && clock != NULL);
    const netra_clock_rule *c = netra_workflow_clock(wf, clock, regime);
    if (c == NULL)
        return nt_error_set(NETRA_EINVAL, "unknown clock '%s' for regime '%s'", clock,
                            regime ? regime : "(none)");
    int days = c->days, working = c->working;
    if (extended) {
        if (c->extended_days == 0)
            return nt_error_set(NETRA_EINVAL, "clock '%s' (%s) cannot be extended", clock,
                                c->regime);
        days = c->extended_days;
        working = c->extended_working;
    }
    if (!working) {
        *out = start + days;
        return NETRA_OK;
    }
    if (cal == NULL)
        return nt_error_set(NETRA_EINVAL, "clock '%s' counts working days: a calendar is needed",
                            clock);
    return netra_calendar_add_working_days(out, cal, start, days);
}

int netra_clock_overdue(int *out, const netra_workflow *wf, const netra_calendar *cal,
                        const char *clock, const char *regime, netra_date start, int extended,
                        netra_date today)
{
    NT_ASSERT_ARG(out != NULL);
    netra_date deadline;
    int err = netra_clock_deadline(&deadline, wf, cal, clock, regime, start, extended);
    if (err < 0)
        return err;
    *out = today > deadline;
    return NETRA_OK;
}

const char *netra_clock_escalation(const netra_workflow *wf, const char *clock, const char *regime,
                                   const char *holder)
{
    const netra_clock_rule *c = netra_workflow_clock(wf, clock, regime);
    if (c == NULL)
        return NULL;
    if (strcmp(c->escalate, "atasan") != 0)
        return c->escalate;
    const netra_role *r = netra_workflow_role(wf, holder);
    return r != NULL ? r->escalate_to : NULL;
}

int netra_report_late(int *out, const netra_workflow *wf, const netra_calendar *cal,
                      const char *regime, netra_date known, netra_date submitted)
{
    return netra_clock_overdue(out, wf, cal, "batas_lapor", regime, known, 0, submitted);
}
