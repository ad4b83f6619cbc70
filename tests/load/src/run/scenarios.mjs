import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
// The measured scenarios. Each starts its system fresh, runs, measures and stops everything it
// started (also when it fails). Every wait is bounded.
import { Histogram } from '../lib/histogram.mjs';
import { nowUs, sleep } from '../lib/clock.mjs';
import { loadAverage } from '../lib/machine.mjs';
import { ProcessSampler, sample } from '../lib/procstat.mjs';
import { serverBytesSent } from '../lib/wire.mjs';
import { startSystem } from '../systems/index.mjs';
import { AgentPool } from './agents.mjs';
import { Metrics } from '../agent/tracker.mjs';
import { PmParticipant } from '../agent/pm-participant.mjs';
import { YjsParticipant } from '../agent/yjs-participant.mjs';

const log = (...a) => console.log('[bench]', ...a);

/**
 * Boards of participants; participant k of a board lives on instance k % instances, so every
 * board spans the instances and both same- and cross-instance deliveries happen. Ids start with
 * the home instance digit (the receivers use it to tell same from cross).
 */
export function layout(boards, participants, instances, tag) {
  let k = 0;
  return Array.from({ length: boards }, (_, b) => ({
    boardId: `${tag}-${b}-${Math.random().toString(36).slice(2, 8)}`,
    participants: Array.from({ length: participants }, (_, p) => ({ id: `${p % instances}c${k++}`, instance: p % instances })),
  }));
}

const sleepUntilUs = (us) => sleep(Math.max(0, (us - nowUs()) / 1000));

async function openBoards(ctx, sys, w, tag) {
  const prepared = await prepareBoards(ctx, sys, w, tag);
  return connectBoards(ctx, sys, w, tag, prepared);
}

/** Sign-up work (PostMortem: create and join over HTTP) for boards × participants. */
async function prepareBoards(ctx, sys, w, tag) {
  const boards = layout(w.boards, w.participants, sys.instances.length, tag);
  const t0 = performance.now();
  const specs = (await sys.prepare(boards)).map((s) => ({ ...s, slots: ctx.slots }));
  return { boards, specs, prepareMs: performance.now() - t0 };
}

/** Starts load agents with the prepared participants and connects them all (hub Join / Yjs sync). */
async function connectBoards(ctx, sys, w, tag, { boards, specs, prepareMs }) {
  const pool = new AgentPool(ctx.agents, `${tag}-${sys.key}`);
  await pool.add(specs, { reconnectJitterMs: ctx.reconnectJitterMs, client: ctx.pmClient });
  const conn = await pool.connect(ctx.connectConcurrency);
  if (conn.failed > 0) {
    await pool.close();
    throw new Error(`${conn.failed} of ${specs.length} clients failed to connect: ${conn.errors.join(' | ')}`);
  }
  log(`${sys.label}: ${specs.length} clients on ${w.boards} board(s) ready (prepare ${Math.round(prepareMs)} ms, connect ${Math.round(conn.ms)} ms)`);
  return { pool, specs, boards };
}

function samplerTargets(sys, pool) {
  return [...sys.processes, ...pool.pids.map((pid, i) => ({ name: `load-agent-${i}`, pid, role: 'agent' }))];
}

/**
 * Waits until every expected delivery arrived, or nothing moved for stallMs, or maxMs passed. Expected is
 * re-read each time: a busy load agent may still be sending operations whose turn came late.
 */
async function drain(pool, _expected, { stallMs = 3000, maxMs = 20000 } = {}) {
  const started = Date.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const p = await pool.progress();
    const got = p.delivered + p.superseded;
    if (got >= p.expected) return { complete: true, ms: Date.now() - started };
    if (got !== last) {
      last = got;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > stallMs || Date.now() - started > maxMs) return { complete: false, ms: Date.now() - started };
    await sleep(100);
  }
}

