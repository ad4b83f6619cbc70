// Our server: one instance on its embedded local log, or several sharing a Redis log. Boards are
// created and joined over the documented HTTP API; the facilitator then moves the board to the
// Timeline phase (where participants add notes) over the hub.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startProcess, stopProcess, waitForHttp } from '../lib/processes.mjs';
import { HubConnection } from '../agent/signalr-client.mjs';
import { DOTNET_RUNTIME_ENV } from './runtime-env.mjs';

export function serverDll(repoRoot) {
  return path.join(repoRoot, 'src/PostMortem.Server/bin/Release/net10.0/PostMortem.Server.dll');
}

/**
 * Settings the bench gives every instance. The HTTP write limit is a per-address abuse guard; every
 * bench client comes from 127.0.0.1, so it is lifted (0 = none). Hub limits stay at their defaults.
 */
function benchEnvironment({ dataDir, redisPort, signingKey, extraEnv }) {
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Production',
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    Data__Folder: dataDir,
    Auth__SigningKey: signingKey,
    Limits__HttpWritesPerMinute: '0',
    Logging__LogLevel__Default: 'Warning',
    ...DOTNET_RUNTIME_ENV,
    ...extraEnv,
  };
  if (redisPort) env.ConnectionStrings__Redis = `127.0.0.1:${redisPort}`;
  return env;
}

export async function startPostMortem({ instances, redisPort, repoRoot, dll: dllOverride = null, extraEnv = {} }) {
  const dll = dllOverride ?? serverDll(repoRoot);
  if (!existsSync(dll)) throw new Error(`${dll} not found: build first (dotnet build src/PostMortem.Server -c Release)`);
  const signingKey = 'bench-signing-key-0123456789abcdef0123456789abcdef';
  const root = mkdtempSync(path.join(os.tmpdir(), 'pm-bench-server-'));
  const list = [];
  const startOne = async (i, reusePort = null) => {
    const port = reusePort ?? (await freePort());
    const name = `postmortem-${i}`;
    const dataDir = path.join(root, `instance-${i}`);
    const env = benchEnvironment({ dataDir, redisPort, signingKey, extraEnv });
    const child = startProcess(name, 'dotnet', [dll, '--urls', `http://127.0.0.1:${port}`, '--contentRoot', path.join(repoRoot, 'src/PostMortem.Server')], { env, cwd: root });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child, timeoutMs: 60000 });
    return { name, port, pid: child.pid, child, http: `http://127.0.0.1:${port}`, url: `ws://127.0.0.1:${port}/hubs/board` };
  };
  for (let i = 0; i < instances; i++) list.push(await startOne(i));

  return {
    instances: list,
    async prepare(boards, { concurrency = 16, phase = 'timeline' } = {}) {
      return prepareBoards(list, boards, { concurrency, phase });
    },
    seedNotes: (spec, count) => seedNotes(spec, count),
    /** Stops instance i gracefully (it snapshots its boards) and starts it again on the same port and data. */
    async restart(i) {
      await stopProcess(list[i].child);
      list[i] = await startOne(i, list[i].port);
    },
    async stop() {
      await Promise.all(list.map((i) => stopProcess(i.child)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function pool(items, limit, fn) {
  let i = 0;
  const out = new Array(items.length);
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k], k);
    }
  }));
  return out;
}

/**
 * Creates each board on the instance of its first participant (the facilitator), joins the others
 * on their own instance, and advances the board to the Timeline phase.
 */
