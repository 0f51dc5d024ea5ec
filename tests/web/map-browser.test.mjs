// The vulnerability map in Debian's chromium against a real netrad with the demo database
// (harness.mjs): the tile map drawn and coloured from GET /index, the same numbers in the
// table, the stage slider narrowing the events, a province opened to its kab/kota and
// followed to its cases, the printable report, the CSV export link, axe in both languages;
// a boundary file imported with `netra region import-geojson` drawn instead of the tile map.
// Screenshots: build-test/artifacts/web-map*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, open, axe, shot, login } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { if (h) await h.stop(); });

test('the map: tiles, table, slider, drill down to kab/kota and their cases', async () => {
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
  await open(page, h.url, '/peta', 'map');
  await page.waitForSelector('#map .tile-32');
  assert.equal(await page.locator('#map path.tile').count(), 38, 'one tile per province');
  // the table holds the numbers the API gives
  const api = await page.evaluate(async () => (await fetch('/api/v1/index?level=province&election=pilkada-2024')).json());
  const jb = api.regions.find((r) => r.code === '32');
  const row = page.locator('#map-data tbody tr[data-code="32"]');
  assert.match(await row.textContent(), /Jawa Barat/);
  assert.equal(await row.locator('td').nth(1).textContent(), jb.score.toLocaleString('id-ID'));
  // the tile of Jawa Barat has its zone's colour (tinggi: red)
  assert.equal(jb.zone, 'tinggi');
  assert.equal(await page.getAttribute('#map .tile-32', 'fill'), '#c62828');
  await shot(page, 'web-map');
  // the stage slider: one stage has fewer events than all of them together
  const all = Number(await page.getAttribute('#main', 'data-events'));
  const max = Number(await page.getAttribute('#m-stage', 'max'));
  assert.ok(max >= 2, 'the election has stages');
  let fewer = false;
  for (let v = 1; v <= max && !fewer; v++) {
    await page.fill('#m-stage', String(v));
    await page.waitForFunction(() => /\S/.test(document.getElementById('m-stage-out').textContent));
    await page.waitForFunction(() => document.getElementById('map-meta').textContent.length > 0);
    await page.waitForTimeout(0);
    await page.waitForLoadState('networkidle');
    fewer = Number(await page.getAttribute('#main', 'data-events')) < all;
  }
  assert.ok(fewer, 'a stage narrows the events counted');
  assert.match(await page.getAttribute('#export-csv', 'href'), /stage=[a-z_]+/);
  await shot(page, 'web-map-stage');
  await page.fill('#m-stage', '0');
  await page.waitForLoadState('networkidle');
  // drill down: Jawa Barat's kab/kota as ranked bars, then its cases
  await page.click('#map-data tbody tr[data-code="32"] button');
  await page.waitForSelector('#map-bars li[data-code="32.73"]');
  const codes = await page.locator('#map-bars li').evaluateAll((ls) => ls.map((l) => l.dataset.code));
  assert.ok(codes.length === 27 && codes.every((c) => c.startsWith('32.')), codes.join(','));
  assert.equal(codes[0], '32.73', 'Kota Bandung ranks first');
  await shot(page, 'web-map-jabar');
  await page.click('#map-bars li[data-code="32.73"] a');
  await page.waitForFunction(() => document.body.dataset.page === 'cases' && /region=32\.73/.test(location.hash));
  await page.waitForSelector('#case-table tbody tr');
  const regions = await page.locator('#case-table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(regions.length > 0 && regions.every((r) => r.startsWith('32.73')), regions.join(','));
  // the printable report of Jawa Barat
  await open(page, h.url, '/peta/laporan/32', 'mapreport');
  await page.waitForSelector('#rep-issues tbody tr');
  assert.match(await page.textContent('#region-report h1'), /Jawa Barat/);
  assert.match(await page.textContent('#rep-agencies'), /Pemkot Bandung/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#print').isVisible(), false, 'the print button is not printed');
  await shot(page, 'web-map-report');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('a Jawa Barat analyst sees only Jawa Barat on the map', async () => {
  const page = await h.newPage();
  await login(page, h.url, 'demo.jabar', h.accounts['demo.jabar'].password);
  await open(page, h.url, '/peta', 'map');
  await page.waitForSelector('#map-data tbody tr');
  const codes = await page.locator('#map-data tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.code));
  assert.deepEqual(codes, ['32']);
  await page.context().close();
});

test('accessibility of the map and the report, both languages', async () => {
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
  const failures = [];
  for (const lang of ['id', 'en']) {
    await page.evaluate((l) => localStorage.setItem('netra.lang', l), lang);
    for (const [hash, mod, sel] of [['/peta', 'map', '#map-data tbody tr'], ['/peta/laporan/32', 'mapreport', '#rep-issues']]) {
      await open(page, h.url, hash, mod);
      await page.waitForSelector(sel);
      for (const v of await axe(page)) failures.push(`${lang} ${hash}: ${v}`);
    }
  }
  assert.deepEqual(failures, []);
  await page.context().close();
});

// A small boundary file (squares drawn for the test, not real boundaries): Jawa Barat and
// Jawa Timur, and two kab/kota of Jawa Barat, imported the way an office does it.
function square(code, name, x, y, w) {
  return { type: 'Feature', properties: { kode: code, nama: name },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y - w], [x, y - w], [x, y]]] } };
}

test('imported boundaries are drawn instead of the tile map, down to kab/kota', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-bounds-'));
  const raw = join(dir, 'batas.geojson');
  const out = join(dir, 'web-regions.geojson');
  writeFileSync(raw, JSON.stringify({ type: 'FeatureCollection', features: [
    square('32', 'Jawa Barat', 106.4, -5.9, 2.2), square('35', 'Jawa Timur', 111.0, -6.8, 3.0),
    square('32.73', 'Kota Bandung', 107.5, -6.8, 0.2), square('32.04', 'Kabupaten Bandung', 107.3, -7.0, 0.3)] }));
  execFileSync(process.env.NETRA, ['region', 'import-geojson', raw, '--out', out], { stdio: 'ignore' });
  const h2 = await start({ env: { NETRA_BOUNDARIES: out } });
  try {
    const page = await h2.newPage();
    await login(page, h2.url, 'demo.ri', h2.accounts['demo.ri'].password);
    await open(page, h2.url, '/peta', 'map');
    await page.waitForSelector('#map path.region-32');
    assert.equal(await page.getAttribute('#map', 'data-drawn'), 'boundaries');
    assert.equal(await page.locator('#map path.tile').count(), 0, 'no tiles when boundaries exist');
    assert.equal(await page.locator('#map path.region').count(), 2, 'one polygon per imported province');
    assert.equal(await page.getAttribute('#map path.region-32', 'fill'), '#c62828', 'Jawa Barat is tinggi');
    await shot(page, 'web-map-boundaries');
    // a click on Jawa Barat's polygon opens its kab/kota: their polygons and the ranked list
    await page.click('#map path.region-32');
    await page.waitForSelector('#map path.region-32-73');
    assert.equal(await page.locator('#map path.region').count(), 2, 'the two imported kab/kota');
    assert.equal(await page.locator('#map-bars li').count(), 27);
    assert.equal(await page.getAttribute('#map path.region-32-73', 'fill'), '#c62828', 'Kota Bandung is tinggi');
    await shot(page, 'web-map-boundaries-jabar');
    assert.deepEqual(h2.problems, []);
    await page.context().close();
  } finally {
    await h2.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