function summarize({ sys, w, collected, procs, windowS, extra = {} }) {
  const m = collected.metrics;
  const serverCpu = Object.entries(procs.processes).filter(([n]) => sys.processes.some((p) => p.name === n && p.role === 'server'));
  const instances = sys.instances.length;
  return {
    workload: w.name,
    system: sys.key,
    label: sys.label,
    instances,
    shape: { boards: w.boards, participants: w.participants, rateHz: w.rateHz, cursorHz: w.cursorHz ?? 0, clients: w.boards * w.participants },
    windowS,
    latency: { all: m.all.summaryMs(), same: m.same.summaryMs(), cross: m.cross.summaryMs(), ack: m.ack.summaryMs() },
    delivery: {
      expected: collected.expected,
      delivered: m.delivered,
      superseded: m.superseded,
      ratio: collected.expected ? (m.delivered + m.superseded) / collected.expected : null,
      gaps: m.gaps,
      duplicates: m.duplicates,
      seqGaps: m.seqGaps,
      seqDuplicates: m.seqDuplicates,
      rejected: m.rejected,
      shed: m.shed,
      errors: m.errors,
      opsTotal: collected.opsTotal,
    },
    rates: {
      opsPerSec: m.opsSentInWindow / windowS,
      deliveriesPerSec: m.arrivalsInWindow / windowS,
      deliveriesPerSecPerInstance: m.arrivalsInWindow / windowS / instances,
      presenceSentPerSec: w.cursorHz ? (w.boards * w.participants * w.cursorHz) : 0,
      presenceInPerSec: m.presenceInWindow / windowS,
    },
    processes: procs.processes,
    serverCpuSeconds: serverCpu.reduce((s, [, v]) => s + (v.cpuSeconds ?? 0), 0),
    // Server CPU per delivery: robust to a busy machine, where latency is not.
    serverCpuUsPerDelivery: m.arrivalsInWindow ? (1e6 * serverCpu.reduce((s, [, v]) => s + (v.cpuSeconds ?? 0), 0)) / m.arrivalsInWindow : null,
    serverPeakRssBytes: serverCpu.reduce((s, [, v]) => Math.max(s, v.peakRssBytes ?? 0), 0),
    // Everything the servers sent to clients in the window (entries, acks, presence, pings) ÷ deliveries.
    serverBytesPerDelivery: extra.serverBytesSentInWindow != null && m.arrivalsInWindow ? extra.serverBytesSentInWindow / m.arrivalsInWindow : null,
    agents: collected.agents,
    sample: collected.sample?.[0],
    loadAverage: loadAverage(),
    ...extra,
  };
}

/** W1–W3: a steady rate for warm-up + duration, then a drain; one row per system. */
export async function runSteady(ctx, systemKey, w) {
  const sys = await startSystem(systemKey, ctx.systemOptions);
  let pool = null;
  try {
    ({ pool } = await openBoards(ctx, sys, w, w.name));
    const startUs = nowUs() + 300_000;
    const fromUs = startUs + w.warmupMs * 1000;
    const toUs = fromUs + w.durationMs * 1000;
    await pool.all('reset', { fromUs, toUs });
    await pool.all('run', { startUs, durationMs: w.warmupMs + w.durationMs, rateHz: w.rateHz, cursorHz: w.cursorHz ?? 0 });
    const ports = sys.instances.map((i) => i.port).filter((p) => p != null);
    await sleepUntilUs(fromUs);
    const sampler = new ProcessSampler(samplerTargets(sys, pool)).start();
    const wireFrom = await serverBytesSent(ports);
    await sleepUntilUs(toUs);
    const wireTo = await serverBytesSent(ports);
    const procs = sampler.stop();
    await pool.all('stop');
    await sleep(200);
    const sent = await pool.collect();
    const drained = await drain(pool, sent.expected);
    const collected = await pool.collect();
    const serverBytesSentInWindow = wireFrom != null && wireTo != null ? wireTo - wireFrom : null;
    const r = summarize({ sys, w, collected, procs, windowS: w.durationMs / 1000, extra: { drained, serverBytesSentInWindow } });
    log(`${w.name} ${sys.label}: p99 ${fmt(r.latency.all.p99)} ms, delivery ${(100 * (r.delivery.ratio ?? 0)).toFixed(3)}%, ${Math.round(r.rates.deliveriesPerSec)} deliveries/s, server ${fmt(r.serverCpuUsPerDelivery)} CPU µs/delivery`);
    return r;
  } finally {
    await pool?.close();
    await sys.stop();
  }
}

