// Browser test of the playground: serves bindings/wasm/ (the page and pkg/web/), opens it in Debian's chromium driven
// by playwright-core (no browser download), pastes frames and checks what the page renders: records with names and
// units, the TS013 data, the re-encode sizes and data rates, the conformance report, an error with its offset
// marked in the bytes, and the object browser.
//
//   node test.mjs [--screenshot FILE.png]     (needs ../pkg/web: bash ../build.sh)
// Env: CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const shot = process.argv.indexOf('--screenshot');
const screenshot = shot > 0 ? path.resolve(process.argv[shot + 1]) : undefined;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const { server, url } = await serve(0);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ucifi-playground-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true, // --headless
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 900 },
});

let passed = 0;
async function step(name, fn) {
  await fn();
  passed++;
  console.log(`ok ${passed} - ${name}`);
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  // Offline: the page may load only what the static server gives.
  await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));

  const text = (sel) => page.locator(sel).innerText();
  const rows = async (sel) =>
    page.locator(`${sel} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText)));
  async function decodeFrame(frame, options) {
    await page.fill('#frame', frame);
    if (options.fPort !== undefined) {
      await page.check('#mode-fport');
      await page.fill('#fport', String(options.fPort));
      await page.fill('#path', '');
    } else {
      await page.check('#mode-format');
      await page.selectOption('#format', options.format);
      await page.fill('#path', options.path ?? '');
    }
    await page.click('#decode');
  }

  await step('the page loads the WASM package from the static server', async () => {
    await page.goto(`${url}playground/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    assert.match(await text('#version'), /^\d+\.\d+\.\d+/);
  });

  await step('the README water-meter frame on fPort 24: records with names and units', async () => {
    await decodeFrame('080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00', { fPort: 24 });
    assert.equal(await text('#status'), '35 bytes, 7 records');
    const r = await rows('#records');
    assert.equal(r.length, 7);
    assert.deepEqual(r[0], ['/3424/0/1', 'Cumulated water volume', '1234.5', 'm3', 'float']);
    assert.deepEqual(r[5], ['/3424/0/5518', 'Timestamp', '1795430400', '', 'time']);
  });

  await step('the TS013 data, the re-encode sizes with data rates, the conformance report', async () => {
    const ts013 = JSON.parse(await text('#ts013'));
    assert.ok(JSON.stringify(ts013).includes('1234.5'), JSON.stringify(ts013));
    const sizes = Object.fromEntries((await rows('#sizes')).map((r) => [r[0], r]));
    assert.equal(sizes.tlv[1], '35');
    const regions = await page.locator('#sizes thead th').allInnerTexts();
    const eu = regions.indexOf('EU868');
    assert.ok(eu > 1, regions.join(','));
    assert.equal(sizes.tlv[eu], 'DR0+'); // 35 bytes fit EU868 DR0 (51)
    assert.ok(Number(sizes['senml-cbor'][1]) > 35 && Number(sizes['lwm2m-cbor'][1]) > 0);
    assert.match(await text('#validate'), /^CONFORMANT\n/);
  });

  await step('base64 input with format and path', async () => {
    await decodeFrame(Buffer.from('c40141480000', 'hex').toString('base64'), { format: 'tlv', path: '/3424/0' });
    assert.equal(await text('#status'), '6 bytes, 1 record');
    assert.deepEqual((await rows('#records'))[0], ['/3424/0/1', 'Cumulated water volume', '12.5', 'm3', 'float']);
    assert.match(await text('#ts013'), /pick fPort/);
    assert.match(await text('#validate'), /^CONFORMANT\n/);
  });

  await step('an error: its kind and offset, the byte at the offset marked', async () => {
    await decodeFrame('0300c10902', { fPort: 24 }); // Leak suspected = 2: not a boolean
    assert.match(await text('#status'), /^INVALID_BOOLEAN at offset 4: /);
    assert.equal(await page.locator('#status.error').count(), 1);
    assert.equal(await text('#bytes span.err'), '02');
    assert.equal(await page.locator('#bytes span.err').getAttribute('title'), 'offset 4');
    assert.equal((await rows('#records')).length, 0);
    assert.match(await text('#validate'), /DECODE_ERROR: the frame does not decode: INVALID_BOOLEAN at byte 4/);
  });

  await step('a non-conformant frame: the report names the missing mandatory resource and the out-of-range value', async () => {
    await decodeFrame('0700c10901e1179a2a', { fPort: 24 });
    const report = await text('#validate');
    assert.match(report, /^NOT CONFORMANT\n/);
    assert.match(report, /OUT_OF_RANGE \/3424\/0\/6042 Measurement Quality Indicator: value 42 outside/);
    assert.match(report, /MISSING_MANDATORY \/3424\/0\/1 Cumulated water volume/);
  });

  await step('input that is neither hex nor base64', async () => {
    await decodeFrame('zz!', { fPort: 24 });
    assert.equal(await text('#status'), 'Input: not hex or base64');
  });

  await step('the object browser: search and show an object', async () => {
    await page.fill('#search', 'water');
    const items = await page.locator('#objects li').allInnerTexts();
    assert.ok(items.some((t) => /3424\s*Water meter/.test(t)), items.join('|'));
    await page.locator('#objects li[data-id="3424"]').click();
    assert.equal(await text('#object h3'), '3424 Water meter (version 1.1)');
    const res = await rows('#object');
    assert.ok(res.some((r) => r[1] === 'Cumulated water volume' && r[5] === 'm3' && r[4] === 'yes'));
    await page.fill('#search', '3303');
    const only = await page.locator('#objects li').allInnerTexts();
    assert.equal(only.length, 1, only.join('|'));
    assert.match(only[0], /3303\s*Temperature/);
  });

  if (screenshot) {
    await decodeFrame('080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00', { fPort: 24 });
    await page.fill('#search', 'meter');
    await page.locator('#objects li[data-id="3424"]').click();
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
  }
  assert.deepEqual(problems, []);
  console.log(`playground: all ${passed} browser checks passed`);
} finally {
  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
