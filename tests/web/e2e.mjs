#!/usr/bin/env node
// End-to-end tests of the Verbatim web page in headless Chromium (issue 10).
//
//   node tests/web/e2e.mjs --verbatim PATH/TO/verbatim --work DIR [--web-root DIR] [--keep]
//
// Builds DIR/web.db from the seed articles (../shared/corpus/seeds, or $VERBATIM_SHARED/corpus/
// seeds), the demo corpus and tests/web/xss-articles.jsonl, starts `verbatim serve --port 0`,
// drives /usr/bin/chromium through playwright-core and prints one PASS/FAIL/SKIP line per check.
// Screenshots go to DIR/screenshots/. Exit status: 0 when every check passed, 1 when one failed,
// 77 when checks were skipped because the shared corpus is missing (never on CI: CI=true fails).
// The server and the browser are stopped on every exit path.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEED_DOCS = ['000_1c7f6137c8769fde.txt', '001_5f311a0464d3b848.txt', '002_d2901accd95d9cce.txt',
  '003_e0361c614ec4e6a6.txt', '004_7f23b3891e78eb35.txt'];
const PAYLOADS = ['<img src=x onerror', '<script>window.__pwned=1</script>', '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1'];
const TIMEOUT_MS = Number(process.env.VERBATIM_E2E_TIMEOUT_MS || 240000);