const fmt = (x) => (x == null ? 'n/a' : x.toFixed(2));

/**
 * W5: one set of boards, the per-participant rate raised step by step until p99 passes the limit
 * (or deliveries fall behind). Reports every step and the last one within the limit.
 */
export async function runRamp(ctx, systemKey, w) {
  const pm = ctx.systemOptions.postmortem;
  const sys = await startSystem(systemKey, { ...ctx.systemOptions, postmortem: { ...pm, extraEnv: { ...pm?.extraEnv, ...w.pmEnv } } });
  let pool = null;
  const steps = [];
  try {
    ({ pool } = await openBoards(ctx, sys, w, w.name));
    // Warm-up (not measured): every participant adds its notes and the server's code paths get compiled.
    {
      const startUs = nowUs() + 100_000;
      await pool.all('run', { startUs, durationMs: w.warmupSteps ?? 3000, rateHz: w.rates[0] });
      await sleep((w.warmupSteps ?? 3000) + 600);
      await pool.all('stop');
    }
    const queue = [...w.rates];
    let retried = false;
    while (queue.length) {
      const rateHz = queue.shift();
      const startUs = nowUs() + 100_000;
      const fromUs = startUs + w.warmupMs * 1000;
      const toUs = fromUs + w.stepMs * 1000;
      await pool.all('reset', { fromUs, toUs });
      await pool.all('run', { startUs, durationMs: w.warmupMs + w.stepMs, rateHz });
      await sleepUntilUs(fromUs);
      const sampler = new ProcessSampler(samplerTargets(sys, pool)).start();
      await sleepUntilUs(toUs);
      const procs = sampler.stop();
      await pool.all('stop');
      // Let the step's last operations land before judging it (bounded).
      const sent = await pool.collect();
      const drained = await drain(pool, sent.expected, { stallMs: 1500, maxMs: 5000 });
      const collected = await pool.collect();
      const r = summarize({ sys, w: { ...w, rateHz }, collected, procs, windowS: w.stepMs / 1000, extra: { drained } });
      // Ops in the window whose deliveries never arrived in the drain would hide in the histogram.
      const expectedInWindow = r.rates.opsPerSec * (w.participants - 1);
      const behind = r.delivery.ratio !== null && r.delivery.ratio < 0.999;
      steps.push({ rateHz, ackP50: r.latency.ack.p50, ackP99: r.latency.ack.p99, shed: r.delivery.shed, p50: r.latency.all.p50, p99: r.latency.all.p99, p999: r.latency.all.p999, max: r.latency.all.max, deliveriesPerSec: r.rates.deliveriesPerSec, deliveriesPerSecPerInstance: r.rates.deliveriesPerSecPerInstance, opsPerSec: r.rates.opsPerSec, ratio: r.delivery.ratio, serverCpuPercent: Object.entries(procs.processes).filter(([n]) => n.startsWith('postmortem') || n.startsWith('floor') || n.startsWith('hocus') || n.startsWith('y-web')).map(([n, v]) => `${n}:${Math.round(v.cpuPercent ?? 0)}%`).join(' '), agentCpuPercent: Math.round(r.agents.reduce((s, a) => s + (100 * a.cpuSeconds) / a.seconds, 0)), expectedInWindow, behind, loadAverage: loadAverage()[0] });
      log(`W5 ${sys.label} rate ${rateHz}/s: p99 ${fmt(r.latency.all.p99)} ms, ${Math.round(r.rates.deliveriesPerSecPerInstance)} deliveries/s/instance, delivery ${(100 * (r.delivery.ratio ?? 0)).toFixed(2)}%`);
      if (!(r.latency.all.p99 <= w.limitMs) || behind) {
        // One step over the limit on a shared machine may be a neighbour's burst: measure it once more.
        if (retried) break;
        retried = true;
        steps[steps.length - 1].retried = true;
        queue.unshift(rateHz);
      } else {
        retried = false;
      }
      await sleep(300);
    }
    const within = steps.filter((s) => s.p99 <= w.limitMs && !s.behind);
    // The limit counts as reached when a rate failed twice in a row (the step and its re-run).
    const best = within.length ? within[within.length - 1] : null;
    const crossed = steps.length && (steps[steps.length - 1].p99 > w.limitMs || steps[steps.length - 1].behind);
    return {
      workload: w.name,
      system: sys.key,
      label: sys.label,
      instances: sys.instances.length,
      shape: { boards: w.boards, participants: w.participants, clients: w.boards * w.participants },
      limitMs: w.limitMs,
      steps,
      best,
      limitReached: Boolean(crossed),
      loadAverage: loadAverage(),
    };
  } finally {
    await pool?.close();
    await sys.stop();
  }
}

