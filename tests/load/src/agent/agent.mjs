// A load agent: a child process hosting many participants of one system, driven by the
// orchestrator over IPC. Several agents run side by side so client work uses more than one core.
// Every request is { id, cmd, ...args } and gets { id, ok, result | error }.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowUs, sleep } from '../lib/clock.mjs';
import { PmParticipant } from './pm-participant.mjs';
import { Metrics } from './tracker.mjs';
import { YjsParticipant } from './yjs-participant.mjs';

const metrics = new Metrics();
let participants = [];
let timers = new Set();
let loopDelay = monitorEventLoopDelay({ resolution: 10 });
let cpuAtReset = process.cpuUsage();
let resetAtMs = performance.now();

function create(spec, options) {
  if (spec.system === 'postmortem') return new PmParticipant(spec, metrics, options);
  return new YjsParticipant({ ...spec, flavor: spec.system }, metrics, options);
}

/** Runs fn over items with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) {
      const item = items[i++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Schedules fn every periodMs from startUs (a random phase per participant so sends are spread),
 * until endUs. Absolute targets: a late timer does not shift later sends.
 */
function every(periodMs, startUs, endUs, fn) {
  const phaseUs = Math.random() * periodMs * 1000;
  let k = 0;
  const schedule = () => {
    const target = startUs + phaseUs + k * periodMs * 1000;
    if (target > endUs) return;
    const t = setTimeout(() => {
      timers.delete(t);
      k += 1;
      fn();
      schedule();
    }, Math.max(0, (target - nowUs()) / 1000));
    timers.add(t);
  };
  schedule();
}

function stopTimers() {
  for (const t of timers) clearTimeout(t);
  timers = new Set();
}

/** Operations sent and receivers, per board: expected deliveries are computed from these. */
function perBoard() {
  const out = {};
  for (const p of participants) {
    const b = (out[p.spec.boardId] ??= { sent: 0, receivers: 0 });
    b.sent += p.n;
    if (!p.stopped) b.receivers += 1;
  }
  return out;
}

const handlers = {
  add({ specs, options }) {
    for (const spec of specs) participants.push(create(spec, options ?? {}));
    return { count: participants.length };
  },

  async connect({ concurrency = 32, only = null }) {
    const started = performance.now();
    const todo = participants.filter((p) => !p.connected && !p.stopped && (only === null || only.includes(p.id)));
    const errors = [];
    const joinMs = [];
    await pool(todo, concurrency, async (p) => {
      try {
        await p.connect();
        joinMs.push(p.events.joinMs);
      } catch (err) {
        errors.push(String(err?.message ?? err));
      }
    });
    return { connected: todo.length - errors.length, failed: errors.length, errors: errors.slice(0, 5), ms: performance.now() - started, joinMs };
  },

  /** Sends operations (and cursors) at the given rates from startUs for durationMs. */
  run({ startUs, durationMs, rateHz, cursorHz = 0, senders = null }) {
    const endUs = startUs + durationMs * 1000;
    for (const p of participants) {
      if (senders !== null && !senders.includes(p.id)) continue;
      if (rateHz > 0) every(1000 / rateHz, startUs, endUs, () => p.sendOp());
      if (cursorHz > 0) every(1000 / cursorHz, startUs, endUs, () => p.sendCursor());
    }
    return { scheduled: participants.length };
  },

  stop() {
    stopTimers();
    return {};
  },

  reset({ fromUs, toUs }) {
    metrics.reset(fromUs, toUs);
    loopDelay.disable();
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    cpuAtReset = process.cpuUsage();
    resetAtMs = performance.now();
    return {};
  },

  /** Cheap progress counters (polled while draining). */
  progress() {
    return { delivered: metrics.delivered, superseded: metrics.superseded, opsSent: metrics.opsSent, connected: participants.filter((p) => p.connected).length, perBoard: perBoard() };
  },

  /** Failover progress of the participants whose home instance was killed. */
  recovery({ killedInstance }) {
    const affected = participants.filter((p) => p.spec.instance === killedInstance);
    let reconnected = 0;
    let converged = 0;
    let lastReconnectedUs = 0;
    let lastConvergedUs = 0;
    for (const p of affected) {
      if (p.connected && p.events.reconnectedAt !== null) {
        reconnected += 1;
        lastReconnectedUs = Math.max(lastReconnectedUs, p.events.reconnectedAt);
      }
      if (p.connected && p.events.convergedAt !== null) {
        converged += 1;
        lastConvergedUs = Math.max(lastConvergedUs, p.events.convergedAt);
      }
    }
    return { affected: affected.length, reconnected, converged, lastReconnectedUs, lastConvergedUs };
  },

  collect({ withStatus = false } = {}) {
    const cpu = process.cpuUsage(cpuAtReset);
    const seconds = (performance.now() - resetAtMs) / 1000;
    return {
      metrics: metrics.toJSON(),
      perBoard: perBoard(),
      agent: {
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        seconds,
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        rssBytes: process.memoryUsage().rss,
      },
      status: withStatus ? participants.map((p) => p.status()) : undefined,
      sample: participants.slice(0, 1).map((p) => ({ lastJoin: p.lastJoin, lastRejection: p.lastRejection, lastFatal: p.lastFatal })),
    };
  },

  async close() {
    stopTimers();
    for (const p of participants) p.close();
    participants = [];
    await sleep(50);
    return {};
  },
};

process.on('message', async (msg) => {
  const handler = handlers[msg.cmd];
  try {
    if (!handler) throw new Error(`unknown command ${msg.cmd}`);
    const result = await handler(msg);
    process.send({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: String(err?.stack ?? err) });
  }
});

// The orchestrator owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
loopDelay.enable();
