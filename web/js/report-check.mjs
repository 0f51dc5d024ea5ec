// The report form's own checks, before anything is sent (the server checks again). Kept
// apart from the page so that tests/web/report-check.test.mjs can run it under node.

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4'];
export const MAX_LINKS = 10;

/**
 * Checks the values of the form and the chosen files. Returns null when they may be sent,
 * else [field name, dictionary key, placeholders] of the first problem, in the order of
 * the form.
 */
export function checkReport(v, files, today = new Date()) {
  const day = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00`) : null);
  if (v.description.trim().length < 20) return ['description', 'report.err.description'];
  const occurred = day(v.occurred_on);
  if (!occurred) return ['occurred_on', 'report.err.date'];
  if (occurred > today) return ['occurred_on', 'report.err.future'];
  if (v.known_on) {
    const known = day(v.known_on);
    if (!known || known > today) return ['known_on', 'report.err.future'];
    if (known < occurred) return ['known_on', 'report.err.knownBefore'];
  }
  if (!v.accused_name.trim() && !v.accused_nip.trim()) return ['accused_name', 'report.err.accused'];
  if (v.accused_nip && !/^\d{18}$/.test(v.accused_nip.trim())) return ['accused_nip', 'report.err.nip'];
  if (v.links.length > MAX_LINKS) return ['links', 'report.err.links', { n: MAX_LINKS }];
  for (const l of v.links) if (!/^https?:\/\/\S+$/i.test(l)) return ['links', 'report.err.link', { link: l }];
  if (files.length > MAX_FILES) return ['files', 'report.err.files', { n: MAX_FILES }];
  for (const f of files) {
    if (f.size > MAX_FILE_BYTES) return ['files', 'report.err.fileSize', { name: f.name, mb: MAX_FILE_BYTES >> 20 }];
    if (!FILE_TYPES.includes(f.type)) return ['files', 'report.err.fileType', { name: f.name }];
  }
  if (!v.anonymous) {
    if (!v.reporter_name.trim()) return ['reporter_name', 'report.err.name'];
    if (!v.reporter_address.trim()) return ['reporter_address', 'report.err.address'];
  }
  return null;
}