/**
 * Cold join: a board holding `notes` notes; new clients open a connection and join it one after
 * another. Reports the client-side time from the Join call to the snapshot (PostMortem) or from
 * connecting to the synced document (Yjs), and for two instances the first join on the instance
 * that did not host the board.
 */
export async function runColdJoin(ctx, systemKey, w) {
  const sys = await startSystem(systemKey, ctx.systemOptions);
  const opened = [];
  try {
    const n = sys.instances.length;
    const joinInstance = n - 1;
    const [board] = layout(1, 1 + w.joins, 1, 'cold');
    // Facilitator (seeder) on instance 0, joiners on the last instance.
    board.participants = board.participants.map((p, i) => ({ ...p, id: `${i === 0 ? 0 : joinInstance}c${i}`, instance: i === 0 ? 0 : joinInstance }));
    const specs = (await sys.prepare([board])).map((s) => ({ ...s, slots: ctx.slots }));
    const metrics = new Metrics();
    const make = (spec) => (sys.family === 'postmortem' ? new PmParticipant(spec, metrics, { keepView: true, pingBeforeJoin: true, client: ctx.pmClient }) : new YjsParticipant({ ...spec, flavor: sys.family }, metrics));
    const t0 = performance.now();
    let seedMethod;
    if (sys.family === 'postmortem') {
      seedMethod = (await sys.seedNotes(specs[0], w.notes)).method;
    } else {
      // One transaction per note (slots = notes: every operation adds a note), like 500 adds.
      const seeder = make({ ...specs[0], slots: w.notes });
      opened.push(seeder);
      await seeder.connect();
      for (let i = 0; i < w.notes; i++) seeder.sendOp();
      seedMethod = 'transactions';
      // The seeder's instance has them once it acknowledged the last one (Hocuspocus) or shortly after.
      await sleep(500);
    }
    const seedMs = performance.now() - t0;
    if (sys.family === 'postmortem') {
      // Cold means the board is not in the joining instance's memory: restart that instance (it snapshots its
      // boards on the way down and loads none on the way up). A small warm-up board, created there before the
      // restart, is joined first, so the measured join is a board load on a running server rather than the
      // process's first request (a fresh .NET process compiles each code path on first use: the hub, the
      // WebSocket, the JSON protocol — 130–320 ms for whichever request comes first). The board-load path itself
      // is warmed by the server at start-up (src/PostMortem.Server/Hosting/Warmup.cs).
      const [warm] = layout(1, 2, 1, 'warm');
      warm.participants = warm.participants.map((p, i) => ({ ...p, id: `${joinInstance}w${i}`, instance: joinInstance }));
      const warmSpecs = (await sys.prepare([warm])).map((s) => ({ ...s, slots: ctx.slots }));
      await sys.seedNotes(warmSpecs[0], 20);
      await sys.restart(joinInstance);
      const warmer = make(warmSpecs[1]);
      await warmer.connect();
      warmer.close();
    }
    const joins = [];
    for (const spec of specs.slice(1)) {
      const p = make(spec);
      opened.push(p);
      const t = nowUs();
      await p.connect();
      // A Yjs client may sync before its instance has fetched the document from the other one
      // (Hocuspocus over Redis): the join is complete when all the notes are there.
      if (p instanceof YjsParticipant) await waitForNotes(p, w.notes, 10000);
      const total = (nowUs() - t) / 1000;
      const notes = sys.family === 'postmortem' ? countNotes(p.lastView) : p.notes.size;
      const serverEstimateMs = p.events.pingMs != null ? Math.max(0, p.events.joinMs - p.events.pingMs) : null;
      joins.push({ joinMs: p.events.joinMs, connectAndJoinMs: total - (p.events.pingMs ?? 0), pingMs: p.events.pingMs ?? null, serverEstimateMs, resultBytes: p.events.resultBytes ?? null, notes, serverMs: p.lastJoin?.serverMs ?? null });
      p.close();
      await sleep(50);
    }
    const h = new Histogram();
    for (const j of joins.slice(1)) h.record(j.connectAndJoinMs * 1000);
    const hj = new Histogram();
    for (const j of joins.slice(1)) hj.record((j.joinMs ?? j.connectAndJoinMs) * 1000);
    const he = new Histogram();
    for (const j of joins.slice(1)) if (j.serverEstimateMs != null) he.record(j.serverEstimateMs * 1000);
    const hs = new Histogram();
    for (const j of joins.slice(1)) if (j.serverMs != null) hs.record(j.serverMs * 1000);
    const r = { workload: 'cold-join', system: sys.key, label: sys.label, instances: n, notes: w.notes, seedMethod, seedMs, first: joins[0], rest: { connectAndJoin: h.summaryMs(), join: hj.summaryMs(), serverEstimate: he.total ? he.summaryMs() : null, server: hs.total ? hs.summaryMs() : null }, joins, loadAverage: loadAverage() };
    log(`cold join ${sys.label}: first ${fmt(joins[0]?.connectAndJoinMs)} ms${joins[0]?.serverMs != null ? ` (server ${fmt(joins[0].serverMs)} ms)` : ''}, then p50 ${fmt(r.rest.connectAndJoin.p50)} ms (notes seen: ${joins[0]?.notes})`);
    return r;
  } finally {
    for (const p of opened) p.close();
    await sys.stop();
  }
}

