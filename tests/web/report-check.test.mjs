// The report form's checks (web/js/report-check.mjs): what stops a report before it is
// sent, and that a complete one, named or anonymous, passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport, MAX_FILE_BYTES } from '../../web/js/report-check.mjs';
import id from '../../web/js/lang/id.mjs';

const today = new Date('2024-11-10T12:00:00');
const good = () => ({
  anonymous: false, reporter_name: 'Siti Aminah', reporter_address: 'Jl. Merdeka 1, Bandung',
  description: 'Camat mengajak warga memilih paslon nomor 2 di acara PKK.',
  occurred_on: '2024-11-02', known_on: '2024-11-03', accused_name: 'Budi', accused_nip: '',
  links: ['https://x.com/a/status/1'],
});
const png = { name: 'a.png', type: 'image/png', size: 1000 };
const field = (v, files = []) => (checkReport(v, files, today) || [null])[0];

test('a complete report passes, named or anonymous', () => {
  assert.equal(checkReport(good(), [png], today), null);
  assert.equal(checkReport({ ...good(), anonymous: true, reporter_name: '', reporter_address: '' }, [], today), null);
});

test('each missing or wrong field is named, with a message in the dictionary', () => {
  const cases = [
    [{ reporter_name: ' ' }, 'reporter_name'],
    [{ reporter_address: '' }, 'reporter_address'],
    [{ description: 'terlalu pendek' }, 'description'],
    [{ occurred_on: '' }, 'occurred_on'],
    [{ occurred_on: '2024-13-45x' }, 'occurred_on'],
    [{ occurred_on: '2024-11-11' }, 'occurred_on'],
    [{ known_on: '2024-11-01' }, 'known_on'],
    [{ known_on: '2024-12-01' }, 'known_on'],
    [{ accused_name: '', accused_nip: '' }, 'accused_name'],
    [{ accused_nip: '19860926201505100' }, 'accused_nip'],
    [{ accused_nip: '19860926201505100x' }, 'accused_nip'],
    [{ links: ['javascript:alert(1)'] }, 'links'],
    [{ links: Array.from({ length: 11 }, (_, i) => `https://e.id/${i}`) }, 'links'],
  ];
  for (const [change, name] of cases) {
    const r = checkReport({ ...good(), ...change }, [], today);
    assert.ok(r, JSON.stringify(change));
    assert.equal(r[0], name, JSON.stringify(change));
    assert.ok(r[1] in id, r[1]);
  }
  assert.equal(field({ ...good(), accused_name: '', accused_nip: '198609262015051001' }), null);
});

test('files: count, size and type', () => {
  assert.equal(field(good(), Array(6).fill(png)), 'files');
  assert.equal(field(good(), [{ ...png, size: MAX_FILE_BYTES + 1 }]), 'files');
  assert.equal(field(good(), [{ ...png, size: MAX_FILE_BYTES }]), null);
  assert.equal(field(good(), [{ name: 'x.exe', type: 'application/x-msdownload', size: 10 }]), 'files');
  assert.deepEqual(checkReport(good(), [{ name: 'x.html', type: 'text/html', size: 1 }], today)[2], { name: 'x.html' });
});
