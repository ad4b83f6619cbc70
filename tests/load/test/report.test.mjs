import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFloorGoals, evaluateGoals, num, ratio, renderReport, table } from '../src/lib/report.mjs';

const lat = (p99) => ({ count: 100, p50: p99 / 4, p95: p99 / 2, p99, p999: p99 * 1.2, max: p99 * 1.5, mean: p99 / 3 });
const steady = (workload, system, label, p99, extra = {}) => ({
  workload, system, label, instances: system.endsWith('2') ? 2 : 1,
  shape: { boards: 1, participants: 8, rateHz: 5, cursorHz: 0, clients: 8 },
  latency: { all: lat(p99), same: lat(p99), cross: { count: 0 }, ack: lat(1) },
  delivery: { expected: 1000, delivered: 1000, superseded: 0, ratio: 1, gaps: 0, duplicates: 0, seqGaps: 0, seqDuplicates: 0, rejected: 0 },
  rates: { opsPerSec: 40, deliveriesPerSec: 280, deliveriesPerSecPerInstance: 140, presenceInPerSec: 0 },
  processes: { 'server-0': { cpuSeconds: 1, cpuPercent: 10, peakRssBytes: 100 * 2 ** 20 }, 'load-agent-0': { cpuSeconds: 1, cpuPercent: 5 } },
  serverCpuSeconds: 1, serverPeakRssBytes: 100 * 2 ** 20, agents: [{ cpuSeconds: 1, seconds: 10, loopDelayP99Ms: 2 }],
  ...extra,
});

const results = () => ({
  command: 'infra/bench.sh',
  startedAt: '2026-11-21T23:00:00.000Z',
  durationS: 420,
  machine: { nproc: 2, cpuModel: 'Test CPU', memoryGiB: 24, os: 'Debian', dotnet: '10.0.401', dotnetRuntime: '10.0.12', node: 'v20', redis: '7.0.15', gitCommit: 'abc123', gitBranch: 'bench', gitDirty: false, loadAverageAtStart: [0.5, 0.4, 0.3] },
  loadAverageAtEnd: [1, 1, 1],
  peers: { '@hocuspocus/server': '3.4.4' },
  config: { quick: false, agents: 2, steadyS: 12, warmupS: 3, workloads: { W1: { boards: 1, participants: 8, rateHz: 5, cursorHz: 10 } } },
  steady: [steady('W1', 'pm2', 'PostMortem ×2 + Redis', 4), steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 10)],
  ramp: [{ workload: 'W5', system: 'pm1', label: 'PostMortem ×1', instances: 1, shape: { boards: 4, participants: 25, clients: 100 }, limitMs: 100, limitReached: true, steps: [{ rateHz: 1, p99: 5, deliveriesPerSecPerInstance: 2400 }, { rateHz: 16, p99: 150, deliveriesPerSecPerInstance: 30000 }], best: { rateHz: 1, p99: 5, deliveriesPerSecPerInstance: 2400 } }],
  cold: [],
  idle: [{ workload: 'idle', system: 'pm1', label: 'PostMortem ×1', connections: 1000, rssFreshBytes: 90e6, rssBeforeBytes: 100e6, rssAfterBytes: 140e6, hwmBytes: 150e6, perConnectionBytes: 40_000, allInPerConnectionBytes: 25_000 }],
  failover: [],
  errors: [{ what: 'W2 hp2', error: 'boom\nstack' }],
});

test('numbers and ratios are formatted for the tables', () => {
  assert.equal(num(1234.567), '1,234.57');
  assert.equal(num(null), '–');
  assert.equal(ratio(4, 10), '0.40×');
  assert.equal(ratio(4, 0), '–');
  assert.equal(table(['a', 'b'], [[1, 2]]), '| a | b |\n| --- | --- |\n| 1 | 2 |');
});