async function waitForNotes(p, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (p.notes.size < count && Date.now() < deadline) await sleep(1);
}

function countNotes(view) {
  if (!view) return null;
  const notes = view.notes ?? view.board?.notes;
  if (Array.isArray(notes)) return notes.length;
  if (notes && typeof notes === 'object') return Object.keys(notes).length;
  return null;
}

/**
 * Memory per idle connection: RSS of the server after a warm-up board, then after `connections`
 * more clients joined boards of 10 and sat idle; the difference divided by the count.
 */
export async function runIdle(ctx, systemKey, w) {
  const sys = await startSystem(systemKey, ctx.systemOptions);
  let warm = null;
  let first = null;
  let pool = null;
  try {
    const server = sys.processes.find((p) => p.role === 'server');
    // Warm-up: one board exercised briefly, so code paths are loaded before the baseline.
    ({ pool: warm } = await openBoards(ctx, sys, { boards: 1, participants: 10 }, 'idlewarm'));
    const startUs = nowUs() + 100_000;
    await warm.all('run', { startUs, durationMs: 2000, rateHz: 2 });
    // Sign-up (HTTP) for everyone first; then half the clients connect (the heap settles, sign-up garbage is
    // reused), RSS is read, the other half connects, RSS is read again: the difference is what the second
    // half of the idle connections costs, with the garbage collector in the same state both times.
    const fresh = await steadyRss(server.pid, w.settleMs);
    const half = Math.ceil(w.connections / 20);
    const shape = { boards: half * 2, participants: 10 };
    const prepared = await prepareBoards(ctx, sys, shape, 'idle');
    const firstBoards = new Set(prepared.boards.slice(0, half).map((b) => b.boardId));
    const inFirst = (spec) => firstBoards.has(spec.layoutBoardId ?? spec.boardId);
    ({ pool: first } = await connectBoards(ctx, sys, { boards: half, participants: 10 }, 'idle1', { ...prepared, specs: prepared.specs.filter(inFirst) }));
    const before = await steadyRss(server.pid, w.settleMs);
    heapDump(server.pid, `${sys.key}-idle-n`);
    ({ pool } = await connectBoards(ctx, sys, { boards: half, participants: 10 }, 'idle2', { ...prepared, specs: prepared.specs.filter((x) => !inFirst(x)) }));
    const after = await steadyRss(server.pid, w.settleMs);
    heapDump(server.pid, `${sys.key}-idle-2n`);
    const connections = half * 10;
    const perConnection = (after.rssBytes - before.rssBytes) / connections;
    // All-in: everything since the warmed-up server, boards, sign-up and its garbage included.
    const allInPerConnectionBytes = (after.rssBytes - fresh.rssBytes) / (connections * 2);
    const r = { workload: 'idle', system: sys.key, label: sys.label, connections, rssFreshBytes: fresh.rssBytes, rssBeforeBytes: before.rssBytes, rssAfterBytes: after.rssBytes, hwmBytes: after.hwmBytes, perConnectionBytes: perConnection, allInPerConnectionBytes, loadAverage: loadAverage() };
    log(`idle ${sys.label}: ${(perConnection / 1024).toFixed(1)} KB per idle connection (${connections})`);
    return r;
  } finally {
    await pool?.close();
    await first?.close();
    await warm?.close();
    await sys.stop();
  }
}

