// The stories of issue 7 that browser.test.mjs does not walk, in Debian's chromium against a
// real netrad with a fresh demo database (harness.mjs): the whole citizen story from the
// report to the decree on the same case, each step by the demo account whose role the
// workflow grants it; the transparency page checked cell by cell against the API; the civil
// servant's page from a case's accused and from the search box, scoped by region; duplicate
// suggestions merged through a preview and undone; the dashboard's counts and charts with
// their tables. axe-core runs on each of these pages; screenshots go to
// build-test/artifacts/web-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { start, open, axe, shot, login, root } from './harness.mjs';

let h;
before(async () => {
  h = await start();
  // Cases 14-18: 15 reports the incident of 14 (same accused, act and date), 16 repeats its
  // summary, 17 shares its link in Surabaya (tests/data/cases/reports-dups.csv).
  execFileSync(h.netra, ['import', join(root, 'tests/data/cases/reports-dups.csv'), '--db', h.db],
    { env: h.env, stdio: 'ignore' });
});
after(async () => { if (h) await h.stop(); });

function requires(t, ...routes) {
  const missing = routes.filter((r) => !h.has(r));
  if (missing.length) { t.skip(`netrad does not serve ${missing.join(', ')} yet`); return false; }
  return true;
}

async function as(account, hash, mod) {
  const page = await h.newPage();
  await login(page, h.url, account, h.accounts[account].password);
  if (hash) await open(page, h.url, hash, mod);
  return page;
}

/** An API call with the page's session (its cookie and the CSRF token the app keeps). */
function api(page, path) {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`, { credentials: 'same-origin' })).json(), path);
}

async function act(page, action, fields = {}) {
  const before = await page.textContent('#case-state');
  await page.click(`button[data-action="${action}"]`);
  for (const [k, v] of Object.entries(fields)) await page.fill(`#af-${k}`, v);
  await page.click('#action-form button[type="submit"]');
  await page.waitForFunction((b) => {
    const s = document.getElementById('case-state');
    return s && s.textContent !== b;
  }, before, { timeout: 15000 });
  return page.textContent('#case-state');
}

async function noAxe(page, where) {
  assert.deepEqual(await axe(page), [], where);
}