test('goals are judged from the same run and unmeasured ones say so', () => {
  const goals = evaluateGoals(results());
  const w1 = goals.find((g) => g.goal.startsWith('W1'));
  assert.equal(w1.ok, true); // 4 ms ≤ ½ × 10 ms
  assert.match(w1.measured, /0\.40×/);
  assert.equal(goals.find((g) => g.goal.startsWith('W2')).ok, null);
  assert.equal(goals.find((g) => g.goal.startsWith('W5')).ok, false); // 2,400 < 50,000
  assert.equal(goals.find((g) => g.goal.includes('idle')).ok, false); // 40,000 B > 12 KB
  const lean = results();
  lean.idle[0].perConnectionBytes = 12 * 1024;
  lean.ramp[0].best = { rateHz: 22, p99: 60, deliveriesPerSecPerInstance: 52_000 };
  const judged = evaluateGoals(lean);
  assert.equal(judged.find((g) => g.goal.includes('idle')).ok, true); // 12 KB ≤ 12 KB
  assert.equal(judged.find((g) => g.goal.startsWith('W5')).ok, true); // 52,000 ≥ 50,000
});

test('the report shows machine, command, side-by-side tables with ratios, and failed runs', () => {
  const md = renderReport(results());
  assert.match(md, /^# Benchmarks/);
  assert.match(md, /Command: `infra\/bench\.sh`/);
  assert.match(md, /2 cores, Test CPU, 24 GiB/);
  assert.match(md, /Load average .*0\.5 \/ 0\.4 \/ 0\.3/);
  assert.match(md, /## W1 — 1 board\(s\) × 8 participants × 5 commands\/s \+ cursors at 10 Hz/);
  assert.match(md, /\| PostMortem ×2 \+ Redis \| Hocuspocus ×2 \+ Redis \| PM×2 ÷ HP×2 \|/);
  assert.match(md, /\*\*latency p99 \(ms\)\*\* \| \*\*4\.00\*\* \| \*\*10\.00\*\* \| 0\.40× \|/);
  assert.match(md, /2,400 deliveries\/s per instance/);
  assert.match(md, /39\.1 KB/);
  assert.match(md, /- W2 hp2: boom$/m);
  assert.ok(!md.includes('stack'));
});

test('cold join is judged per PostMortem deployment on the time the server reports', () => {
  const cold = (system, label, serverMs) => ({
    workload: 'cold-join', system, label, instances: system === 'pm2' ? 2 : 1, notes: 500, seedMethod: 'importTimeline',
    first: { joinMs: serverMs + 1, connectAndJoinMs: serverMs + 3, serverMs, resultBytes: 150000, notes: 500 },
    rest: { connectAndJoin: { p50: 5, p95: 9 }, join: { p50: 3, p95: 6 }, serverEstimate: null, server: { p50: 2, p95: 4 } },
  });
  const goals = evaluateGoals({ ...results(), cold: [cold('pm1', 'PostMortem ×1', 12), cold('pm2', 'PostMortem ×2 + Redis', 54)] });
  const judged = goals.filter((g) => g.goal.startsWith('cold join'));
  assert.equal(judged.length, 2);
  assert.equal(judged[0].ok, true); // 12 ms ≤ 50 ms
  assert.equal(judged[1].ok, false); // 54 ms > 50 ms
  assert.match(judged[1].measured, /first \(cold\) join 54\.00 ms on the server/);
});

test('with several rounds, W1–W2 goals take each system\'s median p99 and the report shows every round', () => {
  const r = results();
  r.steadyRounds = [
    { ...steady('W1', 'pm2', 'PostMortem ×2 + Redis', 30), round: 2 }, // one bad round of ours...
    { ...steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 12), round: 2 },
    { ...steady('W1', 'pm2', 'PostMortem ×2 + Redis', 5), round: 3 },
    { ...steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 9), round: 3 },
  ];
  const w1 = evaluateGoals(r).find((g) => g.goal.startsWith('W1'));
  assert.equal(w1.ok, true); // medians 5 vs 10: ...does not decide it
  assert.match(w1.measured, /median of 3 rounds: PM×2 p99 5\.00 ms \(4\.00 \/ 30\.00 \/ 5\.00\) vs HP×2 10\.00 ms/);
  const md = renderReport(r);
  assert.match(md, /\| median \| 5\.00 \| 10\.00 \|/);

  r.steadyRounds[2] = { ...steady('W1', 'pm2', 'PostMortem ×2 + Redis', 6), round: 3 };
  r.steadyRounds[3] = { ...steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 9), round: 3 };
  r.steady[1] = steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 11);
  assert.equal(evaluateGoals(r).find((g) => g.goal.startsWith('W1')).ok, false); // medians 6 vs 11: 6 > 5.5
});

