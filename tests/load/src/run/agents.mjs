// The orchestrator's side of the load agents: start them, spread participants over them, send a
// command to all and gather the answers. Every request has a timeout.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkModule, stopProcess } from '../lib/processes.mjs';
import { mergeMetrics } from '../agent/tracker.mjs';

const AGENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../agent/agent.mjs');

class Agent {
  constructor(name) {
    this.name = name;
    this.child = forkModule(name, AGENT, [], { execArgv: ['--max-old-space-size=4096'] });
    this.nextId = 1;
    this.pending = new Map();
    this.child.on('message', (msg) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${this.name}: ${msg.error}`));
    });
    this.child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`${this.name} exited (${code ?? signal})`));
      }
      this.pending.clear();
    });
  }

  call(cmd, args = {}, timeoutMs = 120000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ id, cmd, ...args });
    });
  }
}

/** Σ over boards of operations sent × (receivers − 1), from every agent's per-board counts. */
export function expectedFrom(perBoardList) {
  const boards = {};
  for (const perBoard of perBoardList) {
    for (const [b, v] of Object.entries(perBoard)) {
      const t = (boards[b] ??= { sent: 0, receivers: 0 });
      t.sent += v.sent;
      t.receivers += v.receivers;
    }
  }
  let expected = 0;
  for (const b of Object.values(boards)) expected += b.sent * Math.max(0, b.receivers - 1);
  return expected;
}

export class AgentPool {
  constructor(count, label) {
    this.agents = Array.from({ length: count }, (_, i) => new Agent(`agent-${label}-${i}`));
    this.byParticipant = new Map();
  }

  get pids() {
    return this.agents.map((a) => a.child.pid);
  }

  /** Adds participants round-robin over the agents. */
  async add(specs, options = {}) {
    const parts = this.agents.map(() => []);
    specs.forEach((s, i) => {
      parts[i % parts.length].push(s);
      this.byParticipant.set(s.id, i % parts.length);
    });
    await Promise.all(this.agents.map((a, i) => (parts[i].length ? a.call('add', { specs: parts[i], options }) : null)));
  }

  all(cmd, args = {}, timeoutMs = 120000) {
    return Promise.all(this.agents.map((a) => a.call(cmd, args, timeoutMs)));
  }

  /** Connects every added participant; returns counts and join times (ms) of all agents. */
  async connect(concurrency = 32, timeoutMs = 300000) {
    const results = await this.all('connect', { concurrency }, timeoutMs);
    return {
      connected: results.reduce((s, r) => s + r.connected, 0),
      failed: results.reduce((s, r) => s + r.failed, 0),
      errors: results.flatMap((r) => r.errors),
      joinMs: results.flatMap((r) => r.joinMs),
      ms: Math.max(...results.map((r) => r.ms)),
    };
  }

  async progress() {
    const r = await this.all('progress', {}, 30000);
    return {
      delivered: r.reduce((s, x) => s + x.delivered, 0),
      superseded: r.reduce((s, x) => s + x.superseded, 0),
      opsSent: r.reduce((s, x) => s + x.opsSent, 0),
      connected: r.reduce((s, x) => s + x.connected, 0),
      expected: expectedFrom(r.map((x) => x.perBoard)),
    };
  }

  /** Gathers and merges metrics; expected deliveries come from per-board sent × (receivers − 1). */
  async collect(withStatus = false) {
    const parts = await this.all('collect', { withStatus }, 60000);
    const metrics = mergeMetrics(parts.map((p) => p.metrics));
    const opsTotal = parts.reduce((s, p) => s + Object.values(p.perBoard).reduce((t, b) => t + b.sent, 0), 0);
    const expected = expectedFrom(parts.map((p) => p.perBoard));
    return {
      metrics,
      expected,
      opsTotal,
      agents: parts.map((p) => p.agent),
      status: withStatus ? parts.flatMap((p) => p.status) : undefined,
      sample: parts.flatMap((p) => p.sample),
    };
  }

  async close() {
    await Promise.allSettled(this.agents.map((a) => a.call('close', {}, 20000)));
    await Promise.all(this.agents.map((a) => stopProcess(a.child, 2000)));
  }
}