test('the citizen story: a report with a file, the receipt, every step of the case, the outcome on the receipt', async (t) => {
  if (!requires(t, 'post /api/v1/reports', 'get /api/v1/receipts/{}', 'post /api/v1/cases/{}/actions',
    'post /api/v1/cases/{}/accused')) return;
  // The citizen, on a phone, reports what happened in Coblong, with a photo.
  const citizen = await h.newPage({ viewport: { width: 390, height: 844 } });
  await open(citizen, h.url, '/lapor', 'report');
  await citizen.fill('#description', 'Camat Coblong mengajak peserta senam pagi memilih pasangan calon gubernur nomor 3 sambil membagikan kaos.');
  await citizen.fill('#occurred-on', '2024-11-02');
  await citizen.fill('#known-on', '2024-11-03');
  await citizen.fill('#place', 'Lapangan Taman Coblong');
  await citizen.fill('#region-q', 'coblong');
  await citizen.keyboard.press('Enter');
  await citizen.waitForSelector('#region-found:not([hidden]) option[value="32.73.02"]', { state: 'attached' });
  await citizen.selectOption('#region-found', '32.73.02');
  await citizen.waitForFunction(() => /Coblong/.test(document.getElementById('region-chosen').textContent));
  await citizen.fill('#accused-name', 'Camat Coblong');
  await citizen.fill('#accused-agency', 'Pemkot Bandung');
  await citizen.fill('#accused-nip', '197603152005011003');
  await citizen.setInputFiles('#files', { name: 'senam.png', mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex') });
  await citizen.fill('#reporter-name', 'Rina Wulandari');
  await citizen.fill('#reporter-address', 'Jl. Dago 12, Coblong, Bandung');
  await citizen.click('button[type="submit"]');
  await citizen.waitForSelector('#receipt-code');
  const code = (await citizen.textContent('#receipt-code')).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  await citizen.click('a[href^="#/status"]');
  await citizen.waitForSelector('#status-state');
  const first = await citizen.textContent('#status-state');
  await shot(citizen, 'web-story-receipt');

  // The panwas of Coblong sees it at the top of the case list.
  const panwas = await as('demo.coblong', '/kasus?sort=-id', 'cases');
  await panwas.waitForSelector('#case-table tbody tr a');
  const row = panwas.locator('#case-table tbody tr', { hasText: 'senam pagi' });
  assert.equal(await row.count(), 1, 'the citizen\'s report is in the panwas\'s list');
  await row.locator('a').first().click();
  await panwas.waitForFunction(() => document.body.dataset.page === 'case' && document.getElementById('case-state'));
  const id = Number((await panwas.textContent('h1')).match(/#(\d+)/)[1]);
  assert.match(await panwas.textContent('#case-state'), /Kajian awal/i);
  // The kajian awal: the accused is identified and linked by NIP, then the report registered.
  await panwas.fill('#acc-nip', '197603152005011003');
  await panwas.fill('#acc-name', 'DEMO Camat Coblong');
  await panwas.fill('#acc-agency', 'Pemkot Bandung');
  await panwas.fill('#acc-ppk', 'Wali Kota Bandung');
  await panwas.click('#accused-form button[type="submit"]');
  await panwas.waitForSelector('#accused-list a[href="#/asn/197603152005011003"]');
  await act(panwas, 'registrasi', { nomor_registrasi: '007/Reg/LP/PG/Kec.Coblong/11/2024' });
  await act(panwas, 'mulai_klarifikasi');
  assert.match(await act(panwas, 'teruskan', { kajian: 'Camat terbukti mengajak memilih dalam senam pagi.', instansi_tujuan: 'BKN' }), /[Dd]iteruskan/);
  await panwas.context().close();

  const step = async (account, action, fields) => {
    const page = await as(account, `/kasus/${id}`, 'case');
    const state = await act(page, action, fields);
    return { page, state };
  };
  (await step('demo.satgas', 'verifikasi', { hasil_verifikasi: 'Foto dan dua saksi cukup.' })).page.context().close();
  (await step('demo.bandung', 'validasi', { hasil_kajian: 'Memenuhi unsur pelanggaran netralitas.' })).page.context().close();
  const rec = await step('demo.satgas', 'rekomendasikan', { hasil_pemeriksaan: 'Terbukti.', bentuk: 'D-4',
    sanksi: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan' });
  assert.match(rec.state, /PPK/);
  await rec.page.context().close();
  const ppk = await as('demo.ppk', `/kasus/${id}`, 'case');
  const done = await act(ppk, 'jatuhkan_sanksi', { nomor_sk: '800/456/BKPSDM/2024', tanggal_sk: '2024-12-03',
    sanksi: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan' });
  assert.match(done, /[Ss]anksi/);
  await shot(ppk, 'web-story-decree');
  await ppk.context().close();

  // The citizen checks the receipt again and reads the outcome in plain words.
  await citizen.reload();
  await citizen.waitForFunction(() => document.body.dataset.page === 'status');
  await citizen.waitForSelector('#status-state');
  const now = await citizen.textContent('#status-state');
  assert.notEqual(now, first);
  assert.match(await citizen.textContent('main'), /Sanksi telah dijatuhkan/);
  await shot(citizen, 'web-story-outcome');
  await noAxe(citizen, 'status with the outcome');
  assert.deepEqual(h.problems, []);
  await citizen.context().close();
});

test('transparency: every count shown is the API\'s, small cells suppressed', async (t) => {
  if (!requires(t, 'get /api/v1/transparency')) return;
  const page = await h.newPage();
  await open(page, h.url, '/transparansi', 'transparency');
  await page.waitForSelector('#nat-by_form_outcome tbody tr');
  const d = await api(page, '/transparency');
  const str = (v) => (typeof v === 'number' ? v.toLocaleString('id-ID') : String(v));
  // Each national cross table: every cell, row total, column total and the total, in order.
  const tables = Object.entries(d.national);
  assert.ok(tables.length >= 4, 'four national tables');
  let small = 0;
  for (const [name, tb] of tables) {
    const want = [...tb.cells.flatMap((r, i) => [...r, tb.row_totals[i]]), ...tb.col_totals, tb.total].map(str);
    const got = (await page.locator(`#nat-${name} td`).allTextContents()).map((c) => c.trim());
    assert.deepEqual(got, want, name);
    small += want.filter((v) => v === '<5' || v === 'x').length;
    // nothing between 1 and 4 is ever shown as a number
    assert.ok(got.every((v) => !/^[1-4]$/.test(v)), `${name}: a small cell is shown`);
  }
  assert.ok(small > 0, 'the fresh demo database has small cells to suppress');
  // The first province's tables too.
  if (d.provinces.length) {
    const p = d.provinces[0];
    const want = [...p.by_form_outcome.cells.flatMap((r, i) => [...r, p.by_form_outcome.row_totals[i]]),
      ...p.by_form_outcome.col_totals, p.by_form_outcome.total].map(str);
    assert.deepEqual((await page.locator('#prov-form-outcome td').allTextContents()).map((c) => c.trim()), want);
  }
  assert.match(await page.textContent('main'), /<5/);
  await shot(page, 'web-transparency');
  await noAxe(page, 'transparency');
  await page.context().close();
});

test('the civil servant\'s page: from the accused of a case and from the search box, scoped by region', async (t) => {
  if (!requires(t, 'get /api/v1/asn/{}')) return;
  const page = await as('demo.jabar', '/kasus/1', 'case');
  await page.click('a[href="#/asn/197603152005011003"]');
  await page.waitForFunction(() => document.body.dataset.page === 'asn');
  await page.waitForSelector('#asn-cases tbody tr');
  const apiData = await api(page, '/asn/197603152005011003');
  const ids = await page.locator('#asn-cases tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.dataset.case)));
  assert.deepEqual(ids, apiData.cases.map((c) => c.id));
  assert.ok(ids.includes(1) && ids.includes(7));
  assert.match(await page.textContent('#asn-summary'), /Berulang/);
  // The sanctioned case shows its sanction and decree.
  assert.match(await page.textContent('#asn-cases tr[data-case="7"] .sanction'), /SK/);
  await shot(page, 'web-asn');
  await noAxe(page, 'asn');
  // The search box: a query too short to search is named before asking the server.
  await open(page, h.url, '/asn', 'asn');
  for (const bad of ['197', 'a b']) {
    await page.fill('#asn-q', bad);
    await page.click('#asn-search button[type="submit"]');
    await page.waitForSelector('#asn-q[aria-invalid="true"]');
    assert.match(await page.textContent('#asn-q-error'), /2 huruf.*4 angka/);
  }
  await noAxe(page, 'asn search');
  // A name finds the people of the user's scope, as the API lists them; a row opens the page.
  await page.fill('#asn-q', 'camat COBLONG');
  await page.click('#asn-search button[type="submit"]');
  await page.waitForFunction(() => /#\/asn\?q=camat%20COBLONG$/.test(location.hash));
  await page.waitForSelector('#asn-found tbody tr');
  const found = await api(page, '/asn?q=camat%20COBLONG');
  const rows = await page.locator('#asn-found tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.nip));
  assert.deepEqual(rows, found.results.map((a) => a.nip));
  assert.deepEqual(rows, ['197603152005011003']);
  assert.match(await page.textContent('#asn-found-h'), /1 ASN terlapor/);
  await shot(page, 'web-asn-search');
  await noAxe(page, 'asn search results');
  // The first digits of a NIP search too; Jawa Barat does not find Surabaya's lurah.
  await page.fill('#asn-q', '1982 0110');
  await page.click('#asn-search button[type="submit"]');
  await page.waitForSelector('#asn-none');
  assert.equal(await page.locator('#asn-found').count(), 0);
  await page.fill('#asn-q', '1976.0315');
  await page.click('#asn-search button[type="submit"]');
  await page.waitForSelector('#asn-found tbody tr[data-nip="197603152005011003"]');
  await page.click('#asn-found tbody tr[data-nip="197603152005011003"] a');
  await page.waitForFunction(() => /#\/asn\/197603152005011003$/.test(location.hash));
  await page.waitForSelector('#asn-cases tbody tr');
  // A whole NIP (written with spaces) opens the page directly.
  await open(page, h.url, '/asn', 'asn');
  await page.fill('#asn-q', '19820110 200903 1 002');
  await page.click('#asn-search button[type="submit"]');
  await page.waitForFunction(() => /#\/asn\/198201102009031002$/.test(location.hash));
  await page.waitForSelector('#asn-summary, main .alert');
  // Jawa Barat does not see the Surabaya lurah's cases: the page says not found.
  assert.equal(await page.locator('#asn-cases').count(), 0);
  assert.match(await page.textContent('main'), /tidak ada perkara/i);
  await page.context().close();
  // The panwas of Coblong sees the cases of Coblong and is told that others exist elsewhere.
  const panwas = await as('demo.coblong', '/asn/197603152005011003', 'asn');
  await panwas.waitForSelector('#asn-cases tbody tr');
  const own = await panwas.locator('#asn-cases tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.dataset.case)));
  const mine = await api(panwas, '/asn/197603152005011003');
  assert.deepEqual(own, mine.cases.map((c) => c.id));
  assert.ok(own.includes(1) && own.includes(7) && !own.includes(14), own.join());
  assert.ok(mine.cases.every((c) => c.region.startsWith('32.73.02')));
  assert.match(await panwas.textContent('#asn-elsewhere'), /di luar wilayah/);
  assert.deepEqual(h.problems, []);
  await panwas.context().close();
});

test('duplicates: a suggestion previewed, merged with a confirm, then undone; a stale page is warned', async (t) => {
  if (!requires(t, 'get /api/v1/cases/{}/duplicates', 'post /api/v1/cases/{}/merge', 'post /api/v1/cases/{}/unmerge')) return;
  const page = await as('demo.bandung', '/kasus/14', 'case');
  await page.waitForSelector('#dup-list li[data-dup="15"]');
  // Only the case of Kota Bandung is suggested to Bawaslu Kota Bandung (17 is in Surabaya).
  const dups = await page.locator('#dup-list > li').evaluateAll((ls) => ls.map((l) => Number(l.dataset.dup)));
  assert.deepEqual(dups, [15]);
  assert.match(await page.textContent('#dup-list'), /terlapor, perbuatan dan tanggal sama/);
  // Merging is not one of the plain action buttons.
  assert.equal(await page.locator('#act-h + .actions button[data-action="gabungkan"]').count(), 0);
  const stale = await as('demo.bandung', '/kasus/14', 'case');
  await page.click('button[data-preview="15"]');
  await page.waitForSelector('#merge-preview:not([hidden])');
  assert.match(await page.textContent('#merge-preview'), /#15/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'merge-preview');
  await shot(page, 'web-merge-preview');
  await noAxe(page, 'merge preview');
  // Nothing changed by the preview.
  assert.equal((await api(page, '/cases/15')).version, 1);
  await page.click('#merge-confirm');
  await page.waitForSelector('#dup-done');
  assert.match(await page.textContent('#dup-done'), /digabung/);
  await page.waitForSelector('#merges button[data-undo="15"]');
  assert.equal((await api(page, '/cases/14')).acts.length, 2, 'the merged case\'s act is here now');
  await shot(page, 'web-merged');
  // A second page drawn before the merge is warned, and merges nothing.
  await stale.click('button[data-preview="15"]');
  await stale.waitForSelector('#merge-preview:not([hidden])');
  await stale.click('#merge-confirm');
  await stale.waitForSelector('#dup-stale');
  await stale.context().close();
  // The merged case says where it went; the undo restores both.
  await open(page, h.url, '/kasus/15', 'case');
  await page.waitForSelector('#merged-into');
  await open(page, h.url, '/kasus/14', 'case');
  await page.click('#merges button[data-undo="15"]');
  await page.waitForSelector('#dup-done');
  assert.match(await page.textContent('#dup-done'), /dibatalkan/);
  assert.equal((await api(page, '/cases/14')).acts.length, 1);
  assert.ok((await api(page, '/cases/15/duplicates')).merged_into === null);
  await page.waitForSelector('#dup-list li[data-dup="15"]');
  // A role the workflow does not grant gabungkan is offered no merge.
  const satgas = await as('demo.satgas', '/kasus/14', 'case');
  await satgas.waitForSelector('#duplicates');
  assert.equal(await satgas.locator('button[data-preview]').count(), 0);
  await satgas.context().close();
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('dashboard: overdue first, counts by state, form, stage and region as the API gives them, each chart with its table', async (t) => {
  if (!requires(t, 'get /api/v1/dashboard')) return;
  const page = await as('demo.jabar');
  await page.waitForSelector('#trend');
  const d = await api(page, '/dashboard');
  for (const [id, key] of [['by-state', 'by_state'], ['by-form', 'by_form'], ['by-stage', 'by_stage'], ['by-region', 'by_region']]) {
    assert.ok(d[key].length > 0, key);
    const counts = await page.locator(`#${id} tbody td`).allTextContents();
    assert.deepEqual(counts.map(Number), d[key].map((r) => r.count), id);
    assert.equal(await page.locator(`#${id}-chart`).count(), 1, `${id} has a chart`);
    assert.ok((await page.getAttribute(`#${id}-chart`, 'aria-label')).length > 0);
  }
  assert.equal(await page.locator('#by-form tbody th', { hasText: 'D-' }).count() > 0, true);
  // Overdue first: the list is the API's, most days late on top, above the charts.
  const od = await page.locator('#overdue-list > li').evaluateAll((ls) => ls.map((l) => Number(l.dataset.case)));
  assert.deepEqual(od, d.overdue.map((c) => c.id));
  assert.ok(od.length > 0);
  assert.ok(await page.evaluate(() => document.getElementById('overdue').compareDocumentPosition(document.getElementById('by-state')) & Node.DOCUMENT_POSITION_FOLLOWING));
  assert.equal(await page.locator('#trend-table tbody tr').count(), d.trend.length);
  await shot(page, 'web-dashboard-counts');
  await noAxe(page, 'dashboard');
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('accessibility and screenshots of the pages no other story checks: login, review queue, civil servant search, both languages', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/queue', 'get /api/v1/asn/{}')) return;
  const failures = [];
  for (const lang of ['id', 'en']) {
    const page = await h.newPage();
    await page.addInitScript((l) => localStorage.setItem('netra.lang', l), lang);
    await open(page, h.url, '/masuk', 'login');
    if (lang === 'id') await shot(page, 'web-login');
    for (const v of await axe(page)) failures.push(`${lang} /masuk: ${v}`);
    await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
    await open(page, h.url, '/antrean', 'queue');
    await page.waitForSelector('#queue-detail .item-text');
    for (const v of await axe(page)) failures.push(`${lang} /antrean: ${v}`);
    await open(page, h.url, '/asn', 'asn');
    for (const v of await axe(page)) failures.push(`${lang} /asn: ${v}`);
    await open(page, h.url, '/asn/197603152005011003', 'asn');
    await page.waitForSelector('#asn-cases');
    for (const v of await axe(page)) failures.push(`${lang} /asn/{nip}: ${v}`);
    if (lang === 'en') {
      assert.match(await page.textContent('#asn-summary'), /cases in \d+ elections/);
      await shot(page, 'web-asn-en');
    }
    await page.context().close();
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(h.problems, []);
});
