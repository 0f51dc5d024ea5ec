/*
 * classify.c - the ethics/discipline classification rule.
 *
 * SKB 5 K/L 2022 Lampiran II has two tables: the code-of-ethics table (KE-1..KE-7) concerns
 * bakal calon, before candidates are designated, and carries a moral sanction (PP 42/2004
 * Pasal 15); the discipline table (D-1..D-13) concerns calon, after designation, with
 * sanctions of PP 94/2021 Pasal 8 (PNS) or PP 49/2018 (PPPK). The same act therefore maps
 * to a different form by its date. Which form is data (rules.tsv); the date that splits
 * them is the designation date of the election and office (designations.tsv).
 */
#include <stdio.h>
#include <string.h>

#include "law/law_int.h"

static void step(netra_classification *c, const char *fmt_id, const char *fmt_en, ...)
    NT_PRINTF(3, 4);

/* Adds one reasoning step in both languages; the two formats take the same arguments. */
static void step(netra_classification *c, const char *fmt_id, const char *fmt_en, ...)
{
    if (c->n_steps >= NETRA_CLASSIFY_MAX_STEPS)
        return;
    va_list ap;
    va_start(ap, fmt_en);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(c->steps_id[c->n_steps], NETRA_CLASSIFY_STEP_LEN, fmt_id, ap);
    int m = vsnprintf(c->steps_en[c->n_steps], NETRA_CLASSIFY_STEP_LEN, fmt_en, ap2);
    va_end(ap2);
    va_end(ap);
    if (n >= 0 && m >= 0)
        c->n_steps++;
}

static int list_acts(char *buf, size_t cap, const netra_law *law)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < law->acts.n; i++) {
        const netra_act *a = nt_vec_at(&law->acts, i);
        int w = snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", a->id);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    return 0;
}

