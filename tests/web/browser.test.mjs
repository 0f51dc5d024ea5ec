// End-to-end tests of the web app in Debian's chromium against a real netrad on loopback
// with a fresh demo database (harness.mjs). A story whose API routes netrad does not serve
// yet is skipped with the missing route named; everything the server serves is exercised.
// Screenshots of each page reached go to build-test/artifacts/web-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, open, axe, shot, login } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { if (h) await h.stop(); });

/** Skips `t` unless netrad serves every route; returns true when it may run. */
function requires(t, ...routes) {
  const missing = routes.filter((r) => !h.has(r));
  if (missing.length) { t.skip(`netrad does not serve ${missing.join(', ')} yet`); return false; }
  return true;
}

test('the shell: Indonesian first, strict CSP, landmarks, no script errors', async () => {
  const page = await h.newPage();
  const res = await page.goto(`${h.url}/`);
  const csp = res.headers()['content-security-policy'] || '';
  assert.match(csp, /script-src 'self'(;|$)/, 'script-src is self only');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  await page.waitForFunction(() => document.body.dataset.page === 'home');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await page.locator('main#main').count(), 1);
  assert.equal(await page.locator('header nav[aria-label]').count(), 1);
  assert.match(await page.textContent('h1'), /netralitas ASN/);
  assert.equal(await page.isVisible('#logout'), false, 'no logout button without a session');
  // Every inline script or style would be refused by the CSP: there must be none.
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('[style]').count(), 0);
  // The navigation lists only pages whose API routes the server has.
  const links = await page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  if (!h.has('post /api/v1/reports')) assert.ok(!links.includes('#/lapor'), 'report form hidden without its route');
  if (!h.has('get /api/v1/transparency')) assert.ok(!links.includes('#/transparansi'));
  assert.deepEqual(h.problems, []);
  await shot(page, 'web-home-id');
  await page.context().close();
});

test('the language switch: English remembered across reloads, back to Indonesian', async () => {
  const page = await h.newPage();
  await open(page, h.url, '/', 'home');
  const idTitle = await page.textContent('h1');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForFunction((before) => document.querySelector('h1').textContent !== before, idTitle);
  assert.match(await page.textContent('h1'), /civil servants neutral/);
  assert.equal(await page.textContent('.skip'), 'Skip to content');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.page === 'home');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await shot(page, 'web-home-en');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.equal(await page.evaluate(() => localStorage.getItem('netra.lang')), 'id');
  await page.context().close();
});

test('keyboard: the skip link is the first stop and moves focus to the content', async () => {
  const page = await h.newPage();
  await open(page, h.url, '/', 'home');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.context().close();
});

test('an unknown address and a page the server cannot serve say so', async () => {
  const page = await h.newPage();
  await open(page, h.url, '/tidak-ada', 'notfound');
  assert.match(await page.textContent('h1'), /tidak ditemukan/);
  if (!h.has('get /api/v1/receipts/{}')) {
    await open(page, h.url, '/status', 'unavailable');
    assert.match(await page.textContent('main'), /belum tersedia/);
  }
  await page.context().close();
});

test('accessibility: no serious or critical axe violation on any page reached', async () => {
  const pages = [['/', 'home'], ['/tidak-ada', 'notfound']];
  if (h.has('post /api/v1/reports')) pages.push(['/lapor', 'report']);
  if (h.has('get /api/v1/receipts/{}')) pages.push(['/status', 'status']);
  if (h.has('get /api/v1/transparency')) pages.push(['/transparansi', 'transparency']);
  if (h.has('post /api/v1/session')) pages.push(['/masuk', 'login']);
  const failures = [];
  for (const lang of ['id', 'en']) {
    const page = await h.newPage();
    await page.addInitScript((l) => localStorage.setItem('netra.lang', l), lang);
    for (const [hash, mod] of pages) {
      await open(page, h.url, hash, mod);
      for (const v of await axe(page)) failures.push(`${lang} ${hash}: ${v}`);
    }
    await page.context().close();
  }
  assert.deepEqual(failures, []);
});

