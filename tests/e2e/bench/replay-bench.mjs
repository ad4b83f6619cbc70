// Session replay benchmark (issue 14): boards of 2,000 entries on a running server, then
//  - opening the replay page (the server reads the log, builds the replay and renders; first open per board = cold),
//  - the same page again (the replay is cached per board and last seq),
//  - scrubbing: frame fragments at random positions, one after the other, as replay.js fetches them.
// Seeds each board over the hub (SignalR JSON over a WebSocket in a headless Chromium page: Node 20 has no WebSocket,
// and Playwright is what tests/e2e already depends on). Run by infra/replay-bench.sh, which starts the server.
//   node tests/e2e/bench/replay-bench.mjs http://127.0.0.1:5141 [boards=3] [entries=2000] [frames=300]
import { chromium } from 'playwright';

const [base = 'http://127.0.0.1:5141', boardsArg = '3', entriesArg = '2000', framesArg = '300'] = process.argv.slice(2);
const BOARDS = Number(boardsArg);
const ENTRIES = Number(entriesArg);
const FRAMES = Number(framesArg);

/** A meeting's worth of commands from the facilitator: notes, edits, moves, chains, factors, actions, then the lock. */
function session(total) {
  const commands = [];
  const at = (i) => new Date(Date.UTC(2026, 2, 3, 16, 47) + i * 60_000).toISOString();
  const add = (c) => commands.push(c);
  add({ type: 'advancePhase' });
  for (let i = 0; i < 120; i++) add({ type: 'addNote', noteId: `t${i}`, kind: i % 4 === 0 ? 'signal' : 'event', text: `Timeline event ${i}: the job read the new response shape`, occurredAt: at(i), position: i });
  add({ type: 'markKeyMoment', noteId: 't1', moment: 'trigger' });
  add({ type: 'markKeyMoment', noteId: 't7', moment: 'detected' });
  add({ type: 'advancePhase' });
  for (let c = 0; c < 10; c++) {
    add({ type: 'startChain', chainId: `c${c}`, symptom: `Customers got the wrong produce (${c})` });
    for (let s = 0; s < 10; s++) add({ type: 'addWhyStep', chainId: `c${c}`, stepId: `c${c}s${s}`, question: 'Why?', answer: `Because of reason ${s} in chain ${c}` });
  }
  add({ type: 'advancePhase' });
  for (let i = 0; i < 30; i++) add({ type: 'addNote', noteId: `f${i}`, kind: 'contributingFactor', text: `Contributing factor ${i}`, position: i });
  add({ type: 'advancePhase' });
  for (let i = 0; i < 50; i++) add({ type: 'addNote', noteId: `a${i}`, kind: 'action', text: `Action ${i}: add a contract test`, position: i });
  for (let i = 0; i < 3; i++) add({ type: 'castVote', noteId: `a${i}` });
  add({ type: 'revealVotes' });
  for (let i = 0; i < 3; i++) {
    add({ type: 'chooseAction', noteId: `a${i}`, chosen: true });
    add({ type: 'setActionDetails', noteId: `a${i}`, owner: 'Sam', dueDate: '2026-03-13' });
  }
  add({ type: 'advancePhase' });
  // The rest: the long tail of a real board — edits and moves of timeline notes.
  for (let i = 0; commands.length < total - 1; i++) {
    const id = `t${i % 120}`;
    add(i % 3 === 0 ? { type: 'moveNote', noteId: id, occurredAt: at((i * 7) % 600) } : { type: 'editNote', noteId: id, text: `Timeline event ${i % 120}, edit ${i}` });
  }
  add({ type: 'lockBoard' });
  return commands;
}