int netra_law_classify(netra_classification *out, const netra_law *law,
                       const netra_classify_input *in)
{
    NT_ASSERT_ARG(out != NULL && law != NULL && in != NULL);
    if (in->version != NETRA_CLASSIFY_INPUT_VERSION)
        return nt_error_set(NETRA_EINVAL, "netra_classify_input version %d, expected %d",
                            in->version, NETRA_CLASSIFY_INPUT_VERSION);
    memset(out, 0, sizeof *out);
    char d[NETRA_DATE_STRLEN], dd[NETRA_DATE_STRLEN];
    netra_date_format(in->date, d);

    const netra_act *act = netra_law_act(law, in->act);
    if (act == NULL) {
        char acts[600];
        list_acts(acts, sizeof acts, law);
        return nt_error_set(NETRA_EINVAL, "unknown act '%s'; known acts: %s",
                            in->act ? in->act : "", acts);
    }
    const netra_election *el = netra_law_election(law, in->election);
    if (el == NULL) {
        char known[256];
        size_t kl = 0;
        known[0] = '\0';
        for (size_t i = 0; i < law->elections.n; i++) {
            const netra_election *e = nt_vec_at(&law->elections, i);
            int w = snprintf(known + kl, sizeof known - kl, "%s%s", i ? ", " : "", e->id);
            if (w > 0 && (size_t)w < sizeof known - kl)
                kl += (size_t)w;
        }
        return nt_error_set(NETRA_ENOTFOUND, "unknown election '%s'; known: %s",
                            in->election ? in->election : "", known);
    }
    const netra_designation *des = netra_law_designation(law, el, in->office);
    if (des == NULL)
        return NETRA_ENOTFOUND;
    const char *type = in->employee_type ? in->employee_type : "pns";
    const char *applied = type;
    if (strcmp(type, "cpns") == 0)
        applied = "pns";
    else if (strcmp(type, "pns") != 0 && strcmp(type, "pppk") != 0)
        return nt_error_set(NETRA_EINVAL, "employee type '%s' is not pns, cpns or pppk", type);

    out->act = act;
    out->election = el;
    out->designation = des;
    out->employee_type = applied;
    out->after_designation = in->date >= des->date;
    out->form = out->after_designation ? act->after : act->before;
    out->level = out->form->level;
    netra_law_stage_at(&out->phase, NULL, 0, NULL, law, el, in->date);
    out->agency = netra_law_agency_at(law, in->date);
    size_t n;
    netra_law_sanctions(out->sanctions, NETRA_CLASSIFY_MAX_SANCTIONS, &n, law, out->level, applied,
                        in->date);
    out->n_sanctions = n < NETRA_CLASSIFY_MAX_SANCTIONS ? n : NETRA_CLASSIFY_MAX_SANCTIONS;

    netra_date_format(des->date, dd);
    step(out, "Tindakan: %s (%s) pada %s, %s.", "Act: %s (%s) on %s, %s.", act->id, act->label_id,
         d, el->name_id);
    if (act->before == act->after) {
        step(out,
             "Aturan tindakan ini tidak bergantung pada tanggal penetapan calon: selalu %s. "
             "Dasar: %s.",
             "The rule for this act does not depend on the designation date: always %s. "
             "Basis: %s.",
             act->after->id, act->rule_basis);
    } else {
        step(out,
             "Penetapan calon (%s): %s. Tanggal tindakan %s penetapan, jadi %s (%s), bukan %s. "
             "Dasar: %s.",
             "Designation of candidates (%s): %s. The act is %s designation, so %s (%s), not "
             "%s. Basis: %s.",
             des->office, dd, out->after_designation ? "pada atau sesudah" : "sebelum",
             out->form->id, out->form->kind == NETRA_FORM_KODE_ETIK ? "kode etik" : "disiplin",
             out->after_designation ? act->before->id : act->after->id, act->rule_basis);
        /* The English sentence needs its own words for the comparison. */
        snprintf(out->steps_en[out->n_steps - 1], NETRA_CLASSIFY_STEP_LEN,
                 "Designation of candidates (%s): %s. The act is %s designation, so %s (%s), "
                 "not %s. Basis: %s.",
                 des->office, dd, out->after_designation ? "on or after" : "before", out->form->id,
                 out->form->kind == NETRA_FORM_KODE_ETIK ? "code of ethics" : "discipline",
                 out->after_designation ? act->before->id : act->after->id, act->rule_basis);
    }
    step(out, "Bentuk %s: %s Dasar: %s.", "Form %s: %s Basis: %s.", out->form->id,
         out->form->label_id, out->form->basis);
    const netra_level_info *li = netra_law_level(law, out->level);
    if (out->form->level != out->form->level_in_data)
        step(out, "Tingkat sanksi: %s (diatur dalam konfigurasi; data bawaan: %s). Dasar: %s.",
             "Sanction level: %s (set by configuration; data default: %s). Basis: %s.", li->id,
             netra_level_id(out->form->level_in_data), out->form->sanction_basis);
    else if (strcmp(li->kind, "moral") == 0)
        step(out,
             "Tingkat sanksi: sanksi moral; PPK memilih pernyataan secara tertutup atau "
             "terbuka. Dasar: %s.",
             "Sanction level: moral sanction; the PPK chooses a closed or an open statement. "
             "Basis: %s.",
             out->form->sanction_basis);
    else
        step(out, "Tingkat sanksi: %s. Dasar: %s.", "Sanction level: %s. Basis: %s.", li->id,
             out->form->sanction_basis);
    if (strcmp(type, "cpns") == 0)
        step(out, "CPNS: PP 94/2021 berlaku mutatis mutandis, sanksi seperti PNS.",
             "CPNS: PP 94/2021 applies mutatis mutandis; sanctions as for PNS.");
    else if (strcmp(type, "pppk") == 0)
        step(out, "PPPK: hukuman disiplin menurut PP 49/2018 Pasal 52-53.",
             "PPPK: discipline under PP 49/2018 Articles 52-53.");
    if (out->phase != NULL)
        step(out, "Tahapan pada %s: %s (%s).", "Stage on %s: %s (%s).", d, out->phase->id,
             out->phase->label_id);
    else
        step(out, "Tanggal %s sesudah tahapan terakhir %s.", "%s is after the last stage of %s.", d,
             el->id);
    if (out->agency != NULL)
        step(out, "Instansi pemeriksa setelah Bawaslu pada %s: %s. Dasar: %s.",
             "Examining agency after Bawaslu on %s: %s. Basis: %s.", d, out->agency->label_id,
             out->agency->basis);
    return NETRA_OK;
}