test('tables get ÷ floor columns and the floor goals judge PostMortem ×1 against the floor of the same run', () => {
  const r = results();
  const withCost = (row, cpuUs, rssMb) => ({ ...row, serverCpuUsPerDelivery: cpuUs, serverPeakRssBytes: rssMb * 2 ** 20, processes: { 'server-0': { cpuSeconds: 1, cpuPercent: 10, peakRssBytes: rssMb * 2 ** 20 } } });
  r.steady = [
    withCost(steady('W1', 'floor', 'Floor ×1', 4), 40, 90),
    withCost(steady('W1', 'pm1', 'PostMortem ×1', 5), 50, 100),
    withCost(steady('W1', 'pm2', 'PostMortem ×2 + Redis', 8), 70, 110),
    withCost(steady('W1', 'hp2', 'Hocuspocus ×2 + Redis', 10), 80, 120),
    withCost(steady('W3', 'floor', 'Floor ×1', 10), 40, 90),
    withCost(steady('W3', 'pm1', 'PostMortem ×1', 30), 60, 130),
  ];
  const md = renderReport(r);
  assert.match(md, /\| Floor ×1 \| PostMortem ×1 \| PostMortem ×2 \+ Redis \| Hocuspocus ×2 \+ Redis \| PM×2 ÷ HP×2 \| PM×1 ÷ HP×2 \| PM×1 ÷ floor \| PM×2 ÷ floor \| HP×2 ÷ floor \|/);
  assert.match(md, /\*\*latency p99 \(ms\)\*\* \| \*\*4\.00\*\* \| \*\*5\.00\*\* \| \*\*8\.00\*\* \| \*\*10\.00\*\* \| 0\.80× \| 0\.50× \| 1\.25× \| 2\.00× \| 2\.50× \|/);
  assert.match(md, /### Against the floor/);

  const goals = evaluateFloorGoals(r);
  const p99 = (w) => goals.find((g) => g.goal.startsWith('p99') && g.goal.includes(` ${w} `));
  assert.equal(p99('W1').ok, true); // 5 ≤ 1.5 × 4
  assert.match(p99('W1').measured, /PM×1 5\.00 ms vs floor 4\.00 ms = 1\.25×; PM×2 \+ Redis 8\.00 ms = 2\.00×/);
  assert.equal(p99('W2').ok, null); // not run
  assert.equal(p99('W3').ok, false); // 30 > 2 × 10
  const cpuW3 = goals.find((g) => g.goal.startsWith('server CPU') && g.goal.includes('W3'));
  assert.equal(cpuW3.ok, false); // 60 > 1.3 × 40
  const rss = goals.find((g) => g.goal.startsWith('peak RSS'));
  assert.equal(rss.ok, false); // W3 130 MB > 1.25 × 90 MB, although W1's 100 MB holds
  assert.match(rss.measured, /W1 100\.0 MB vs 90\.0 MB = 1\.11×; W3 130\.0 MB vs 90\.0 MB = 1\.44×/);
});

test('without a floor in the run there are no floor columns and the floor goals say not run', () => {
  const md = renderReport(results());
  assert.ok(!/÷ floor \|/.test(md)); // no such column (the method section still describes the floor)
  assert.ok(!md.includes('### Against the floor'));
  assert.ok(evaluateFloorGoals(results()).every((g) => g.ok === null));
});