/**
 * Diagnostics only (never in a measured run): with PM_BENCH_GCDUMP_DIR set, a .NET server's managed heap is dumped
 * (dotnet-gcdump, which forces a full collection) after each idle reading, so `dotnet-gcdump report` of the two files
 * says which objects an idle connection keeps.
 */
function heapDump(pid, name) {
  const dir = process.env.PM_BENCH_GCDUMP_DIR;
  if (!dir || name.startsWith('yws') || name.startsWith('hp')) return;
  log(`smaps ${name}: ${JSON.stringify(smapsByKind(pid))} (MB)`);
  // PM_BENCH_DUMP_TOOL=dotnet-dump takes a whole heap dump instead (for `dotnet-dump analyze`, e.g. dumpheap -stat).
  const full = process.env.PM_BENCH_DUMP_TOOL === 'dotnet-dump';
  const out = full
    ? spawnSync('dotnet-dump', ['collect', '-p', String(pid), '--type', 'Heap', '-o', `${dir}/${name}.dmp`], { encoding: 'utf8' })
    : spawnSync('dotnet-gcdump', ['collect', '-p', String(pid), '-o', `${dir}/${name}.gcdump`], { encoding: 'utf8' });
  log(`gcdump ${name}: ${out.status === 0 ? 'written' : `failed: ${(out.stderr || out.error?.message || '').trim()}`}`);
}

