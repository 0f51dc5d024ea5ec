// Unit test of web/js/highlight.mjs: UTF-8 byte offsets (as the detector reports them)
// converted to JavaScript string positions. Run by ctest (web_highlight) with node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteToUtf16Map, segments } from '../../web/js/highlight.mjs';

const enc = new TextEncoder();
/** The byte range of the first occurrence of `needle` in `text`, computed independently. */
function byteRange(text, needle) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const start = enc.encode(text.slice(0, i)).length;
  return { start, end: start + enc.encode(needle).length };
}
const marked = (r) => r.segments.filter((s) => s.marks.length).map((s) => [s.text, s.marks]);

test('ASCII text: byte and string offsets agree', () => {
  const t = 'Ayo coblos nomor 2 #PrabowoGibran';
  const r = segments(t, [{ start: 0, end: 3, what: 'call' }, { start: 19, end: 33, what: 'hashtag' }]);
  assert.deepEqual(marked(r), [['Ayo', ['call']], ['#PrabowoGibran', ['hashtag']]]);
  assert.equal(r.segments.map((s) => s.text).join(''), t);
});

test('two-, three- and four-byte characters before a span shift it correctly', () => {
  const t = 'Café — 👍✌️ dukung 02 ya 🇮🇩 #AMIN';
  for (const needle of ['dukung', '02', '#AMIN', '✌️', '👍', '🇮🇩', 'Café']) {
    const r = segments(t, [{ ...byteRange(t, needle), what: 'x' }]);
    assert.deepEqual(marked(r), [[needle, ['x']]], needle);
  }
  // The naive reading (byte offset used as a string index) would be wrong here:
  const { start } = byteRange(t, 'dukung');
  assert.notEqual(t.slice(start, start + 6), 'dukung');
});

test('emoji surrogate pairs are never split', () => {
  const t = '😀😀 pilih 01';
  const map = byteToUtf16Map(t);
  assert.equal(map.length, enc.encode(t).length + 1);
  assert.equal(map[4], 2);            // after one 4-byte emoji: two UTF-16 units
  assert.equal(map[1], -1);           // inside the emoji
  // A span starting inside the second emoji is widened to the whole emoji.
  const r = segments(t, [{ start: 6, end: 8, what: 'sign' }]);
  assert.deepEqual(marked(r), [['😀', ['sign']]]);
});

test('overlapping spans split into segments carrying both kinds', () => {
  const t = 'Ini #AniesMuhaimin!';
  const hashtag = byteRange(t, '#AniesMuhaimin');
  const alias = byteRange(t, 'Anies');
  const r = segments(t, [{ ...hashtag, what: 'hashtag' }, { ...alias, what: 'alias' }]);
  assert.deepEqual(marked(r), [['#', ['hashtag']], ['Anies', ['hashtag', 'alias']], ['Muhaimin', ['hashtag']]]);
  assert.equal(r.segments.map((s) => s.text).join(''), t);
});

test('bad spans are rejected with a reason, the text is kept whole', () => {
  const t = 'Gaji ASN 👍';
  const n = enc.encode(t).length;
  const r = segments(t, [
    { start: 5, end: 3 }, { start: -1, end: 2 }, { start: 0, end: n + 1 }, { start: 1.5, end: 3 },
    { start: 0, end: 4, what: 'ok' },
  ]);
  assert.equal(r.rejected.length, 4);
  assert.match(r.rejected[2].reason, /outside/);
  assert.deepEqual(marked(r), [['Gaji', ['ok']]]);
  assert.equal(r.segments.map((s) => s.text).join(''), t);
});

test('a span reaching the end of a text ending in an emoji', () => {
  const t = 'coblos 👍🏽';
  const r = segments(t, [{ start: 7, end: enc.encode(t).length, what: 'sign' }]);
  assert.deepEqual(marked(r), [['👍🏽', ['sign']]]);
});