async function createBoard() {
  const r = await fetch(`${base}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Replay benchmark', incidentAt: '2026-03-04T05:30:00Z', incidentType: 'deployment', severity: 2, facilitatorName: 'Sam', timeZone: 'Europe/London' }),
  });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Submits every command over one hub connection, each after the previous one's ack; returns how many were accepted. */
async function seed(page, token, boardId, commands) {
  return page.evaluate(async ({ token, boardId, commands }) => {
    const RS = '\u001e';
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/hubs/board?access_token=${encodeURIComponent(token)}`);
    const waiting = new Map();
    let shook;
    const handshake = new Promise((ok) => (shook = ok));
    socket.onmessage = (e) => {
      for (const record of String(e.data).split(RS)) {
        if (!record) continue;
        const m = JSON.parse(record);
        if (m.type === undefined) shook();
        if (m.type === 3) {
          const w = waiting.get(m.invocationId);
          waiting.delete(m.invocationId);
          if (m.error) w.fail(new Error(m.error));
          else w.ok(m.result);
        }
      }
    };
    await new Promise((ok, fail) => ((socket.onopen = ok), (socket.onerror = fail)));
    socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
    await handshake;
    let next = 0;
    const invoke = (target, ...args) =>
      new Promise((ok, fail) => {
        const invocationId = String(++next);
        waiting.set(invocationId, { ok, fail });
        socket.send(JSON.stringify({ type: 1, invocationId, target, arguments: args }) + RS);
      });
    await invoke('Join', { boardId, lastSeq: null });
    let accepted = 0;
    for (let i = 0; i < commands.length; i++) {
      const ack = await invoke('Submit', { clientOpId: `bench-${i}`, command: commands[i] });
      if (ack.status === 'accepted') accepted++;
    }
    socket.close();
    return accepted;
  }, { token, boardId, commands });
}

async function timed(url) {
  const start = performance.now();
  const r = await fetch(url);
  const body = await r.text();
  const ms = performance.now() - start;
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${body.slice(0, 300)}`);
  return { ms, bytes: body.length };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (ms) => ms.toFixed(1);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${base}/not-found`);
const boards = [];
// One board more than measured: the first warms the server up (JIT of the page, the frame endpoint, the reducer).
for (let b = 0; b <= BOARDS; b++) {
  const board = await createBoard();
  const commands = session(ENTRIES - 1); // the board's own first entry (create) makes ENTRIES
  const started = performance.now();
  const accepted = await seed(page, board.token, board.boardId, commands);
  console.log(`[replay-bench] board ${b === 0 ? 'warm-up' : b}: ${commands.length + 1} entries (${accepted + 1} accepted) seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  boards.push(board);
}
await browser.close();
const warmup = boards.shift();
for (let i = 0; i < 5; i++) {
  await timed(`${base}/b/${warmup.boardId}/replay?key=${encodeURIComponent(warmup.readKey)}`);
  await timed(`${base}/b/${warmup.boardId}/replay/frame?key=${encodeURIComponent(warmup.readKey)}&at=${1 + i * 97}`);
}

const cold = [];
const warm = [];
let pageBytes = 0;
for (const board of boards) {
  const url = `${base}/b/${board.boardId}/replay?key=${encodeURIComponent(board.readKey)}`;
  const first = await timed(url);
  cold.push(first.ms);
  pageBytes = first.bytes;
  for (let i = 0; i < 5; i++) warm.push((await timed(url)).ms);
}

// Scrubbing: random positions (each a checkpoint plus up to 63 entries), one request at a time.
const frames = [];
let frameBytes = 0;
let seed32 = 12345;
const random = () => ((seed32 = (seed32 * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < FRAMES; i++) {
  const board = boards[i % boards.length];
  const at = 1 + Math.floor(random() * ENTRIES);
  const r = await timed(`${base}/b/${board.boardId}/replay/frame?key=${encodeURIComponent(board.readKey)}&at=${at}`);
  frames.push(r.ms);
  frameBytes = Math.max(frameBytes, r.bytes);
}

cold.sort((a, b) => a - b);
warm.sort((a, b) => a - b);
frames.sort((a, b) => a - b);
console.log(`open, cold (log read + replay build + render), ${cold.length} boards: median ${fmt(pct(cold, 50))} ms, max ${fmt(cold[cold.length - 1])} ms (page ${(pageBytes / 1024).toFixed(0)} KB)`);
console.log(`open, cached replay, ${warm.length} loads: p50 ${fmt(pct(warm, 50))} ms, p99 ${fmt(pct(warm, 99))} ms`);
console.log(`frame fragment while scrubbing, ${frames.length} fetches at random seqs: p50 ${fmt(pct(frames, 50))} ms, p99 ${fmt(pct(frames, 99))} ms, max ${fmt(frames[frames.length - 1])} ms (largest ${(frameBytes / 1024).toFixed(0)} KB)`);
