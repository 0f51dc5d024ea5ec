// The statistics page in Debian's chromium against a real netrad with the demo database
// (harness.mjs): the three charts drawn with Chart.js, each with its table of the same numbers
// as the API; the funnel broken down by province; the public variant showing "<5"; filters;
// export links carrying the filters; axe in both languages. Screenshots:
// build-test/artifacts/web-stats*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, axe, shot, login } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { if (h) await h.stop(); });

const settled = (page) => page.waitForFunction(() => document.body.dataset.stats);

test('statistics: shares, funnel and durations as charts and tables', async () => {
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
  await open(page, h.url, '/statistik', 'stats');
  await page.waitForSelector('#t-durations tbody tr');
  for (const id of ['chart-shares', 'chart-funnel', 'chart-durations']) {
    assert.ok(await page.locator(`#${id}`).isVisible(), id);
    assert.ok(await page.evaluate((i) => !!window.Chart.getChart(document.getElementById(i)), id), `${id} is a chart`);
  }
  // the tables hold the API's numbers
  const funnel = await page.evaluate(async () => (await fetch('/api/v1/stats/funnel?by=agency')).json());
  const foot = await page.locator('#t-funnel tfoot td').allTextContents();
  assert.equal(foot[0], String(funnel.total.counts[0]));
  assert.equal(foot[2], String(funnel.total.counts[1]));
  const shares = await page.evaluate(async () => (await fetch('/api/v1/stats/shares')).json());
  const rows = await page.locator('#t-shares tbody tr').count();
  assert.equal(rows, shares.rows.length);
  // the chart draws the same counts as the table
  const drawn = await page.evaluate(() => window.Chart.getChart(document.getElementById('chart-funnel')).data.datasets[0].data);
  assert.equal(drawn.length, 5);
  await shot(page, 'web-stats');
  // by province
  await page.selectOption('#s-group-by', 'province');
  await page.waitForFunction(() => /Jawa Barat/.test(document.querySelector('#t-funnel tbody').textContent));
  // the public variant: Jawa Tengah's 3 cases become <5
  await page.check('#s-public');
  await page.click('#s-apply');
  await page.waitForFunction(() => document.querySelector('#t-funnel tbody abbr') !== null);
  assert.match(await page.textContent('#t-funnel tbody'), /<5/);
  assert.match(await page.getAttribute('#x-funnel-csv', 'href'), /variant=public/);
  assert.match(await page.getAttribute('#x-funnel-csv', 'href'), /by=province/);
  await shot(page, 'web-stats-public');
  // a filter: Jawa Barat only
  await page.uncheck('#s-public');
  await page.fill('#s-region', '32');
  await page.click('#s-apply');
  await page.waitForFunction(() => /cakupan 32/.test(document.getElementById('st-meta').textContent));
  const jb = await page.evaluate(async () => (await fetch('/api/v1/stats/shares?region=32')).json());
  assert.equal((await page.locator('#t-shares tfoot td').first().textContent()), String(jb.total.counts[0]));
  assert.deepEqual(h.problems, []);
  await page.context().close();
});

test('accessibility of the statistics page, both languages', async () => {
  const page = await h.newPage();
  await login(page, h.url, 'demo.ri', h.accounts['demo.ri'].password);
  const failures = [];
  for (const lang of ['id', 'en']) {
    await page.evaluate((l) => localStorage.setItem('netra.lang', l), lang);
    await open(page, h.url, '/statistik', 'stats');
    await page.waitForSelector('#t-durations tbody tr');
    await settled(page);
    for (const v of await axe(page)) failures.push(`${lang}: ${v}`);
  }
  assert.deepEqual(failures, []);
  await page.context().close();
});
