// Turns a run's results into docs/BENCHMARKS.md. Pure: results in, Markdown out (unit-tested).

export const GOALS = {
  p99Ratio: 0.5, // our p99 ≤ ½ of Hocuspocus ×2 + Redis on W1–W3
  deliveriesPerInstance: 50000, // W5, before p99 passes the limit (issue 16; was 20,000)
  idleBytes: 12 * 1024, // per idle connection (issue 16; was 60 KB)
  coldJoinMs: 50, // 500-note board, server time
  failoverS: 5, // all clients of the killed instance reconnected and converged
};

/**
 * PostMortem ×1 against the floor (tests/load/floor: a bare SignalR broadcast of the same protocol shape, no
 * storage, rules or validation), issue 16. p99 on W1/W2 is each system's median over the rounds.
 */
export const FLOOR_GOALS = {
  p99: { W1: 1.5, W2: 1.5, W3: 2 },
  cpuPerDelivery: { W2: 1.3, W3: 1.3 },
  peakRss: 1.25,
};

const STEADY_COLUMNS = ['floor', 'pm1', 'pm2', 'hp2', 'hp1', 'yws1'];
const SHORT = { floor: 'floor', pm1: 'PM×1', pm2: 'PM×2', hp2: 'HP×2', hp1: 'HP×1', yws1: 'y-ws×1' };