/** Resident memory of a process by kind of mapping (MB), from /proc/<pid>/smaps: what a heap dump does not see. */
function smapsByKind(pid) {
  const kinds = {};
  let kind = 'anonymous';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const path = header[1];
      kind = path === '' ? 'anonymous (GC heap, stacks, native allocations)'
        : path === '[heap]' ? 'native heap (malloc)'
          : path.includes('doublemapper') ? 'JIT-compiled code'
            : path.endsWith('.dll') ? 'managed assemblies'
              : /\.so(\.|$)/.test(path) ? 'native libraries'
                : path.startsWith('[') ? path : 'other files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds[kind] = (kinds[kind] ?? 0) + Number(rss[1]) / 1024;
  }
  return Object.fromEntries(Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

/** The median of RSS samples over ms (garbage collectors make single readings jumpy). */
async function steadyRss(pid, ms) {
  const readings = [];
  const steps = 8;
  let last = null;
  for (let i = 0; i < steps; i++) {
    await sleep(ms / steps);
    last = sample(pid);
    if (last) readings.push(last.rssBytes);
  }
  readings.sort((a, b) => a - b);
  return { rssBytes: readings[Math.floor(readings.length / 2)], hwmBytes: last?.hwmBytes ?? null };
}

/**
 * Failover: W3's shape and rate on two instances; one instance is SIGKILLed; its clients move to
 * the other. Measures when all of them have reconnected and converged, then checks that every
 * board ends with one view (same last seq / same Yjs state vector on every client).
 */
export async function runFailover(ctx, systemKey, w) {
  const sys = await startSystem(systemKey, ctx.systemOptions);
  let pool = null;
  try {
    ({ pool } = await openBoards(ctx, sys, w, 'failover'));
    const killed = sys.instances.length - 1;
    const startUs = nowUs() + 200_000;
    const runMs = w.warmupMs + w.recoveryMaxMs + 2000;
    await pool.all('reset', { fromUs: startUs, toUs: startUs + runMs * 1000 });
    await pool.all('run', { startUs, durationMs: runMs, rateHz: w.rateHz });
    await sleepUntilUs(startUs + w.warmupMs * 1000);
    const killUs = nowUs();
    await sys.kill(killed);
    log(`failover ${sys.label}: instance ${killed} killed`);
    let rec = null;
    const deadline = killUs + w.recoveryMaxMs * 1000;
    for (;;) {
      const parts = await pool.all('recovery', { killedInstance: killed }, 30000);
      rec = parts.reduce((a, p) => ({
        affected: a.affected + p.affected,
        reconnected: a.reconnected + p.reconnected,
        converged: a.converged + p.converged,
        lastReconnectedUs: Math.max(a.lastReconnectedUs, p.lastReconnectedUs),
        lastConvergedUs: Math.max(a.lastConvergedUs, p.lastConvergedUs),
      }), { affected: 0, reconnected: 0, converged: 0, lastReconnectedUs: 0, lastConvergedUs: 0 });
      if (rec.converged === rec.affected || nowUs() > deadline) break;
      await sleep(100);
    }
    const allConverged = rec.converged === rec.affected;
    const reconnectS = rec.reconnected === rec.affected ? (rec.lastReconnectedUs - killUs) / 1e6 : null;
    const convergeS = allConverged ? (rec.lastConvergedUs - killUs) / 1e6 : null;
    await pool.all('stop');
    await sleep(300);
    const sent = await pool.collect();
    const drained = await drain(pool, sent.expected, { stallMs: 3000, maxMs: 15000 });
    const collected = await pool.collect(true);
    const views = checkViews(sys.family, collected.status);
    const m = collected.metrics;
    const r = {
      workload: 'failover', system: sys.key, label: sys.label, instances: sys.instances.length,
      shape: { boards: w.boards, participants: w.participants, rateHz: w.rateHz, clients: w.boards * w.participants },
      affected: rec.affected, reconnected: rec.reconnected, converged: rec.converged, reconnectS, convergeS,
      finalViews: views, drained,
      delivery: { expected: collected.expected, delivered: m.delivered, superseded: m.superseded, ratio: collected.expected ? (m.delivered + m.superseded) / collected.expected : null, gaps: m.gaps, duplicates: m.duplicates, seqGaps: m.seqGaps, seqDuplicates: m.seqDuplicates },
      loadAverage: loadAverage(),
    };
    log(`failover ${sys.label}: ${rec.converged}/${rec.affected} converged in ${fmt(convergeS)} s; boards with one view ${views.sameView}/${views.boards}`);
    return r;
  } finally {
    await pool?.close();
    await sys.stop();
  }
}

/** Per board, do all clients hold the same view (PostMortem: last seq; Yjs: state vector)? */
export function checkViews(family, status) {
  const byBoard = new Map();
  for (const s of status ?? []) {
    const key = family === 'postmortem' ? String(s.lastSeq) : s.digest;
    if (!byBoard.has(s.boardId)) byBoard.set(s.boardId, new Set());
    byBoard.get(s.boardId).add(key);
  }
  let same = 0;
  for (const v of byBoard.values()) if (v.size === 1) same += 1;
  return { boards: byBoard.size, sameView: same, disconnected: (status ?? []).filter((s) => !s.connected).length };
}
