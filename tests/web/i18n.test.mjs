// The two dictionaries of web/js/lang/ have the same keys, no empty string, the same
// {placeholders} per key, and every key the pages use literally exists in both; dynamic
// keys (kind.${...}) are checked for the values the server's data can give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import id from '../../web/js/lang/id.mjs';
import en from '../../web/js/lang/en.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '../../web');
const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'lang') out.push(...sources(p));
    else if (e.name.endsWith('.mjs')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

test('both dictionaries have the same keys and placeholders, none empty', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(id).sort());
  for (const k of Object.keys(id)) {
    assert.ok(id[k].trim() && en[k].trim(), k);
    assert.deepEqual(holes(en[k]), holes(id[k]), k);
    if (k !== 'skip' && !k.startsWith('regime.') && !k.startsWith('nav.') && id[k].length > 12) {
      assert.notEqual(id[k], en[k], `${k} is not translated`);
    }
  }
});

test('every key used by the pages exists', () => {
  const code = sources(join(web, 'js')).join('\n');
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  const used = new Set();
  for (const m of code.matchAll(/\bt\('([^'$]+)'/g)) used.add(m[1]);
  for (const m of code.matchAll(/(?:title|labelKey|hintKey): '([a-z][\w.]+)'/g)) used.add(m[1]);
  for (const m of code.matchAll(/field\('[\w-]+', '([\w.]+)'(?:, [^)]*?'([\w.]+)'\))?/g)) {
    used.add(m[1]);
    if (m[2]) used.add(m[2]);
  }
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  for (const m of html.matchAll(/data-i18n-attr="[\w-]+:([^"]+)"/g)) used.add(m[1]);
  assert.ok(used.size > 150, `only ${used.size} keys found: the scan is broken`);
  const missing = [...used].filter((k) => !(k in id));
  assert.deepEqual(missing, []);
});

test('dynamic keys cover the values the data can give', () => {
  const dyn = {
    kind: ['laporan', 'temuan', 'informasi_awal'],
    regime: ['pemilu', 'pilkada'],
    'queue.state': ['baru', 'tinjau_ulang', 'dikonfirmasi', 'ditolak'],
    'report.kind': ['pemilih', 'pemantau', 'peserta'],
    'report.region.child': ['province', 'regency'],
    'status.sender': ['pemeriksa', 'pelapor'],
    'tr.dim': ['form', 'province', 'stage'],
    'asn.type': ['pns', 'cpns', 'pppk'],
    'dup.reason': ['asn_act_date', 'url', 'text'],
    'tr.province': ['tanpa_wilayah'],
    'tr.form': ['tanpa_bentuk'],
    evidence: ['tangkapan_layar', 'foto', 'video', 'dokumen', 'teks'],
    'tr.stage': ['penerimaan', 'penanganan_bawaslu', 'pemeriksaan', 'tindak_lanjut_ppk', 'selesai'],
    'tr.outcome': ['berjalan', 'tidak_diregistrasi', 'dihentikan', 'dialihkan', 'tidak_terbukti', 'disanksi',
      'tidak_ditindaklanjuti'],
  };
  // Every field an action of the workflow data may require has a label.
  const tsv = readFileSync(join(web, '../data/workflow/transitions.tsv'), 'utf8').split('\n');
  const header = tsv.find((l) => l.startsWith('from\t')).split('\t');
  const col = header.indexOf('requires');
  dyn.field = [...new Set(tsv.filter((l) => l && !l.startsWith('#') && !l.startsWith('from\t'))
    .flatMap((l) => l.split('\t')[col].split(',')).filter((f) => f && f !== '-'))];
  assert.ok(dyn.field.length > 10, 'transitions.tsv read');
  for (const [prefix, values] of Object.entries(dyn)) {
    for (const v of values) assert.ok(`${prefix}.${v}` in id, `${prefix}.${v}`);
  }
});