export function num(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return '∞';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const int = (x) => num(x, 0);
export const mb = (bytes) => (bytes == null ? '–' : `${num(bytes / 2 ** 20, 1)} MB`);
export const kb = (bytes) => (bytes == null ? '–' : `${num(bytes / 1024, 1)} KB`);
export const pct = (x, digits = 3) => (x == null ? '–' : `${num(100 * x, digits)} %`);

/** a ÷ b as "0.23×", or – when either is missing. */
export function ratio(a, b) {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${num(a / b, 2)}×`;
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const verdict = (ok) => (ok === null ? '– not measured' : ok ? '✅ holds' : '❌ does not hold');

function steadyTable(rows) {
  const present = STEADY_COLUMNS.filter((k) => rows.some((r) => r.system === k));
  const by = Object.fromEntries(rows.map((r) => [r.system, r]));
  const cols = present.map((k) => by[k]);
  const header = ['', ...cols.map((r) => r.label)];
  const ratioCols = [];
  if (by.pm2 && by.hp2) ratioCols.push(['PM×2 ÷ HP×2', by.pm2, by.hp2]);
  if (by.pm1 && by.hp2) ratioCols.push(['PM×1 ÷ HP×2', by.pm1, by.hp2]);
  if (by.pm1 && by.yws1) ratioCols.push(['PM×1 ÷ y-ws×1', by.pm1, by.yws1]);
  // What each system costs above the floor, in the same run.
  if (by.floor) for (const k of present.filter((x) => x !== 'floor')) ratioCols.push([`${SHORT[k]} ÷ floor`, by[k], by.floor]);
  header.push(...ratioCols.map(([n]) => n));
  const server = (r) => Object.entries(r.processes ?? {}).filter(([n]) => !n.startsWith('redis') && !n.startsWith('load-agent'));
  const redis = (r) => Object.entries(r.processes ?? {}).find(([n]) => n.startsWith('redis'))?.[1];
  const agentPct = (r) => (r.agents ?? []).reduce((s, a) => s + (100 * a.cpuSeconds) / a.seconds, 0);
  const loopP99 = (r) => Math.max(0, ...(r.agents ?? []).map((a) => a.loopDelayP99Ms));
  const metricRows = [
    ['clients', (r) => int(r.shape.clients), null],
    ['ops/s in', (r) => num(r.rates.opsPerSec, 1), null],
    ['deliveries/s out', (r) => int(r.rates.deliveriesPerSec), (r) => r.rates.deliveriesPerSec],
    ['latency p50 (ms)', (r) => num(r.latency.all.p50), (r) => r.latency.all.p50],
    ['latency p95 (ms)', (r) => num(r.latency.all.p95), (r) => r.latency.all.p95],
    ['**latency p99 (ms)**', (r) => `**${num(r.latency.all.p99)}**`, (r) => r.latency.all.p99],
    ['latency p99.9 (ms)', (r) => num(r.latency.all.p999), (r) => r.latency.all.p999],
    ['latency max (ms)', (r) => num(r.latency.all.max), (r) => r.latency.all.max],
    ['same-instance p50 / p99 (ms)', (r) => (r.latency.same.count ? `${num(r.latency.same.p50)} / ${num(r.latency.same.p99)}` : '–'), null],
    ['cross-instance p50 / p99 (ms)', (r) => (r.latency.cross.count ? `${num(r.latency.cross.p50)} / ${num(r.latency.cross.p99)}` : '–'), null],
    ['sender ack p99 (ms)', (r) => (r.latency.ack.count ? num(r.latency.ack.p99) : '–'), null],
    ['latency samples', (r) => int(r.latency.all.count), null],
    ['delivery ratio', (r) => pct(r.delivery.ratio), null],
    ['gaps / duplicates', (r) => `${int(r.delivery.gaps)} / ${int(r.delivery.duplicates)}`, null],
    ['board seq gaps / duplicates', (r) => (hasSeq(r) ? `${int(r.delivery.seqGaps)} / ${int(r.delivery.seqDuplicates)}` : 'n/a (no seq)'), null],
    ['superseded (merged) edits', (r) => int(r.delivery.superseded), null],
    ['rejected commands', (r) => int(r.delivery.rejected), null],
    ['commands shed (unavailable, sent again after retry-after)', (r) => (r.delivery.shed == null ? '–' : int(r.delivery.shed)), null],
    ['cursor messages in /s', (r) => (r.shape.cursorHz ? int(r.rates.presenceInPerSec) : '–'), null],
    ['server CPU s (all instances)', (r) => num(r.serverCpuSeconds), (r) => r.serverCpuSeconds],
    ['server CPU µs per delivery', (r) => num(r.serverCpuUsPerDelivery, 1), (r) => r.serverCpuUsPerDelivery],
    ['server CPU % per instance', (r) => server(r).map(([, v]) => int(v.cpuPercent)).join(' / '), null],
    ['redis CPU s', (r) => (redis(r) ? num(redis(r).cpuSeconds) : '–'), null],
    ['server peak RSS per instance', (r) => server(r).map(([, v]) => mb(v.peakRssBytes)).join(' / '), (r) => r.serverPeakRssBytes],
    ['server bytes sent per delivery (all traffic)', (r) => (r.serverBytesPerDelivery == null ? '–' : int(r.serverBytesPerDelivery)), (r) => r.serverBytesPerDelivery],
    ['load agents CPU % / loop delay p99 (ms)', (r) => `${int(agentPct(r))} / ${num(loopP99(r), 1)}`, null],
  ];
  const body = metricRows.map(([name, cell, value]) => [
    name,
    ...cols.map((r) => cell(r)),
    ...ratioCols.map(([, a, b]) => (value ? ratio(value(a), value(b)) : '')),
  ]);
  return table(header, body);
}

/** PostMortem's protocol (ours and the floor) carries a board seq; the Yjs peers do not. */
const hasSeq = (r) => r.system.startsWith('pm') || r.system === 'floor';

function rampSection(rows) {
  const out = [];
  for (const r of rows) {
    out.push(`**${r.label}** — ${r.shape.boards} boards × ${r.shape.participants} participants (${r.shape.clients} clients), rate per participant raised each step:`);
    out.push('');
    out.push(table(
      ['rate /s per participant', 'ops/s in', 'deliveries/s', 'deliveries/s per instance', 'p50 (ms)', 'p99 (ms)', 'p99.9 (ms)', 'max (ms)', 'sender ack p50 / p99 (ms)', 'shed', 'delivery', 'server CPU', 'agents CPU %', 'load avg'],
      r.steps.map((s) => [`${num(s.rateHz, 1)}${s.retried ? ' (over the limit: re-run)' : ''}`, int(s.opsPerSec), int(s.deliveriesPerSec), int(s.deliveriesPerSecPerInstance), num(s.p50), num(s.p99), num(s.p999), num(s.max), s.ackP50 == null ? '–' : `${num(s.ackP50)} / ${num(s.ackP99)}`, s.shed == null ? '–' : int(s.shed), pct(s.ratio, 2), s.serverCpuPercent, int(s.agentCpuPercent), num(s.loadAverage)]),
    ));
    out.push('');
    out.push(r.best
      ? `→ highest step with p99 ≤ ${r.limitMs} ms: **${int(r.best.deliveriesPerSecPerInstance)} deliveries/s per instance** (p99 ${num(r.best.p99)} ms)${r.limitReached ? '' : ' — the limit was not reached within the steps run, so the capacity is at least this'}.`
      : `→ p99 exceeded ${r.limitMs} ms already at the first step.`);
    out.push('');
  }
  return out.join('\n');
}

function coldTable(rows) {
  return table(
    ['system', 'notes', 'seeded by', '**first (cold) join: server time (ms)**', 'later joins: server time p50 / p95 (ms)', 'first join: connect+join (ms)', 'first join: Join call (ms)', 'later joins p50 / p95 connect+join (ms)', 'later joins p50 / p95 Join call (ms)', 'server time est. first / later p50 / p95 (ms)', 'snapshot size', 'notes seen'],
    rows.map((r) => [
      r.label, int(r.notes), r.seedMethod,
      r.first?.serverMs != null ? `**${num(r.first.serverMs)}**` : '–',
      r.rest.server ? `${num(r.rest.server.p50)} / ${num(r.rest.server.p95)}` : '–',
      num(r.first?.connectAndJoinMs), r.system.startsWith('pm') ? num(r.first?.joinMs) : '–',
      `${num(r.rest.connectAndJoin.p50)} / ${num(r.rest.connectAndJoin.p95)}`,
      r.system.startsWith('pm') ? `${num(r.rest.join.p50)} / ${num(r.rest.join.p95)}` : '–',
      r.system.startsWith('pm') ? `${num(r.first?.serverEstimateMs)} / ${num(r.rest.serverEstimate?.p50)} / ${num(r.rest.serverEstimate?.p95)}` : '–', kb(r.first?.resultBytes), r.first?.notes ?? '–',
    ]),
  );
}

function idleTable(rows) {
  const floor = rows.find((r) => r.system === 'floor');
  const header = ['system', 'RSS warmed up', 'RSS with N idle', 'RSS with 2N idle', 'peak (VmHWM)', 'N', '**per idle connection** (2N − N) ÷ N', 'all-in (2N − warmed up) ÷ 2N'];
  if (floor) header.push('RSS warmed up ÷ floor', 'per idle connection ÷ floor');
  return table(
    header,
    rows.map((r) => [r.label, mb(r.rssFreshBytes), mb(r.rssBeforeBytes), mb(r.rssAfterBytes), mb(r.hwmBytes), int(r.connections), `**${kb(r.perConnectionBytes)}**`, kb(r.allInPerConnectionBytes),
      ...(floor ? [ratio(r.rssFreshBytes, floor.rssFreshBytes), ratio(r.perConnectionBytes, floor.perConnectionBytes)] : [])]),
  );
}

function failoverTable(rows) {
  return table(
    ['system', 'clients', 'on killed instance', 'reconnected', 'converged', 'all reconnected after (s)', '**all converged after (s)**', 'boards with one view at the end', 'delivery', 'gaps / dup'],
    rows.map((r) => [r.label, int(r.shape.clients), int(r.affected), int(r.reconnected), int(r.converged), num(r.reconnectS), `**${num(r.convergeS)}**`, `${r.finalViews.sameView}/${r.finalViews.boards}`, pct(r.delivery.ratio), `${int(r.delivery.gaps)} / ${int(r.delivery.duplicates)}`]),
  );
}

/** A system's runs of a steady workload: round 1 (the tables) and any later rounds. */
function roundsOf(results, workload, system) {
  return [...results.steady, ...(results.steadyRounds ?? [])].filter((r) => r.workload === workload && r.system === system);
}

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const cleanRun = (r) => r && r.delivery.ratio === 1 && r.delivery.gaps === 0 && r.delivery.seqGaps === 0 && r.delivery.duplicates === 0;

/**
 * PostMortem ×1 judged against the floor of the same run (FLOOR_GOALS): p99 (median over rounds), server CPU per
 * delivery and peak RSS, each as a multiple of the floor's; PostMortem ×2 + Redis is reported beside it, not judged.
 */
export function evaluateFloorGoals(results) {
  const goals = [];
  const of = (w, system) => roundsOf(results, w, system);
  const med = (rows, f) => median(rows.map(f));
  const p99 = (r) => r.latency.all.p99;
  const cpu = (r) => r.serverCpuUsPerDelivery;
  const rss = (r) => r.serverPeakRssBytes;
  const alsoPm2 = (w, f, unit) => {
    const pm2 = of(w, 'pm2');
    const floor = of(w, 'floor');
    return pm2.length && floor.length ? `; PM×2 + Redis ${unit(med(pm2, f))} = ${ratio(med(pm2, f), med(floor, f))}` : '';
  };
  const ms = (x) => `${num(x)} ms`;
  const us = (x) => `${num(x, 1)} µs`;
  for (const [w, limit] of Object.entries(FLOOR_GOALS.p99)) {
    const pm = of(w, 'pm1');
    const floor = of(w, 'floor');
    const ran = pm.length && floor.length;
    const a = med(pm, p99);
    const b = med(floor, p99);
    const rounds = pm.length > 1 ? `median of ${pm.length} rounds: ` : '';
    goals.push({
      goal: `p99 ≤ ${limit}× the floor on ${w} (PostMortem ×1), 100 % delivery, no gaps`,
      measured: ran
        ? `${rounds}PM×1 ${ms(a)} vs floor ${ms(b)} = ${ratio(a, b)}${alsoPm2(w, p99, ms)}; delivery ${pct(Math.min(...pm.map((r) => r.delivery.ratio)))}, gaps ${pm.reduce((n, r) => n + r.delivery.gaps + r.delivery.seqGaps, 0)}`
        : 'not run',
      ok: ran ? a <= limit * b && pm.every(cleanRun) : null,
    });
  }
  for (const [w, limit] of Object.entries(FLOOR_GOALS.cpuPerDelivery)) {
    const pm = of(w, 'pm1');
    const floor = of(w, 'floor');
    const ran = pm.length && floor.length;
    const a = med(pm, cpu);
    const b = med(floor, cpu);
    goals.push({
      goal: `server CPU per delivery ≤ ${limit}× the floor on ${w} (PostMortem ×1)`,
      measured: ran ? `PM×1 ${us(a)} vs floor ${us(b)} = ${ratio(a, b)}${alsoPm2(w, cpu, us)}` : 'not run',
      ok: ran ? a <= limit * b : null,
    });
  }
  const rssRows = ['W1', 'W2', 'W3'].map((w) => ({ w, pm: of(w, 'pm1'), floor: of(w, 'floor') })).filter((x) => x.pm.length && x.floor.length);
  const rssRatios = rssRows.map((x) => ({ w: x.w, a: med(x.pm, rss), b: med(x.floor, rss) }));
  goals.push({
    goal: `peak RSS ≤ ${FLOOR_GOALS.peakRss}× the floor (PostMortem ×1, each of W1–W3)`,
    measured: rssRatios.length ? rssRatios.map((x) => `${x.w} ${mb(x.a)} vs ${mb(x.b)} = ${ratio(x.a, x.b)}`).join('; ') : 'not run',
    ok: rssRatios.length ? rssRatios.every((x) => x.a <= FLOOR_GOALS.peakRss * x.b) : null,
  });
  return goals;
}

/** Goal checks from the results of one run. */
export function evaluateGoals(results) {
  const goals = [];
  for (const w of ['W1', 'W2', 'W3']) {
    const rows = results.steady.filter((r) => r.workload === w);
    // Like for like: two instances + Redis on both sides; one instance of ours when that is all that ran.
    const pm = rows.find((r) => r.system === 'pm2') ?? rows.find((r) => r.system === 'pm1');
    const hp = rows.find((r) => r.system === 'hp2');
    const clean = cleanRun;
    const pmRounds = pm ? roundsOf(results, w, pm.system) : [];
    const hpRounds = hp ? roundsOf(results, w, 'hp2') : [];
    const pmP99 = median(pmRounds.map((r) => r.latency.all.p99));
    const hpP99 = median(hpRounds.map((r) => r.latency.all.p99));
    const each = (rs) => rs.map((r) => num(r.latency.all.p99)).join(' / ');
    const many = pmRounds.length > 1 || hpRounds.length > 1;
    const ok = pm && hp ? pmP99 <= GOALS.p99Ratio * hpP99 && pmRounds.every(clean) : null;
    const label = pm?.system === 'pm2' ? 'PM×2' : 'PM×1';
    goals.push({
      goal: `${w}: p99 ≤ ½ of Hocuspocus ×2 + Redis, 100 % delivery, no gaps`,
      measured: pm && hp
        ? (many
          ? `median of ${pmRounds.length} rounds: ${label} p99 ${num(pmP99)} ms (${each(pmRounds)}) vs HP×2 ${num(hpP99)} ms (${each(hpRounds)}) = ${ratio(pmP99, hpP99)}`
          : `${label} p99 ${num(pmP99)} ms vs HP×2 ${num(hpP99)} ms = ${ratio(pmP99, hpP99)}`)
          + `; delivery ${pct(Math.min(...pmRounds.map((r) => r.delivery.ratio)))}, gaps ${pmRounds.reduce((n, r) => n + r.delivery.gaps + r.delivery.seqGaps, 0)}`
        : 'not run',
      ok,
    });
  }
  // Judged for each PostMortem deployment that ran: one instance, and two instances + Redis.
  const ramps = ['pm1', 'pm2'].map((system) => results.ramp.find((r) => r.system === system)).filter(Boolean);
  for (const ramp of ramps.length ? ramps : [null]) {
    goals.push({
      goal: `W5: ≥ ${int(GOALS.deliveriesPerInstance)} deliveries/s per instance before p99 passes 100 ms${ramp ? ` (${ramp.label})` : ''}`,
      measured: !ramp ? 'not run' : ramp.best
        ? `${ramp.label}: ${int(ramp.best.deliveriesPerSecPerInstance)} deliveries/s per instance at p99 ${num(ramp.best.p99)} ms${ramp.limitReached ? '' : ' (limit not reached)'}`
        : `${ramp.label}: p99 was above 100 ms already at the first step (${int(ramp.steps[0]?.deliveriesPerSecPerInstance)} deliveries/s per instance, p99 ${num(ramp.steps[0]?.p99)} ms)`,
      ok: ramp ? (ramp.best?.deliveriesPerSecPerInstance ?? 0) >= GOALS.deliveriesPerInstance : null,
    });
    const last = goals[goals.length - 1];
    if (ramp?.best && !ramp.limitReached && !last.ok) {
      // The ramp's top rate did not load this deployment to its limit: nothing was judged.
      last.ok = null;
      last.verdict = '– not reached: the ramp ended below this deployment\'s limit';
    }
  }
  const idle = results.idle.find((r) => r.system === 'pm1');
  goals.push({
    goal: `≤ ${kb(GOALS.idleBytes)} server memory per idle connection`,
    measured: idle ? `${kb(idle.perConnectionBytes)} per connection (RSS growth from ${int(idle.connections)} to ${int(2 * idle.connections)} idle joined clients); all-in with boards, sign-up and garbage: ${kb(idle.allInPerConnectionBytes)}` : 'not run',
    ok: idle ? idle.perConnectionBytes <= GOALS.idleBytes : null,
  });
  // A cold join loads the board on an instance that does not hold it (restarted, then warmed on another board);
  // the server reports its own time for the Join call. Judged on every PostMortem deployment that ran.
  const colds = ['pm1', 'pm2'].map((system) => results.cold.find((r) => r.system === system)).filter(Boolean);
  for (const cold of colds.length ? colds : [null]) {
    const serverMs = cold?.first?.serverMs ?? null;
    goals.push({
      goal: `cold join of a ${cold?.notes ?? 500}-note board ≤ ${GOALS.coldJoinMs} ms server time${cold ? ` (${cold.label})` : ''}`,
      measured: !cold ? 'not run' : serverMs != null
        ? `${cold.label}: first (cold) join ${num(serverMs)} ms on the server (board loaded from its snapshot and the log); later joins p50 / p95 ${num(cold.rest.server?.p50)} / ${num(cold.rest.server?.p95)} ms; Join call seen by the client ${num(cold.first?.joinMs)} ms; snapshot ${kb(cold.first?.resultBytes)}`
        : `${cold.label}: the server reported no time; Join call seen by the client ${num(cold.first?.joinMs)} ms`,
      ok: cold ? serverMs != null && serverMs <= GOALS.coldJoinMs : null,
    });
  }
  const fo = results.failover.find((r) => r.system === 'pm2');
  goals.push({
    goal: `after SIGKILL of one instance under W3 load, all its clients reconnected and converged ≤ ${GOALS.failoverS} s`,
    measured: fo ? `${int(fo.converged)}/${int(fo.affected)} converged in ${num(fo.convergeS)} s; ${fo.finalViews.sameView}/${fo.finalViews.boards} boards with one view` : 'not run',
    ok: fo ? fo.convergeS !== null && fo.convergeS <= GOALS.failoverS && fo.finalViews.sameView === fo.finalViews.boards : null,
  });
  return goals;
}

const describe = (w) => (w ? `${w.boards} board(s) × ${w.participants} participants × ${w.rateHz} commands/s${w.cursorHz ? ` + cursors at ${w.cursorHz} Hz` : ''}` : '');

export function renderReport(results, findings = '') {
  const m = results.machine;
  const cfg = results.config;
  const out = [];
  out.push('# Benchmarks');
  out.push('');
  out.push('PostMortem against the floor (a bare SignalR broadcast of the same protocol shape, `tests/load/floor`) and real collaboration servers — Hocuspocus ×2 + Redis and y-websocket — with the same load tool, workloads and run. Generated by the load tool in `tests/load`; do not edit by hand.');
  out.push('');
  out.push(`- Command: \`${results.command}\``);
  out.push(`- Date: ${results.startedAt} (took ${num(results.durationS / 60, 1)} min)`);
  out.push(`- Commit: ${m.gitCommit ?? '?'} on ${m.gitBranch ?? '?'}${m.gitDirty ? ' (with uncommitted changes)' : ''}`);
  out.push(`- Machine: ${m.nproc} cores, ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}`);
  out.push(`- Software: .NET SDK ${m.dotnet ?? '?'} (ASP.NET Core runtime ${m.dotnetRuntime ?? '?'}), Node ${m.node}, redis-server ${m.redis ?? '?'}, ${Object.entries(results.peers ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(`- Load average (1/5/15 min): ${m.loadAverageAtStart.join(' / ')} at start, ${(results.loadAverageAtEnd ?? []).join(' / ')} at end — the machine is shared; a high load average inflates every system's tail.`);
  out.push(`- Mode: ${cfg.quick ? '**quick (smoke) — short windows, smaller shapes; not for conclusions**' : 'full'}; ${cfg.agents} load agent processes; PostMortem clients: ${cfg.pmClient === 'official' ? '@microsoft/signalr (JSON)' : cfg.pmClient === 'msgpack' ? '@microsoft/signalr with the MessagePack hub protocol' : 'the lean SignalR JSON client of the tool'}; measurement windows ${cfg.steadyS} s after ${cfg.warmupS} s warm-up${(cfg.rounds ?? 1) > 1 ? `; W1 and W2 in ${cfg.rounds} rounds (every system once per round, in turn; goals on each system's median p99)` : ''}.`);
  out.push('');
  out.push('## Goals');
  out.push('');
  out.push(table(['goal', 'measured (this run)', 'verdict'], evaluateGoals(results).map((g) => [g.goal, g.measured, g.verdict ?? verdict(g.ok)])));
  out.push('');
  if ([...results.steady, ...(results.steadyRounds ?? [])].some((r) => r.system === 'floor')) {
    out.push('### Against the floor');
    out.push('');
    out.push('The floor is `tests/load/floor`: a bare SignalR server of the same protocol shape (create/join over HTTP, hub `Join`/`Submit`, an `entry` per command stamped with a per-board seq and sent to the board\'s group under a per-board lock, presence coalesced per board) with no storage, no rules, no validation. The same clients drive it.');
    out.push('');
    out.push(table(['goal', 'measured (this run)', 'verdict'], evaluateFloorGoals(results).map((g) => [g.goal, g.measured, verdict(g.ok)])));
    out.push('');
  }
  if (findings.trim()) {
    out.push(findings.trim());
    out.push('');
  }
  for (const w of ['W1', 'W2', 'W3']) {
    const rows = results.steady.filter((r) => r.workload === w);
    if (!rows.length) continue;
    out.push(`## ${w} — ${describe(cfg.workloads?.[w])}`);
    out.push('');
    out.push(steadyTable(rows));
    out.push('');
    const systems = rows.map((r) => r.system);
    const rounds = Math.max(...systems.map((sys) => roundsOf(results, w, sys).length));
    if (rounds > 1) {
      out.push(`p99 (ms) in each round (the table above is round 1; the goal takes each system's median):`);
      out.push('');
      out.push(table(['round', ...rows.map((r) => r.label)], Array.from({ length: rounds }, (_, i) => [
        String(i + 1), ...systems.map((sys) => { const r = roundsOf(results, w, sys).find((x) => (x.round ?? 1) === i + 1); return r ? num(r.latency.all.p99) : '–'; }),
      ]).concat([['median', ...systems.map((sys) => num(median(roundsOf(results, w, sys).map((r) => r.latency.all.p99))))]])));
      out.push('');
    }
  }
  if (results.ramp.length) {
    out.push(`## W5 — ramp until p99 > ${results.ramp[0].limitMs} ms`);
    out.push('');
    out.push(rampSection(results.ramp));
  }
  if (results.cold.length) {
    out.push('## Cold join of a board holding 500 notes');
    out.push('');
    out.push(coldTable(results.cold));
    out.push('');
  }
  if (results.idle.length) {
    out.push('## Memory per idle connection');
    out.push('');
    out.push(idleTable(results.idle));
    out.push('');
  }
  if (results.failover.length) {
    out.push('## Failover: SIGKILL one of two instances under W3 load');
    out.push('');
    out.push(failoverTable(results.failover));
    out.push('');
  }
  if (results.errors?.length) {
    out.push('## Runs that failed');
    out.push('');
    for (const e of results.errors) out.push(`- ${e.what}: ${e.error.split('\n')[0]}`);
    out.push('');
  }
  out.push('## How it is measured');
  out.push('');
  out.push(METHOD);
  return `${out.join('\n')}\n`;
}

const METHOD = `- **One tool, one run, every system.** \`tests/load\` (Node, ESM) starts each system fresh for each workload — its server processes, and a real \`redis-server\` (AOF, \`appendfsync everysec\`) on a free loopback port for the two-instance set-ups — drives it from load-agent child processes, and stops everything it started (also on error or Ctrl-C). Loopback only.
- **Clients.** PostMortem: the documented protocol — \`POST /api/boards\`, \`POST /api/boards/{id}/join\`, then the SignalR JSON hub at \`/hubs/board\` (WebSocket, \`Join\`, \`Submit\`, \`Presence\`; entries arrive as \`entry\` messages). Hocuspocus and y-websocket: y-protocols over a WebSocket exactly as their providers frame it; the board is a \`Y.Doc\` with a \`Y.Map\` of note \`Y.Map\`s. Each participant first adds its notes, then edits their text (PostMortem: \`addNote\` / \`editNote\` commands; Yjs: the same change in a transaction). Participants of a board alternate between the instances, so every board spans both.
- **The floor** (\`tests/load/floor\`, ASP.NET Core, the same runtime settings and bench environment as PostMortem's server): \`POST /api/boards\` and \`/join\` hand out an id and an unsigned token; the hub's \`Join\` adds the connection to the board's SignalR group and answers with the board's seq; \`Submit\` takes the board's lock, stamps the next seq and sends one \`entry\` (seq, time, actor, clientOpId, the command echoed) to the group, and acknowledges; \`Presence\` keeps each participant's latest cursor and a timer sends each board's batch every 50 ms. Nothing is stored, checked or decided. Driven by the same PostMortem clients; "÷ floor" columns and goals divide by it.
- **Latency** is measured per delivery: the sender stamps \`<sender>:<n>:<monotonic µs>\` into the operation (PostMortem: its \`clientOpId\`; Yjs: the note text) and every other participant of the board records \`arrival − send\` when the \`entry\` message is handled (PostMortem) or in its \`observeDeep\` callback after applying the update (Yjs). CLOCK_MONOTONIC is shared by all processes of the machine, so sender and receiver may be different agents. Percentiles come from a log-linear histogram (≤ 0.2 % error). Only operations sent inside the measurement window are counted; the window starts after the warm-up.
- **Delivery**: per receiver and sender, operation numbers must arrive exactly once and in order (gaps, duplicates); PostMortem clients also check the board's \`seq\` continuity. Expected deliveries = Σ operations × (board members − 1). Yjs merges updates when instances sync through Redis: an older edit of a note overwritten by a newer one in the same merged update is counted as *superseded* (delivered as part of the newer state), not lost.
- **Runtime settings.** PostMortem: Release build with the project's own runtime settings (workstation GC, no quick JIT, Kestrel inline scheduling — see the findings), \`ASPNETCORE_ENVIRONMENT=Production\`, \`DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0\` (no thread-pool spin-waiting: on two shared cores it burned ~10 % of a core idle) and \`DOTNET_GCgen0size=400000\` (a 4 MB gen0 budget instead of one sized from the 260 MB L3 cache; the floor gets both too), log level Warning, \`Limits:HttpWritesPerMinute=0\` (the per-address sign-up limit; every bench client is 127.0.0.1), everything else default — the embedded log journals every entry to SQLite (WAL, synchronous=FULL: an fsync per commit) before delivering it; two instances use the Redis log. Hocuspocus and y-websocket: \`NODE_ENV=production\`, documents in memory (no persistence extension), Hocuspocus with \`@hocuspocus/extension-redis\`.
- **CPU and memory** from \`/proc/<pid>/stat\` (utime + stime over the window) and \`/proc/<pid>/status\` (VmRSS sampled every 250 ms, VmHWM) of the server processes the tool started; the load agents are measured the same way and shown so a saturated load generator is visible.
- **W5**: PostMortem's per-participant command limit (\`Limits:CommandsPerSecond\` 20/s, burst 40) is raised to 100/s, burst 200, for this ramp only — it measures the instance, not the limit. After an unmeasured warm-up (notes added, code compiled) the shape stays fixed and the per-participant rate rises each step; a step passes while its p99 ≤ 100 ms and ≥ 99.9 % of its deliveries arrived; a failing step is measured once more before the ramp stops (one neighbour's burst on the shared machine should not end it). Deliveries/s per instance = arrivals in the window ÷ window ÷ instances.
- **Cold join**: a board with 500 notes (PostMortem: one \`importTimeline\` command or 500 \`addNote\`s; Yjs: 500 transactions), then new clients join one at a time on the instance that did not seed it (one instance: the same one). PostMortem: before the joins that instance is restarted (it snapshots its boards on the way down) and serves a small warm-up board, so the first join loads the 500-note board from its snapshot and the log on a running server; the server's own time for each Join comes back in the result (\`serverMs\`). Client-side times for every system.
- **Idle memory**: a warmed-up server signs up 2N participants on boards of 10; N of them connect and join, RSS settles (median of 8 readings), the other N connect and join, RSS settles again: (RSS with 2N − RSS with N) ÷ N is the cost of one idle joined connection with the garbage collector in the same state both times. The all-in figure divides all growth since the warmed-up server (boards, sign-up, garbage not yet collected) by 2N.
- **Failover**: the W3 shape on two instances with Redis; after the warm-up one instance gets SIGKILL; its clients reconnect to the other (PostMortem: \`Join\` with \`lastSeq\`, then unacknowledged commands are resubmitted with their \`clientOpId\`; Yjs: a fresh sync). Converged = reconnected, caught up and own pending changes acknowledged (PostMortem) / synced (Yjs). At the end every board is checked for one view (same last seq / same state vector on every client).
- The machine's two cores are shared by the servers, Redis and the load agents, so absolute numbers are low and noisy; the ratios from the same run are the point.`;