export async function prepareBoards(instances, boards, { concurrency, phase }) {
  const urls = instances.map((i) => i.url);
  // Boards first (and their facilitators), then every participant's join in parallel across boards.
  const created = await pool(boards, concurrency, async (b) => {
    const first = b.participants[0];
    const c = await post(`${instances[first.instance].http}/api/boards`, {
      title: `Bench ${b.boardId}`,
      incidentAt: new Date(Date.now() - 3600_000).toISOString(),
      incidentType: 'deployment',
      severity: 2,
      facilitatorName: `Facilitator ${first.id}`,
    });
    return { b, c, facilitator: { ...first, system: 'postmortem', layoutBoardId: b.boardId, boardId: c.boardId, token: c.token, participantId: c.participantId, urls, role: 'facilitator' } };
  });
  const joins = created.flatMap(({ b, c }) => b.participants.slice(1).map((p) => ({ p, b, c })));
  const joined = await pool(joins, concurrency * 2, async ({ p, b, c }) => {
    const j = await post(`${instances[p.instance].http}/api/boards/${c.boardId}/join`, { joinCode: c.joinCode, name: `P ${p.id}` });
    return { ...p, system: 'postmortem', layoutBoardId: b.boardId, boardId: c.boardId, token: j.token, participantId: j.participantId, urls, role: 'participant' };
  });
  if (phase === 'timeline') await pool(created, concurrency, ({ facilitator }) => advanceToTimeline(facilitator));
  const byBoard = new Map(created.map(({ c, facilitator }) => [c.boardId, [facilitator]]));
  for (const s of joined) byBoard.get(s.boardId).push(s);
  return [...byBoard.values()].flat();
}

async function facilitatorHub(spec) {
  const hub = new HubConnection(`${spec.urls[spec.instance]}?access_token=${encodeURIComponent(spec.token)}`);
  await hub.start();
  const joined = await hub.invoke('Join', { boardId: spec.boardId });
  return { hub, joined };
}

let opCounter = 0;
const opId = (what) => `prep-${process.pid}-${++opCounter}-${what}`;

async function advanceToTimeline(spec) {
  const { hub, joined } = await facilitatorHub(spec);
  try {
    let phase = joined?.view?.meta?.phase ?? joined?.view?.phase;
    for (let i = 0; i < 3 && phase !== 'timeline'; i++) {
      const ack = await hub.invoke('Submit', { clientOpId: opId('advance'), command: { type: 'advancePhase' } });
      if (ack?.status !== 'accepted') throw new Error(`advancePhase: ${ack?.status} ${ack?.code ?? ''} ${ack?.message ?? ''}`);
      phase = 'timeline';
    }
  } finally {
    hub.stop();
  }
}

/**
 * Gives the board `count` notes. First as one ImportTimeline command (the pre-work paste, one line
 * per note); if the board refuses it, as AddNote commands spread over several connections so the
 * per-connection command rate limit is respected.
 */
async function seedNotes(spec, count) {
  const { hub } = await facilitatorHub(spec);
  try {
    const base = Date.parse('2026-03-03T16:00:00Z');
    const lines = Array.from({ length: count }, (_, i) => {
      const t = new Date(base + i * 60_000).toISOString().slice(0, 16).replace('T', ' ');
      return `${t} Seed note ${i}: the config flag was set after the deploy`;
    });
    const ack = await hub.invoke('Submit', { clientOpId: opId('import'), command: { type: 'importTimeline', text: lines.join('\n'), idPrefix: 'seed' } });
    if (ack?.status === 'accepted' && !(ack.importErrors?.length > 0)) return { method: 'importTimeline' };
  } finally {
    hub.stop();
  }
  const connections = 10;
  const perConnection = Math.ceil(count / connections);
  await Promise.all(Array.from({ length: connections }, async (_, c) => {
    const { hub: h } = await facilitatorHub(spec);
    try {
      for (let i = c * perConnection; i < Math.min(count, (c + 1) * perConnection); i += 15) {
        const started = performance.now();
        const n = Math.min(15, Math.min(count, (c + 1) * perConnection) - i);
        const acks = await Promise.all(Array.from({ length: n }, (_, k) => h.invoke('Submit', {
          clientOpId: opId(`seed${i + k}`),
          command: { type: 'addNote', noteId: `seed-${i + k}`, kind: 'event', text: `Seed note ${i + k}: the config flag was set after the deploy`, position: i + k },
        })));
        const bad = acks.find((a) => a?.status !== 'accepted');
        if (bad) throw new Error(`seeding: ${bad.status} ${bad.code ?? ''} ${bad.message ?? ''}`);
        const wait = (n / 18) * 1000 - (performance.now() - started); // under Limits:CommandsPerSecond
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    } finally {
      h.stop();
    }
  }));
  return { method: 'addNote' };
}
