#!/usr/bin/env node
// Runs the benchmark suite and writes docs/BENCHMARKS.md (and the raw results as JSON).
// Usage: node src/cli.mjs [--quick] [--only W1,W2,W3,W5,cold,idle,failover] [--systems floor,pm1,pm2,hp2,yws1]
//        [--duration S] [--warmup S] [--agents N] [--pm-client lean|official|msgpack] [--pm-dll DLL] [--pm-env KEY=VALUE]
//        [--w5-rates R1,R2,…] [--out FILE] [--json FILE] [--no-report]
//        [--render results.json]  (re-write the report from saved results)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage, machineInfo } from './lib/machine.mjs';
import { installCleanup, setLogDir, stopAll } from './lib/processes.mjs';
import { renderReport } from './lib/report.mjs';
import { runColdJoin, runFailover, runIdle, runRamp, runSteady } from './run/scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const loadDir = path.resolve(here, '..');

export function parseArgs(argv) {
  const args = { pmClient: 'lean', quick: false, only: null, systems: null, duration: null, warmup: null, agents: 2, out: null, json: null, report: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--quick': args.quick = true; break;
      case '--only': args.only = value().split(','); break;
      case '--systems': args.systems = value().split(','); break;
      case '--duration': args.duration = Number(value()); break;
      case '--rounds': args.rounds = Number(value()); break;
      case '--warmup': args.warmup = Number(value()); break;
      case '--agents': args.agents = Number(value()); break;
      case '--out': args.out = value(); break;
      case '--json': args.json = value(); break;
      case '--no-report': args.report = false; break;
      case '--pm-client':
        args.pmClient = value();
        if (!['lean', 'official', 'msgpack'].includes(args.pmClient)) throw new Error(`--pm-client must be lean, official or msgpack (got ${args.pmClient})`);
        break;
      case '--pm-dll': args.pmDll = path.resolve(value()); break;
      case '--pm-env': {
        // KEY=VALUE for PostMortem's environment (A/B of a runtime setting); repeatable.
        const [k, ...v] = value().split('=');
        if (!k || v.length === 0) throw new Error('--pm-env takes KEY=VALUE');
        args.pmEnv = { ...(args.pmEnv ?? {}), [k]: v.join('=') };
        break;
      }
      case '--w5-rates': args.w5Rates = value().split(',').map(Number); break;
      case '--render': args.render = path.resolve(value()); break;
      case '--help': case '-h': args.help = true; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  return args;
}

/** Workload shapes and durations; --quick keeps the same kinds of run, smaller and shorter. */
export function buildConfig(args) {
  const q = args.quick;
  const steadyS = args.duration ?? (q ? 3 : 10);
  const warmupS = args.warmup ?? (q ? 1 : 3);
  const steady = (name, boards, participants, rateHz, cursorHz = 0) => ({ name, boards, participants, rateHz, cursorHz, warmupMs: warmupS * 1000, durationMs: steadyS * 1000 });
  return {
    quick: q,
    agents: args.agents,
    pmClient: args.pmClient ?? 'lean',
    steadyS,
    warmupS,
    // W1 and W2 run this many rounds (every system once per round, in turn); their goals are judged on each
    // system's median p99 over the rounds. One round of a few-ms tail on two shared cores is a coin toss.
    rounds: args.rounds ?? (q ? 1 : 3),
    workloads: {
      W1: steady('W1', 1, 8, 5, 10),
      W2: steady('W2', 1, 50, 2),
      W3: steady('W3', q ? 10 : 200, 10, 0.5),
      // The ramp goes past PostMortem's per-participant command limit (Limits:CommandsPerSecond, 20/s, burst 40 — a
      // person types far slower), so for W5 only the limit is raised: what is measured is the instance, not the limit.
      W5: {
        name: 'W5', boards: 4, participants: 25,
        rates: args.w5Rates ?? (q ? [2, 8] : [1, 2, 4, 8, 12, 16, 18, 20, 22, 24, 26, 28, 30, 32]),
        warmupMs: q ? 500 : 1000, stepMs: q ? 2000 : 4000, limitMs: 100,
        pmEnv: { Limits__CommandsPerSecond: '100', Limits__CommandBurst: '200' },
      },
      cold: { notes: 500, joins: q ? 3 : 15 },
      idle: { connections: q ? 100 : 1000, settleMs: q ? 1500 : 4000 },
      failover: { name: 'failover', boards: q ? 5 : 100, participants: 10, rateHz: 0.5, warmupMs: q ? 2000 : 4000, recoveryMaxMs: 15000 },
    },
    // --quick is a smoke run: every scenario once, on fewer systems (ours, the floor and the main peer).
    // The floor (tests/load/floor) runs where it has something to compare: the steady workloads and idle memory.
    systems: {
      steady: args.systems ?? (q ? ['floor', 'pm1', 'hp2'] : ['floor', 'pm1', 'pm2', 'hp2', 'yws1']),
      ramp: args.systems ?? (q ? ['pm1'] : ['pm1', 'pm2', 'hp2', 'yws1']),
      cold: (args.systems ?? (q ? ['pm1'] : ['pm1', 'pm2', 'hp2', 'yws1'])).filter((s) => s !== 'floor'),
      idle: (args.systems ?? (q ? ['floor', 'pm1'] : ['floor', 'pm1', 'hp1', 'yws1'])).filter((s) => ['floor', 'pm1', 'hp1', 'yws1', 'pm2', 'hp2'].includes(s)),
      failover: (args.systems ?? (q ? ['pm2'] : ['pm2', 'hp2'])).filter((s) => ['pm2', 'hp2'].includes(s)),
    },
    only: args.only ?? (q ? ['W1', 'W3', 'W5', 'cold', 'idle', 'failover'] : ['W1', 'W2', 'W3', 'W5', 'cold', 'idle', 'failover']),
  };
}

/** Hand-written findings (profiles, changes made) placed in the report after the goals. */
function readFindings() {
  try {
    return readFileSync(path.join(loadDir, 'FINDINGS.md'), 'utf8');
  } catch {
    return '';
  }
}

function peerVersions() {
  const v = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(loadDir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  return { '@hocuspocus/server': v('@hocuspocus/server'), '@hocuspocus/extension-redis': v('@hocuspocus/extension-redis'), 'y-websocket': v('y-websocket'), yjs: v('yjs') };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 4).join('\n'));
    return;
  }
  const repoRoot = path.resolve(loadDir, '../..');
  if (args.render) {
    // Re-writes the report from saved raw results (no run).
    const saved = JSON.parse(readFileSync(args.render, 'utf8'));
    const out = args.out ? path.resolve(args.out) : path.join(repoRoot, 'docs/BENCHMARKS.md');
    writeFileSync(out, renderReport(saved, readFindings()));
    console.log(`[bench] report: ${out}`);
    return;
  }
  const cfg = buildConfig(args);
  const startedAt = new Date();
  const artifacts = path.join(repoRoot, 'artifacts/bench');
  setLogDir(path.join(artifacts, 'logs', startedAt.toISOString().replace(/[:.]/g, '-')));
  installCleanup();
  const ctx = { agents: cfg.agents, slots: 3, connectConcurrency: 32, reconnectJitterMs: 100, pmClient: args.pmClient, systemOptions: { postmortem: { repoRoot, dll: args.pmDll ?? null, extraEnv: args.pmEnv ?? {} } } };
  const results = {
    command: process.env.BENCH_COMMAND ?? `npm --prefix tests/load run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    machine: machineInfo(repoRoot),
    peers: peerVersions(),
    config: cfg,
    steady: [],
    steadyRounds: [],
    ramp: [],
    cold: [],
    idle: [],
    failover: [],
    errors: [],
  };
  mkdirSync(artifacts, { recursive: true });
  const jsonPath = args.json ? path.resolve(args.json) : path.join(artifacts, 'results.json');
  const attempt = async (what, fn, into) => {
    try {
      into.push(await fn());
      // Saved after every scenario: an interrupted run can still be rendered with --render.
      writeFileSync(jsonPath, JSON.stringify({ ...results, durationS: (Date.now() - startedAt.getTime()) / 1000, loadAverageAtEnd: loadAverage() }, null, 2));
    } catch (err) {
      console.error(`[bench] ${what} failed: ${err?.stack ?? err}`);
      results.errors.push({ what, error: String(err?.message ?? err) });
      await stopAll();
    }
  };
  const W = cfg.workloads;
  const steady = async (name, rounds = 1) => {
    if (!cfg.only.includes(name)) return;
    for (let round = 1; round <= rounds; round++) {
      // Round 1 fills the tables; later rounds add their p99s to the goal's median.
      const into = round === 1 ? results.steady : results.steadyRounds;
      for (const s of cfg.systems.steady) await attempt(`${name} ${s} (round ${round})`, async () => ({ ...(await runSteady(ctx, s, W[name])), round }), into);
    }
  };
  // Cheapest first, the 2,000-client W3 last: an interrupted run still has most answers.
  await steady('W1', cfg.rounds);
  await steady('W2', cfg.rounds);
  if (cfg.only.includes('cold')) for (const s of cfg.systems.cold) await attempt(`cold join ${s}`, () => runColdJoin(ctx, s, W.cold), results.cold);
  if (cfg.only.includes('idle')) for (const s of cfg.systems.idle) await attempt(`idle ${s}`, () => runIdle(ctx, s, W.idle), results.idle);
  if (cfg.only.includes('W5')) for (const s of cfg.systems.ramp) await attempt(`W5 ${s}`, () => runRamp(ctx, s, W.W5), results.ramp);
  if (cfg.only.includes('failover')) for (const s of cfg.systems.failover) await attempt(`failover ${s}`, () => runFailover(ctx, s, W.failover), results.failover);
  await steady('W3');

  results.durationS = (Date.now() - startedAt.getTime()) / 1000;
  results.loadAverageAtEnd = loadAverage();
  writeFileSync(jsonPath, JSON.stringify(results, null, 2));
  console.log(`[bench] raw results: ${jsonPath}`);
  if (args.report) {
    const out = args.out ? path.resolve(args.out) : path.join(repoRoot, 'docs/BENCHMARKS.md');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, renderReport(results, readFindings()));
    console.log(`[bench] report: ${out}`);
  }
  console.log(`[bench] done in ${(results.durationS / 60).toFixed(1)} min, ${results.errors.length} failed run(s)`);
  await stopAll();
  process.exitCode = results.errors.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // A hard ceiling on the whole run: nothing the tool starts outlives it.
  const ceiling = setTimeout(() => {
    console.error('[bench] run exceeded 40 minutes: stopping');
    stopAll().finally(() => process.exit(2));
  }, 40 * 60 * 1000);
  ceiling.unref();
  main().catch(async (err) => {
    console.error(err?.stack ?? err);
    await stopAll();
    process.exit(1);
  });
}