function parseArgs(argv) {
  const opts = { verbatim: null, work: null, webRoot: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbatim') opts.verbatim = argv[++i];
    else if (a === '--work') opts.work = argv[++i];
    else if (a === '--web-root') opts.webRoot = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!opts.verbatim || !opts.work) {
    throw new Error('usage: node tests/web/e2e.mjs --verbatim PATH --work DIR [--web-root DIR]');
  }
  opts.verbatim = path.resolve(opts.verbatim);
  opts.work = path.resolve(opts.work);
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Results

const results = [];
function report(status, name, detail = '') {
  results.push({ status, name });
  console.log(`${status} ${name}${detail ? ': ' + detail : ''}`);
}
class CheckFailed extends Error {}
function expect(cond, message) { if (!cond) throw new CheckFailed(message); }

async function check(name, fn) {
  try {
    const detail = await fn();
    report('PASS', name, detail || '');
  } catch (err) {
    report('FAIL', name, err instanceof CheckFailed ? err.message : (err.stack || String(err)));
  }
}

// ---------------------------------------------------------------------------------------------
// Processes: the server and the browser are stopped on every exit path.

let server = null;
let context = null;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const s = server;
    setTimeout(() => { if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL'); }, 3000).unref();
  }
}

async function cleanup() {
  if (context) {
    const c = context;
    context = null;
    await Promise.race([c.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
  stopServer();
}

process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => { console.log(`FAIL interrupted by ${sig}`); await cleanup(); process.exit(1); });
}

function startServer(verbatim, db, webRoot) {
  const args = ['serve', '--db', db, '--port', '0'];
  if (webRoot) args.push('--web-root', path.resolve(webRoot));
  server = spawn(verbatim, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr.on('data', (d) => process.stderr.write(`[server] ${d}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server printed no URL within 60 s')), 60000);
    server.on('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`the server exited (${code ?? sig})`)); });
    server.on('error', (e) => { clearTimeout(timer); reject(e); });
    const lines = readline.createInterface({ input: server.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = line.match(/^verbatim: serving .* at (http:\/\/\S+?)\/?$/);
      if (m) resolve(`${m[1]}/`); else reject(new Error(`unexpected first line: ${line}`));
      lines.on('line', (l) => console.log(`[server] ${l}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Page helpers

// Navigates the one-page app to `hash` and waits until the view has rendered.
async function open(page, hash) {
  await page.evaluate((h) => {
    document.getElementById('view').setAttribute('aria-busy', 'true');
    if (location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = h;
  }, hash);
  await ready(page);
}

async function ready(page) {
  await page.waitForFunction(() => document.getElementById('view')?.getAttribute('aria-busy') === 'false',
    null, { timeout: 15000 });
}

async function mainText(page) { return page.evaluate(() => document.getElementById('view').textContent); }

// Fails unless no script from the data ran and nothing executable came from it.
async function assertInert(page, where) {
  await page.waitForTimeout(250); // let any injected onerror/onload fire
  const state = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    jsLinks: [...document.querySelectorAll('a[href], main [href], main [src], main [action]')]
      .map((n) => n.getAttribute('href') || n.getAttribute('src') || n.getAttribute('action'))
      .filter((h) => /^\s*(javascript|data|vbscript):/i.test(h || '')),
    injected: document.querySelectorAll('main img, main script, main iframe, main object, main embed, main foreignObject').length,
    handlers: [...document.querySelectorAll('main *')].filter((n) => [...n.attributes].some((a) => /^on/i.test(a.name))).length,
  }));
  expect(state.pwned === 'undefined', `${where}: window.__pwned is ${state.pwned}`);
  expect(state.jsLinks.length === 0, `${where}: script URLs in links: ${state.jsLinks.join(', ')}`);
  expect(state.injected === 0, `${where}: ${state.injected} injected elements`);
  expect(state.handlers === 0, `${where}: ${state.handlers} elements with on* attributes`);
}

async function apiGet(base, pathAndQuery) {
  const res = await fetch(new URL(`api/${pathAndQuery}`, base));
  expect(res.ok, `GET /api/${pathAndQuery} answered ${res.status}`);
  return res.json();
}

// Every document of the database, by doc identity (ids are the database's row ids).
async function documentsByDoc(base) {
  const health = await apiGet(base, 'health');
  const byDoc = new Map();
  for (let id = 1, misses = 0; byDoc.size < health.documents && misses < 50; id++) {
    const res = await fetch(new URL(`api/documents/${id}`, base));
    if (!res.ok) { misses++; continue; }
    const d = await res.json();
    byDoc.set(d.doc, d);
  }
  return byDoc;
}

// ---------------------------------------------------------------------------------------------
// Checks

async function checkRutteTimeline(page, base) {
  await open(page, '#/');
  const input = page.locator('#search-input');
  await input.click();
  await input.pressSequentially('Rutte', { delay: 40 });
  await page.waitForFunction(() => location.hash.startsWith('#/search?q=Rutte'), null, { timeout: 5000 });
  await ready(page);
  await page.locator('.speaker-result a', { hasText: 'Mark Rutte' }).first().waitFor({ timeout: 10000 });
  const shown = await page.locator('li.quote').count();
  expect(shown > 0, 'no quotations listed for "Rutte"');
  const focused = await page.evaluate(() => document.activeElement?.id);
  expect(focused === 'search-input', `typing lost focus to ${focused}`);

  // Follow a "ball ... court" quotation to its cluster (else via the speaker page).
  let link = page.locator('li.quote', { hasText: /ball .*court/i }).locator('a', { hasText: 'all variants' }).first();
  if (await link.count() === 0) {
    await page.locator('.speaker-result a', { hasText: 'Mark Rutte' }).first().click();
    await ready(page);
    link = page.locator('li.cluster a', { hasText: /ball .*court/i }).first();
  }
  expect(await link.count() > 0, 'no link to a "ball ... court" cluster');
  await link.click();
  await page.waitForFunction(() => location.hash.startsWith('#/clusters/'));
  await ready(page);
  const clusterId = Number((await page.evaluate(() => location.hash)).split('/')[2]);
  const cluster = await apiGet(base, `clusters/${clusterId}`);

  const marks = page.locator('svg.timeline .mark');
  const docs = new Set(await marks.evaluateAll((ns) => ns.map((n) => n.getAttribute('data-doc'))));
  const missing = SEED_DOCS.filter((d) => !docs.has(d));
  expect(missing.length === 0, `timeline lacks seed articles ${missing.join(', ')}`);
  expect(await marks.count() === cluster.variants.length,
    `${await marks.count()} marks for ${cluster.variants.length} variants`);
  const rows = await page.locator('svg.timeline .row-label').count();
  const wantRows = new Set(cluster.variants.map((v) => v.outlet ?? `doc:${v.doc}`)).size;
  expect(rows === wantRows, `${rows} timeline rows for ${wantRows} outlets (or articles without one)`);
  if (cluster.variants.some((v) => !v.published)) {
    expect(await page.locator('svg.timeline .undated-area').count() === 1, 'no "undated" area');
    expect((await page.locator('svg.timeline .undated-area').textContent()).includes('undated'), 'undated area unlabelled');
  }

  // Hover a dated and an undated mark, and focus one by keyboard: the tooltip shows wording and outlet.
  const tip = page.locator('#timeline-tip');
  const probe = async (mark, how) => {
    const quoteId = Number(await mark.getAttribute('data-quote'));
    const v = cluster.variants.find((x) => x.id === quoteId);
    expect(v, `mark for unknown quotation ${quoteId}`);
    if (how === 'hover') await mark.hover(); else await mark.focus();
    await tip.waitFor({ state: 'visible', timeout: 3000 });
    const text = await tip.textContent();
    expect(text.includes(v.text), `${how}: tooltip lacks the wording "${v.text}"`);
    expect(text.includes(v.outlet ?? v.doc), `${how}: tooltip lacks the outlet`);
    expect((await mark.locator('title').textContent()).includes(v.text), 'mark <title> lacks the wording');
    if (how === 'hover') { await page.mouse.move(0, 0); await tip.waitFor({ state: 'hidden', timeout: 3000 }); }
  };
  await probe(page.locator('svg.timeline .mark:not(.undated)').first(), 'hover');
  if (await page.locator('svg.timeline .mark.undated').count()) {
    await probe(page.locator('svg.timeline .mark.undated').last(), 'hover');
  }
  await probe(marks.nth(1), 'focus');
  return `search → ${shown} quotations → cluster ${clusterId}: ${await marks.count()} marks over ${docs.size} articles, ${rows} rows`;
}

async function checkXss(page, base, docs) {
  const a = docs.get('xss-quote-payload'), b = docs.get('xss-quote-payload-2');
  expect(a && b, 'the XSS articles were not ingested');
  const evil = a.quotes.find((q) => q.text.includes('<img src=x onerror'));
  expect(evil, `no quotation with the payload was extracted from ${a.doc}`);
  const seen = [];
  const visit = async (label, hash, needles) => {
    await open(page, hash);
    const text = await mainText(page);
    for (const n of needles) expect(text.includes(n), `${label}: payload not shown as text: ${n}`);
    await assertInert(page, label);
    seen.push(label);
  };
  // Search as a user would: type into the box.
  await open(page, '#/');
  await page.locator('#search-input').fill('Evil Speaker');
  await page.waitForFunction(() => location.hash.startsWith('#/search?q=Evil'));
  await ready(page);
  await page.locator('li.quote').first().waitFor();
  expect((await mainText(page)).includes('<img src=x onerror'), 'search: payload not shown as text');
  await assertInert(page, 'search');
  seen.push('search');
  await visit('search by words', `#/search?${new URLSearchParams({ q: 'our plan' })}`, ['<img src=x onerror']);
  if (evil.speaker_id) await visit('speaker page', `#/speakers/${evil.speaker_id}`, ['<img src=x onerror', a.outlet]);
  if (evil.cluster) await visit('cluster page', `#/clusters/${evil.cluster}`, ['<img src=x onerror', a.outlet]);
  await visit('article view 1', `#/documents/${a.id}`, [...PAYLOADS, a.title, a.outlet, a.author]);
  await visit('article view 2', `#/documents/${b.id}`, ['<script>window.__pwned=1</script>', b.title, b.outlet, b.url]);
  if (a.story) await visit('story page', `#/stories/${a.story}`, ['<img src=x onerror', a.outlet]);
  await visit('stories list', '#/stories', []);
  await visit('home', '#/', []);
  await visit('check page', `#/check?${new URLSearchParams({ q: evil.text })}`, ['<img src=x onerror']);
  const jsHref = await page.evaluate(() => window.__pwned);
  expect(jsHref === undefined, 'window.__pwned set');
  return `payloads shown as text, sentinel unset on ${seen.length} pages (${seen.join(', ')})`;
}

async function checkHighlights(page, base, docs) {
  const checked = [];
  for (const name of ['unicode-zurich-dice', SEED_DOCS[4], 'xss-quote-payload']) {
    const d = docs.get(name);
    if (!d) { expect(!name.startsWith('unicode'), `${name} was not ingested`); continue; }
    await open(page, `#/documents/${d.id}`);
    for (const [i, q] of d.quotes.entries()) {
      const src = Buffer.from(q.field === 'title' ? d.title : d.text, 'utf8');
      const slice = ([s, e]) => src.subarray(s, e).toString('utf8');
      const scope = q.field === 'title' ? '.article-title' : '.article-text';
      const dom = await page.evaluate(([scope, i]) => {
        const text = (attr) => [...document.querySelectorAll(`${scope} mark[${attr}~="${i}"]`)].map((m) => m.textContent).join('');
        return { quote: text('data-quotes'), cue: text('data-cues'), mention: text('data-mentions') };
      }, [scope, i]);
      expect(q.segments.map(slice).join(' ') === q.text, `${name} #${i}: API segments do not give its text`);
      expect(dom.quote === q.segments.map(slice).join(''), `${name} #${i}: highlighted "${dom.quote}", API says "${q.text}"`);
      if (q.cue_span) expect(dom.cue === slice(q.cue_span), `${name} #${i}: cue "${dom.cue}"`);
      if (q.mention) expect(dom.mention === q.mention.text, `${name} #${i}: mention "${dom.mention}" not "${q.mention.text}"`);
    }
    checked.push(`${name} (${d.quotes.length})`);
  }
  const dice = docs.get('unicode-zurich-dice');
  const i = dice.quotes.findIndex((q) => q.text === 'Les dés sont jetés,');
  expect(i >= 0, 'the API has no quotation "Les dés sont jetés,"');
  await open(page, `#/documents/${dice.id}`);
  const marked = await page.evaluate((i) => [...document.querySelectorAll(`.article-text mark[data-quotes~="${i}"]`)]
    .map((m) => m.textContent).join(''), i);
  expect(marked === 'Les dés sont jetés,', `highlighted "${marked}"`);
  return `quotation, cue and mention highlights equal the API's byte spans in ${checked.join(', ')}`;
}

async function checkCheckPage(page, base) {
  await open(page, '#/check');
  await page.locator('#check-q').fill('The ball is clearly in the Kremlin’s court now');
  await page.locator('.check-form button[type=submit]').click();
  await page.waitForFunction(() => location.hash.startsWith('#/check?q='));
  await ready(page);
  const api1 = await apiGet(base, `check?${new URLSearchParams({ q: 'The ball is clearly in the Kremlin’s court now' })}`);
  expect(api1.match, 'the API found no match for an altered ball/court wording');
  let text = await mainText(page);
  expect(/wording altered/i.test(text), 'no "altered" verdict');
  expect(await page.locator(`.check-result a[href="#/clusters/${api1.match.cluster.id}"]`).count() > 0, 'no link to the cluster');
  const first = await page.locator('.check-result section', { hasText: 'First appearance' }).textContent();
  expect(first.includes(api1.match.first.outlet ?? api1.match.first.doc), 'first appearance lacks its outlet');
  if (api1.match.first.published) expect(first.includes(api1.match.first.published.slice(0, 10)), 'first appearance lacks its date');
  expect(await page.locator('.check-result section', { hasText: 'First appearance' }).locator(`a[href="#/documents/${api1.match.first.document}"]`).count() === 1,
    'first appearance lacks a link to its article');
  const variants = await page.locator('.check-result li.variant').count();
  expect(variants === api1.match.variants.length, `${variants} wordings listed, API has ${api1.match.variants.length}`);
  expect(await page.locator('.check-result .diff ins, .check-result .diff del').count() > 0, 'no word diff shown');

  await open(page, '#/check');
  await page.locator('#check-q').fill('the ball is clearly in the Russian court');
  await page.locator('#check-speaker').fill('Vladimir Putin');
  await page.locator('#check-speaker').press('Enter');
  await page.waitForFunction(() => location.hash.includes('speaker='));
  await ready(page);
  text = await mainText(page);
  expect(/speaker differs/i.test(text), 'no "speaker differs" verdict for Vladimir Putin');
  expect(/wording matches/i.test(text), 'the exact wording is not said to match');

  await open(page, `#/check?${new URLSearchParams({ q: 'Bananas orbit spaceships quietly tomorrow', speaker: 'Nobody' })}`);
  expect(/no match/i.test(await mainText(page)), 'no "No match" for unrelated words');
  return `altered wording → cluster ${api1.match.cluster.id}, first ${api1.match.first.doc}; wrong speaker flagged; no match said`;
}

async function checkLayout(page, base, work, clusterHash, docHash) {
  const dir = path.join(work, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const pages = [['home', '#/'], ['cluster', clusterHash], ['article', docHash], ['search', '#/search?q=Rutte'],
    ['check', `#/check?${new URLSearchParams({ q: 'the ball is clearly in the Kremlin court', speaker: 'Putin' })}`]];
  const problems = [], shots = [];
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
    for (const [name, hash] of pages) {
      if (!hash) { problems.push(`${name}: no page to open`); continue; }
      await open(page, hash);
      const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      if (m.scroll > m.inner) problems.push(`${name}@${width}: scrollWidth ${m.scroll} > ${m.inner}`);
      const file = path.join(dir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(path.basename(file));
    }
  }
  expect(problems.length === 0, problems.join('; '));
  return `no horizontal overflow; ${shots.length} screenshots in ${dir}`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const shared = path.resolve(process.env.VERBATIM_SHARED || path.join(REPO, '..', 'shared'));
  const seedDir = path.join(shared, 'corpus', 'seeds');
  const seeds = fs.existsSync(seedDir) ? fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort() : [];
  const haveSeeds = SEED_DOCS.every((d) => seeds.includes(d));
  if (!haveSeeds) {
    if (process.env.CI === 'true') {
      console.log(`FAIL seed corpus missing: ${seedDir} (set VERBATIM_SHARED); CI needs it`);
      return 1;
    }
    console.log(`SKIP seed corpus missing at ${seedDir}: the Rutte, timeline and check checks are skipped`);
  }
  expect(fs.existsSync(opts.verbatim), `no verbatim binary at ${opts.verbatim}`);
  expect(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);

  fs.mkdirSync(opts.work, { recursive: true });
  const db = path.join(opts.work, 'web.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(path.join(opts.work, 'screenshots'), { recursive: true, force: true });
  const profile = fs.mkdtempSync(path.join(opts.work, 'chromium-profile-'));

  const inputs = [...(haveSeeds ? seeds.map((f) => path.join(seedDir, f)) : []),
    path.join(REPO, 'demo', 'articles.jsonl'), path.join(HERE, 'xss-articles.jsonl')];
  const ingest = spawnSync(opts.verbatim, ['ingest', ...inputs, '--db', db], { encoding: 'utf8' });
  if (ingest.status !== 0) {
    console.log(`FAIL ingest exited ${ingest.status}: ${ingest.stderr}`);
    return 1;
  }
  report('PASS', 'ingest', (ingest.stdout + ingest.stderr).trim().split('\n').pop());

  const base = await startServer(opts.verbatim, db, opts.webRoot);
  console.log(`server: ${base}`);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  const outside = [], errors = [], dialogs = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/api/documents/99999999')) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(base);
  await ready(page);

  const docs = await documentsByDoc(base);
  let clusterHash = null;
  if (haveSeeds) {
    await check('a. search "Rutte", ball/court cluster timeline over the five seed articles', async () => {
      const detail = await checkRutteTimeline(page, base);
      clusterHash = await page.evaluate(() => location.hash);
      return detail;
    });
  } else report('SKIP', 'a. search "Rutte" and the ball/court timeline (no seed corpus)');
  await check('b. XSS payloads shown as text, never run, no javascript: links', () => checkXss(page, base, docs));
  await check('c. non-ASCII article highlights match the API byte offsets', () => checkHighlights(page, base, docs));
  if (haveSeeds) await check('d. check a quotation: altered wording, first appearance, wrong speaker', () => checkCheckPage(page, base));
  else report('SKIP', 'd. check a quotation (no seed corpus)');
  if (!clusterHash) {
    const wide = await apiGet(base, 'clusters?limit=1');
    clusterHash = wide.items.length ? `#/clusters/${wide.items[0].id}` : null;
  }
  const dice = docs.get('unicode-zurich-dice');
  await check('e. 375 and 1280 px: no horizontal overflow, screenshots saved',
    () => checkLayout(page, base, opts.work, clusterHash, dice ? `#/documents/${dice.id}` : null));
  await check('f. bad ids and unknown pages say so', async () => {
    for (const [hash, want] of [['#/clusters/abc', 'Bad address'], ['#/documents/1e3', 'Bad address'],
      ['#/documents/99999999', 'Not found'], ['#/no-such-page', 'Not found']]) {
      await open(page, hash);
      const text = await mainText(page);
      expect(text.includes(want), `${hash}: "${want}" not shown`);
    }
    await open(page, '#/');
  });
  await check('g. offline: no request left the server, no script errors, no dialogs', async () => {
    expect(outside.length === 0, `outside requests: ${outside.slice(0, 5).join(', ')}`);
    expect(errors.length === 0, `script errors: ${errors.slice(0, 5).join(' | ')}`);
    expect(dialogs.length === 0, `dialogs opened: ${dialogs.join(', ')}`);
    expect(await page.evaluate(() => typeof window.__pwned) === 'undefined', 'window.__pwned set');
  });

  if (!opts.keep) fs.rmSync(profile, { recursive: true, force: true });
  const failed = results.filter((r) => r.status === 'FAIL').length;
  const skipped = results.filter((r) => r.status === 'SKIP').length;
  console.log(`${failed ? 'FAIL' : skipped ? 'SKIP' : 'PASS'} web e2e: ${results.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
  return failed ? 1 : skipped ? 77 : 0;
}

const watchdog = setTimeout(async () => {
  console.log(`FAIL timed out after ${TIMEOUT_MS / 1000} s`);
  await cleanup();
  process.exit(1);
}, TIMEOUT_MS);

let code = 1;
try {
  code = await main();
} catch (err) {
  console.log(`FAIL ${err instanceof CheckFailed ? err.message : err.stack || err}`);
  code = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(code);
