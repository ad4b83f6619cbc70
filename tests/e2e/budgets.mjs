// Web budgets (issue 13): what a first visit costs and how soon the board is usable, measured in headless Chromium
// against a server started from a Release publish (publish compresses the static files with brotli). Prints a table;
// nothing is asserted. Run through infra/budgets.sh, which publishes and passes the folder:
//   node budgets.mjs <publish folder> [rounds]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const appDir = process.argv[2];
const rounds = Number(process.argv[3] ?? 3);
if (!appDir) {
  console.error('usage: node budgets.mjs <publish folder> [rounds]');
  process.exit(2);
}

const freePort = () =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });

async function startServer() {
  const port = Number(process.env.PORT ?? (await freePort()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-budgets-'));
  const child = spawn('dotnet', [join(appDir, 'PostMortem.Server.dll'), '--urls', baseUrl, '--contentRoot', appDir], {
    cwd: appDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', Data__Folder: dataDir, DOTNET_NOLOGO: '1' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-8000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-8000)));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // gone already
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`server did not become healthy in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, stop };
}

async function createBoard(baseUrl, title) {
  const r = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, incidentAt: '2026-03-04T05:30:00Z', incidentType: 'deployment', severity: 3, facilitatorName: 'Fran', agendaPreset: 'ninety', timeZone: 'Europe/London' }),
  });
  if (r.status !== 201) throw new Error(`creating a board: HTTP ${r.status}`);
  return r.json();
}

/** Bytes on the wire (headers and compressed bodies, as Chromium's network layer counts them) and what was asked for. */
async function recordTraffic(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const traffic = { bytes: 0, requests: 0, wasm: 0, wasmBytes: 0, encodings: new Map() };
  cdp.on('Network.responseReceived', (e) => {
    urls.set(e.requestId, e.response.url);
    const enc = (e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none').toLowerCase();
    traffic.encodings.set(enc, (traffic.encodings.get(enc) ?? 0) + 1);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    traffic.bytes += e.encodedDataLength;
    traffic.requests++;
    if (/\/_framework\/[^?]*\.wasm(\?|$)/.test(url)) {
      traffic.wasm++;
      traffic.wasmBytes += e.encodedDataLength;
    }
  });
  return traffic;
}

// Chromium offers brotli only over HTTPS; the server here is plain HTTP on loopback, so ask for it as a browser
// behind TLS would (the publish serves its precompressed .br files then).
const contextOptions = { extraHTTPHeaders: { 'Accept-Encoding': 'gzip, deflate, br' } };

/** A browser that joined this board before (its token in storage) but has nothing in its HTTP cache. */
async function seatedContext(browser, board) {
  const context = await browser.newContext(contextOptions);
  await context.addInitScript(
    ({ key, value }) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    },
    { key: `pm:access:${board.boardId}`, value: JSON.stringify({ participantId: board.participantId, token: board.token, name: 'Fran' }) },
  );
  return context;
}

/** Navigation start to the board rendered and joined (its element reports "connected"). */
async function timeToBoard(page, url) {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('main[data-interactive]').first().waitFor({ state: 'attached', timeout: 60_000 });
  const interactive = Date.now() - started;
  await page.waitForFunction(
    () => {
      const board = document.querySelector('.board');
      const status = board?.getAttribute('data-status');
      return !!board && (status == null || /^connected$/i.test(status));
    },
    null,
    { timeout: 60_000, polling: 'raf' },
  );
  return { interactive, board: Date.now() - started };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const rows = [];
try {
  const board = await createBoard(server.baseUrl, 'Budgets: checkout errors after a config change');
  const boardUrl = `${server.baseUrl}/b/${encodeURIComponent(board.boardId)}`;

  // First visit to a board, cold cache: everything the browser downloads until the board is joined and drawn.
  {
    const context = await seatedContext(browser, board);
    const page = await context.newPage();
    const traffic = await recordTraffic(context, page);
    await timeToBoard(page, boardUrl);
    await page.waitForLoadState('networkidle');
    rows.push(['first visit to a board (cold cache)', mb(traffic.bytes), '≤ 3 MB', `${traffic.requests} requests, ${traffic.wasm} .wasm (${mb(traffic.wasmBytes)}); encodings ${[...traffic.encodings].map(([k, v]) => `${k}×${v}`).join(' ')}`]);
    await context.close();
  }

  // The write-up (server-rendered): no WebAssembly at all.
  {
    const context = await browser.newContext(contextOptions);
    const page = await context.newPage();
    const traffic = await recordTraffic(context, page);
    await page.goto(`${server.baseUrl}/b/${encodeURIComponent(board.boardId)}/writeup?key=${encodeURIComponent(board.readKey)}`, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    rows.push(['first visit to the write-up (cold cache)', kb(traffic.bytes), '0 .wasm', `${traffic.requests} requests, ${traffic.wasm} .wasm (${mb(traffic.wasmBytes)})`]);
    await context.close();
  }

  // Navigation to an interactive board: cold (fresh context each round), warm (the same context again).
  const cold = [];
  const warm = [];
  const coldBoard = [];
  const warmBoard = [];
  for (let i = 0; i < rounds; i++) {
    const context = await seatedContext(browser, board);
    const first = await context.newPage();
    const c = await timeToBoard(first, boardUrl);
    cold.push(c.interactive);
    coldBoard.push(c.board);
    await first.waitForLoadState('networkidle');
    await first.close();
    const again = await context.newPage();
    const w = await timeToBoard(again, boardUrl);
    warm.push(w.interactive);
    warmBoard.push(w.board);
    await context.close();
  }
  const ms = (xs) => `${median(xs)} ms (${xs.join(', ')})`;
  rows.push(['navigation → interactive board, cold', ms(cold), '≤ 3 s', `board joined and drawn: ${ms(coldBoard)}`]);
  rows.push(['navigation → interactive board, warm', ms(warm), '≤ 1 s', `board joined and drawn: ${ms(warmBoard)}`]);
} finally {
  await browser.close();
  server.stop();
}

const header = ['budget', 'measured', 'goal', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n(median of ${rounds} rounds for the times; ${new Date().toISOString()}; ${process.env.HOSTNAME ?? ''} ${process.versions.node})`);
