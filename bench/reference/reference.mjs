// The reference contender of `make bench`: what a user would write instead of linkproof.
// For every row of the list it opens a page, waits for the network to go idle, takes a
// full-page screenshot and collects every anchor, then tells whether the target is among
// them. Playwright drives the system Chromium (executablePath); nothing is downloaded.
//
//   node reference.mjs --csv rows.csv --out DIR [--concurrency 4] [--chrome /usr/bin/chromium]
//                      [--timeout 30000]
//
// rows.csv has the header `source,target` and no quoted fields (the bench writes it).
// DIR/results.jsonl gets one line per row as rows finish:
//   {"row":1,"source":"...","target":"...","found":true,"anchors":42,"ms":812,"error":""}
// Screenshots go to DIR/shots/NNNN.png.

import { chromium } from 'playwright-core';
import { mkdir, readFile, open } from 'node:fs/promises';
import path from 'node:path';

function parseArgs(argv) {
  const opts = { concurrency: 4, chrome: '/usr/bin/chromium', timeout: 30000 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${argv[i]}`);
    opts[key] = ['concurrency', 'timeout'].includes(key) ? Number(value) : value;
  }
  if (!opts.csv || !opts.out) throw new Error('usage: reference.mjs --csv FILE --out DIR');
  return opts;
}

async function readRows(file) {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift().toLowerCase().split(',');
  const si = header.indexOf('source');
  const ti = header.indexOf('target');
  if (si < 0 || ti < 0) throw new Error(`${file}: header must name source and target`);
  return lines.map((line, i) => {
    const cols = line.split(',');
    return { row: i + 1, source: cols[si], target: cols[ti] };
  });
}

// loose is the matching a careful user would do: scheme, a leading www., the fragment, a
// trailing slash and the order of query parameters do not matter.
function loose(href) {
  let u;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.host.toLowerCase().replace(/^www\./, '');
  let p = u.pathname || '/';
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const params = [...u.searchParams].map(([k, v]) => `${k}=${v}`).sort().join('&');
  return `${host}${p}?${params}`;
}

async function checkRow(browser, row, opts) {
  const started = Date.now();
  const rec = { row: row.row, source: row.source, target: row.target, found: false, anchors: 0, ms: 0, error: '' };
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    try {
      await page.goto(row.source, { waitUntil: 'networkidle', timeout: opts.timeout });
    } catch (err) {
      rec.error = `goto: ${err.message.split('\n')[0]}`;
    }
    const shot = path.join(opts.out, 'shots', `${String(row.row).padStart(4, '0')}.png`);
    try {
      await page.screenshot({ path: shot, fullPage: true, timeout: opts.timeout });
    } catch (err) {
      // A slow screenshot must not lose the answer: note it and read the anchors all the same.
      rec.error = (rec.error ? rec.error + '; ' : '') + `screenshot: ${err.message.split('\n')[0]}`;
    }
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    rec.anchors = hrefs.length;
    const want = loose(row.target);
    rec.found = want !== null && hrefs.some((h) => loose(h) === want);
  } catch (err) {
    rec.error = (rec.error ? rec.error + '; ' : '') + err.message.split('\n')[0];
  } finally {
    await page.close().catch(() => {});
  }
  rec.ms = Date.now() - started;
  return rec;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const rows = await readRows(opts.csv);
  await mkdir(path.join(opts.out, 'shots'), { recursive: true });
  const out = await open(path.join(opts.out, 'results.jsonl'), 'w');
  const browser = await chromium.launch({
    executablePath: opts.chrome,
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const rec = await checkRow(browser, row, opts);
      await out.write(JSON.stringify(rec) + '\n');
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  } finally {
    await browser.close();
    await out.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