test('mobile: the front page fits a 360 px phone without sideways scrolling', async () => {
  const page = await h.newPage({ viewport: { width: 360, height: 740 } });
  await open(page, h.url, '/', 'home');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, 'web-home-mobile');
  await page.context().close();
});

test('a citizen reports with a file and gets a receipt, then checks it', async (t) => {
  if (!requires(t, 'post /api/v1/reports', 'get /api/v1/regions', 'get /api/v1/receipts/{}')) return;
  const page = await h.newPage({ viewport: { width: 390, height: 844 } });
  await open(page, h.url, '/lapor', 'report');
  await page.fill('#description', 'Camat mengajak warga memilih pasangan calon nomor 2 dalam acara PKK di balai desa.');
  await page.fill('#occurred-on', '2024-11-02');
  await page.fill('#known-on', '2024-11-03');
  await page.fill('#place', 'Balai Desa Sukamaju');
  await page.fill('#region-q', 'kab bandung');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#region-found:not([hidden]) option[value="32.04"]', { state: 'attached' });
  await page.selectOption('#region-found', '32.04');
  await page.waitForFunction(() => /Bandung/.test(document.getElementById('region-chosen').textContent));
  await page.fill('#accused-name', 'Budi Santoso');
  await page.fill('#accused-agency', 'Pemkab Bandung');
  await page.setInputFiles('#files', { name: 'foto.png', mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex') });
  await page.fill('#reporter-name', 'Siti Aminah');
  await page.fill('#reporter-address', 'Jl. Merdeka 1, Bandung');
  await shot(page, 'web-report-form');
  await page.click('button[type="submit"]');
  await page.waitForSelector('#receipt-code');
  const code = (await page.textContent('#receipt-code')).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  await shot(page, 'web-report-receipt');
  await page.click('a[href^="#/status"]');
  await page.waitForSelector('#status-state');
  assert.ok((await page.textContent('#status-state')).length > 0);
  await shot(page, 'web-status');
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('staff: a wrong password is refused, then the panwas logs in to the dashboard', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/me', 'get /api/v1/cases')) return;
  const acc = h.accounts['demo.coblong'];
  assert.ok(acc, 'netra demo seed printed the panwas account');
  const page = await h.newPage();
  await open(page, h.url, '/masuk', 'login');
  await page.fill('#login', 'demo.coblong');
  await page.fill('#password', 'salah-sekali-kata-sandinya');
  await page.click('#login-form button[type="submit"]');
  await page.waitForSelector('#login-status [role="alert"]');
  assert.match(await page.textContent('#login-status'), /salah/);
  await login(page, h.url, 'demo.coblong', acc.password);
  assert.match(await page.textContent('#who'), /Panwaslu|Panwas|demo\.coblong|DEMO/i);
  assert.ok(await page.isVisible('#logout'));
  assert.match(await page.textContent('#dash-summary'), /perkara terbuka dari \d+ perkara/);
  await page.waitForSelector('#trend');
  await shot(page, 'web-dashboard');
  // The panwas of Coblong (32.73.02) sees only the cases of that kecamatan.
  await open(page, h.url, '/kasus', 'cases');
  await page.waitForSelector('#case-table tbody tr td:nth-child(5)');
  const regions = await page.locator('#case-table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(regions.length > 0 && regions.every((r) => r.startsWith('32.73.02')), regions.join(','));
  // Logging out ends the session: the dashboard asks for a login again.
  await page.click('#logout');
  await page.waitForFunction(() => document.body.dataset.page === 'login');
  await page.goto(`${h.url}/#/dasbor`);
  await page.waitForFunction(() => document.body.dataset.page === 'login');
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('staff: filters and a saved search on the case list', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/cases')) return;
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
  await open(page, h.url, '/kasus', 'cases');
  await page.waitForSelector('#case-table tbody tr');
  const all = await page.locator('#case-table tbody tr').count();
  assert.ok(all >= 10, `Bawaslu RI sees every demo case (${all})`);
  await page.fill('#f-region', '32');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => /region=32/.test(location.hash));
  await page.waitForSelector('#case-count');
  await page.waitForFunction((n) => document.querySelectorAll('#case-table tbody tr').length < n, all);
  const regions = await page.locator('#case-table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(regions.length > 0 && regions.every((r) => r.startsWith('32')), regions.join(','));
  await page.fill('#save-name', 'Jawa Barat');
  await page.click('#save-search');
  await page.waitForSelector('#saved a');
  assert.equal(await page.textContent('#saved a'), 'Jawa Barat');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.page === 'cases');
  assert.equal(await page.textContent('#saved a'), 'Jawa Barat', 'saved searches survive a reload');
  await shot(page, 'web-cases');
  await page.context().close();
});

test('staff: the panwas registers a report; a second analyst editing at the same time gets a 412 warning', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/cases/{}', 'post /api/v1/cases/{}/actions')) return;
  const panwas = await h.newPage();
  await login(panwas, h.url, 'demo.coblong', h.accounts['demo.coblong'].password);
  const analyst = await h.newPage();
  await login(analyst, h.url, 'demo.bandung', h.accounts['demo.bandung'].password);
  // Both open case 1 (a laporan in kajian awal in Coblong).
  await open(panwas, h.url, '/kasus/1', 'case');
  await open(analyst, h.url, '/kasus/1', 'case');
  const buttons = await panwas.locator('#act-h + .actions button').evaluateAll((bs) => bs.map((b) => b.dataset.action));
  assert.ok(buttons.includes('registrasi'), buttons.join(','));
  assert.ok(!buttons.includes('cabut'), 'withdrawing is the reporter\'s action, not offered to the panwas');
  await shot(panwas, 'web-case');
  // The panwas registers it.
  await panwas.click('button[data-action="registrasi"]');
  await panwas.fill('#af-nomor_registrasi', '001/Reg/LP/PB/Kec.Coblong/11/2024');
  await panwas.click('#action-form button[type="submit"]');
  await panwas.waitForFunction(() => document.body.dataset.page === 'case'
    && !document.querySelector('button[data-action="registrasi"]'));
  const state = await panwas.textContent('#case-state');
  assert.doesNotMatch(state, /Kajian awal/i, state);
  // The analyst's page is stale: refusing registration now must not overwrite.
  await analyst.click('button[data-action="tolak_registrasi"]');
  await analyst.fill('#af-alasan', 'Syarat formal tidak terpenuhi');
  await analyst.click('#action-form button[type="submit"]');
  await analyst.waitForSelector('#stale-warning');
  assert.match(await analyst.textContent('#stale-warning'), /diubah orang lain/);
  await shot(analyst, 'web-case-stale');
  await analyst.click('#stale-warning button');
  await analyst.waitForFunction((s) => document.getElementById('case-state')?.textContent === s, state);
  // The audit history shows the registration.
  assert.match(await analyst.textContent('#timeline'), /Registrasi/);
  assert.deepEqual(h.problems, []);
  await panwas.context().close();
  await analyst.context().close();
});

test('dashboard: election stages by their label; the case page shows a conflict of interest', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/dashboard', 'get /api/v1/elections/{}/stages')) return;
  const want = { id: { stage: 'Masa kampanye', coi: /Konflik kepentingan:.*petahana dalam pilbup-bandung-2024.*Gubernur/s },
    en: { stage: 'Campaign period', coi: /Conflict of interest:.*incumbent in pilbup-bandung-2024.*Governor/s } };
  for (const lang of ['id', 'en']) {
    const page = await h.newPage();
    await page.addInitScript((l) => localStorage.setItem('netra.lang', l), lang);
    await login(page, h.url, 'demo.jabar', h.accounts['demo.jabar'].password);
    await open(page, h.url, '/dasbor', 'dashboard');
    await page.waitForSelector('#by-stage');
    // The stage rows carry the law data's label (data/law/stages.tsv), never the phase id.
    const stages = (await page.locator('#by-stage tbody th').allTextContents()).map((x) => x.trim());
    assert.ok(stages.includes(want[lang].stage), `${lang}: ${stages.join(' | ')}`);
    assert.ok(!stages.some((x) => /^[a-z_ ]+$/.test(x)), `${lang}: a phase id shown: ${stages.join(' | ')}`);
    // The DEMO case of Kab. Bandung: the incumbent regent is the accused's PPK.
    if (h.routes.has('get /api/v1/cases/{}')) {
      await open(page, h.url, '/kasus/5', 'case');
      await page.waitForSelector('#case-conflict');
      assert.match(await page.textContent('#case-conflict'), want[lang].coi);
      await shot(page, `web-case-conflict-${lang}`);
    }
    assert.deepEqual(h.problems, []);
    await page.context().close();
  }
});

test('accessibility of the staff pages (login, dashboard, cases, case), both languages', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/cases/{}')) return;
  const failures = [];
  for (const lang of ['id', 'en']) {
    const page = await h.newPage();
    await page.addInitScript((l) => localStorage.setItem('netra.lang', l), lang);
    await login(page, h.url, 'demo.jabar', h.accounts['demo.jabar'].password);
    for (const [hash, mod] of [['/dasbor', 'dashboard'], ['/kasus', 'cases'], ['/kasus/2', 'case']]) {
      await open(page, h.url, hash, mod);
      for (const v of await axe(page)) failures.push(`${lang} ${hash}: ${v}`);
    }
    await page.context().close();
  }
  assert.deepEqual(failures, []);
});

/** Takes an action on the open case page through its form and waits for the new state. */
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

test('the report is forwarded, examined, recommended and sanctioned with a decree, each by its own role', async (t) => {
  if (!requires(t, 'post /api/v1/session', 'get /api/v1/cases/{}', 'post /api/v1/cases/{}/actions')) return;
  const as = async (account) => {
    const page = await h.newPage();
    await login(page, h.url, account, h.accounts[account].password);
    await open(page, h.url, '/kasus/1', 'case');
    return page;
  };
  const panwas = await as('demo.coblong');
  if (await panwas.isVisible('button[data-action="registrasi"]')) {
    await act(panwas, 'registrasi', { nomor_registrasi: '001/Reg/LP/PB/Kec.Coblong/11/2024' });
  }
  // Evidence with its hash: the panwas uploads the photo the reporter brought.
  if (h.has('post /api/v1/cases/{}/evidence')) {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex');
    await panwas.selectOption('#ev-kind', 'foto');
    await panwas.fill('#ev-url', 'https://example.org/foto-pkk');
    await panwas.setInputFiles('#ev-file', { name: 'foto-pkk.png', mimeType: 'image/png', buffer: png });
    await panwas.click('#evidence-form button[type="submit"]');
    await panwas.waitForSelector('#evidence-stored');
    const sha = createHash('sha256').update(png).digest('hex');
    assert.match(await panwas.textContent('#evidence-stored'), new RegExp(`sha256:${sha}`));
    // A file whose content is not what it claims to be is refused by the server.
    await panwas.setInputFiles('#ev-file', { name: 'bukan.png', mimeType: 'image/png', buffer: Buffer.from('MZ not a picture') });
    await panwas.click('#evidence-form button[type="submit"]');
    await panwas.waitForSelector('#evidence-status [role="alert"]');
    await shot(panwas, 'web-case-evidence');
    // Read back: the case page lists the stored piece with its hash and its custody chain.
    if (h.has('get /api/v1/cases/{}/evidence')) {
      await panwas.reload();
      await panwas.waitForSelector('#evidence-list li.evidence');
      const listed = await panwas.textContent('#evidence-list');
      assert.match(listed, new RegExp(`sha256:${sha}`));
      assert.match(listed, /image\/png/);
      assert.ok(!listed.includes('bukan.png'), 'the refused file is not listed');
      await panwas.click('#evidence-list details.custody summary');
      assert.match(await panwas.textContent('#evidence-list details.custody'), /captured · demo\.coblong/);
      await shot(panwas, 'web-case-evidence-custody');
    }
  }
  await act(panwas, 'mulai_klarifikasi');
  const forwarded = await act(panwas, 'teruskan', {
    kajian: 'Camat terbukti mengajak memilih paslon dalam acara PKK.', instansi_tujuan: 'BKN',
  });
  assert.match(forwarded, /[Dd]iteruskan/);
  await panwas.context().close();

  const satgas = await as('demo.satgas');
  // The examiner may not register or sanction: only the examiner's actions are offered.
  const offered = await satgas.locator('#act-h + .actions button').evaluateAll((bs) => bs.map((b) => b.dataset.action));
  assert.deepEqual(offered, ['verifikasi']);
  await act(satgas, 'verifikasi', { hasil_verifikasi: 'Bukti foto dan saksi cukup.' });
  await satgas.context().close();

  const bawaslu = await as('demo.bandung');
  await act(bawaslu, 'validasi', { hasil_kajian: 'Kajian Bawaslu Kota Bandung: memenuhi unsur.' });
  await bawaslu.context().close();

  const examiner = await as('demo.satgas');
  const recommended = await act(examiner, 'rekomendasikan', {
    hasil_pemeriksaan: 'Terbukti.', bentuk: 'D-4', sanksi: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan',
  });
  assert.match(recommended, /PPK/);
  await examiner.context().close();

  const ppk = await as('demo.ppk');
  await shot(ppk, 'web-case-ppk');
  const sanctioned = await act(ppk, 'jatuhkan_sanksi', {
    nomor_sk: '800/123/BKPSDM/2024', tanggal_sk: '2024-12-02', sanksi: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan',
  });
  assert.match(sanctioned, /[Ss]anksi|[Dd]isanksi/);
  const timeline = await ppk.textContent('#timeline');
  for (const step of ['Registrasi', 'Mulai klarifikasi', 'Teruskan', 'Jatuhkan sanksi']) {
    assert.match(timeline, new RegExp(step, 'i'), step);
  }
  await shot(ppk, 'web-case-sanctioned');
  assert.deepEqual(h.problems, []);
  await ppk.context().close();
});

test('review queue: Bawaslu RI confirms a flagged item into a temuan with its evidence highlighted; an analyst sees it held meanwhile', async (t) => {
  if (!requires(t, 'get /api/v1/queue', 'get /api/v1/queue/{}', 'post /api/v1/queue/{}/claim',
    'post /api/v1/queue/{}/confirm')) return;
  const ri = h.accounts['demo.ri'];
  const analis = h.accounts['demo.analis'];
  assert.ok(ri && analis, 'netra demo seed printed the national accounts');
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', ri.password);
  await open(page, h.url, '/antrean', 'queue');
  await page.waitForSelector('#queue-list li[role="option"]');
  const n0 = await page.locator('#queue-list li[role="option"]').count();
  assert.ok(n0 >= 1, 'the demo seed queued flagged verdicts');
  // Selecting the first entry claims it and shows the item with its evidence spans marked.
  await page.waitForSelector('#queue-detail .item-text mark');
  const marked = await page.locator('#queue-detail .item-text mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => m.trim().length > 0), marked.join('|'));
  await shot(page, 'web-queue');
  // An analyst opening the queue now sees the entry held by Bawaslu RI (analysts prepare,
  // supervisors confirm: only the confirm itself needs the supervisor's role).
  const other = await h.newPage();
  await login(other, h.url, 'demo.analis', analis.password);
  await open(other, h.url, '/antrean', 'queue');
  await other.waitForSelector('#queue-list li.held');
  assert.match(await other.textContent('#queue-list li.held'), /demo\.ri/);
  await shot(other, 'web-queue-held');
  await other.context().close();
  // Back to Bawaslu RI: "c" confirms; the entry leaves the list and a case is named.
  await page.focus('#queue-list');
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('#queue-status').textContent.trim().length > 0);
  assert.ok(await page.isVisible('#queue-status .alert.ok'), await page.textContent('#queue-status'));
  const said = await page.textContent('#queue-status');
  const m = said.match(/(\d+)/);
  assert.ok(m, `the confirmation names the new case: ${said}`);
  assert.equal(await page.locator('#queue-list li[role="option"]').count(), n0 - 1);
  // The new case is a temuan with the item as evidence.
  await open(page, h.url, `/kasus/${m[1]}`, 'case');
  await page.waitForSelector('h1');
  assert.match(await page.textContent('main'), /[Tt]emuan/);
  await shot(page, 'web-queue-temuan');
  assert.deepEqual(h.problems, []);
  await page.context().close();
});
