// Browser-test harness: a fresh seeded database, `netrad` on a free loopback port serving
// web/, and Debian's chromium driven by playwright-core. Everything is started here and
// stopped by stop(); nothing outside the temporary directory is touched except the
// screenshots written to ARTIFACTS (build-test/artifacts/ under ctest).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '../..');
const require = createRequire(join(root, 'third_party/web/package.json'));
const { chromium } = require('playwright-core');

export const ARTIFACTS = process.env.NETRA_ARTIFACTS || join(root, 'build-test/artifacts');
const CHROMIUM = process.env.NETRA_CHROMIUM || '/usr/bin/chromium';
// A fixed test key for reporter identities (never a real one).
const KEY = 'a1'.repeat(32);

function need(name) {
  const v = process.env[name];
  if (!v || !existsSync(v)) throw new Error(`${name} must name an existing file (got ${v || 'nothing'})`);
  return v;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts everything (`opt.env`: more variables for netrad, e.g. NETRA_BOUNDARIES). Returns
 * {url, routes, browser, newPage, stop, db, netra}.
 * `routes` is the set of "method /path" that netrad's OpenAPI document lists.
 */
export async function start(opt = {}) {
  const netrad = need('NETRAD');
  const netra = need('NETRA');
  const dir = mkdtempSync(join(tmpdir(), 'netra-web-'));
  const db = join(dir, 'netra.db');
  const env = { ...process.env, NETRA_KEY: KEY, NETRA_DB: db, NETRA_ADDRESS: '127.0.0.1', NETRA_PORT: '0',
    NETRA_WEB_ROOT: join(root, 'web'), NETRA_LOG_LEVEL: process.env.NETRA_LOG_LEVEL || 'warn',
    ...(opt.env || {}) };
  const seeded = execFileSync(netra, ['demo', 'seed', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // The demo accounts and their one-time passwords, as `netra demo seed` prints them.
  const accounts = {};
  for (const m of String(seeded).matchAll(/^\s+(demo\.[\w.]+)\s+(demo-[0-9a-f]+)\s+(\w+)/gm)) {
    accounts[m[1]] = { password: m[2], role: m[3] };
  }
  const ready = join(dir, 'ready');
  const log = [];
  const proc = spawn(netrad, ['--ready-file', ready], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  let exited = null;
  proc.on('exit', (code, sig) => { exited = `exit ${code} ${sig || ''}`; });
  // Wait for the ready file (netrad writes it once listening); bounded, no timing asserted.
  for (let i = 0; i < 600 && !existsSync(ready); i++) {
    if (exited) throw new Error(`netrad ${exited}:\n${log.join('')}`);
    await sleep(50);
  }
  if (!existsSync(ready)) throw new Error(`netrad never became ready:\n${log.join('')}`);
  const url = readFileSync(ready, 'utf8').trim().replace(/\/$/, '');
  const routes = new Set();
  const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
  for (const [p, ops] of Object.entries(doc.paths || {})) {
    for (const m of Object.keys(ops)) routes.add(`${m.toLowerCase()} ${p.replace(/\{[^}]*\}/g, '{}')}`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = [];
  /** A new page in a fresh context; console errors and CSP violations are collected. */
  async function newPage(opt = {}) {
    const context = await browser.newContext({ viewport: opt.viewport || { width: 1280, height: 900 },
      locale: 'id-ID', ...opt.context });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|404|409|412|415)/.test(m.text())) problems.push(`console: ${m.text()} ${JSON.stringify(m.location())}`);
    });
    return page;
  }
  async function stop() {
    await browser.close().catch(() => {});
    if (!exited) {
      proc.kill('SIGTERM');
      for (let i = 0; i < 200 && !exited; i++) await sleep(50);
      if (!exited) proc.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const has = (r) => routes.has(r);
  return { url, routes, has, browser, newPage, stop, db, netra, env, problems, log, accounts };
}

/** Opens a hash route and waits until the shell has drawn that page. */
export async function open(page, url, hash, mod) {
  await page.goto(`${url}/#${hash}`);
  await page.waitForFunction((m) => document.body.dataset.page === m, mod, { timeout: 10000 });
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axe(page) {
  const src = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(src);
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Logs in through the login page and waits for the dashboard. */
export async function login(page, url, account, password) {
  await open(page, url, '/masuk', 'login');
  await page.fill('#login', account);
  await page.fill('#password', password);
  await page.click('#login-form button[type="submit"]');
  await page.waitForFunction(() => document.body.dataset.page === 'dashboard', null, { timeout: 15000 });
}
