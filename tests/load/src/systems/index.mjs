// The systems under test, each behind one shape:
//   start(options) -> { key, label, instances: [{ name, pid, url }], processes: [{ name, pid, role }],
//                       prepare(boards) -> participant specs, kill(i), stop() }
// `boards` is [{ boardId, participants: [{ id, instance }] }]; prepare returns the specs the load
// agents need (tokens, URLs), doing whatever the system needs first (HTTP sign-up for PostMortem).
import { startRedis } from '../lib/redis.mjs';
import { killProcess } from '../lib/processes.mjs';
import { startHocuspocus, startYWebsocket } from './yjs-servers.mjs';
import { startFloor } from './floor.mjs';
import { startPostMortem } from './postmortem.mjs';

export const SYSTEMS = {
  pm1: { label: 'PostMortem ×1', family: 'postmortem', instances: 1, redis: false },
  pm2: { label: 'PostMortem ×2 + Redis', family: 'postmortem', instances: 2, redis: true },
  hp2: { label: 'Hocuspocus ×2 + Redis', family: 'hocuspocus', instances: 2, redis: true },
  hp1: { label: 'Hocuspocus ×1', family: 'hocuspocus', instances: 1, redis: false },
  yws1: { label: 'y-websocket ×1', family: 'ywebsocket', instances: 1, redis: false },
  // A bare SignalR broadcast of PostMortem's protocol shape (tests/load/floor): the cheapest server the same
  // clients can drive. Its participants are PostMortem clients; it has no storage, so no cold join or failover.
  floor: { label: 'Floor ×1', family: 'floor', instances: 1, redis: false },
};

export async function startSystem(key, options) {
  const def = SYSTEMS[key];
  if (!def) throw new Error(`unknown system ${key}`);
  const redis = def.redis ? await startRedis(`redis-${key}`) : null;
  let inner;
  try {
    if (def.family === 'postmortem') inner = await startPostMortem({ instances: def.instances, redisPort: redis?.port ?? null, ...options.postmortem });
    else if (def.family === 'floor') inner = await startFloor(options.postmortem);
    else if (def.family === 'hocuspocus') inner = await startHocuspocus({ instances: def.instances, redisPort: redis?.port ?? null });
    else inner = await startYWebsocket();
  } catch (err) {
    await redis?.stop();
    throw err;
  }
  const processes = inner.instances.map((i) => ({ name: i.name, pid: i.pid, role: 'server' }));
  if (redis) processes.push({ name: redis.name, pid: redis.pid, role: 'redis' });
  return {
    key,
    label: def.label,
    family: def.family,
    instances: inner.instances,
    processes,
    async prepare(boards, prepOptions = {}) {
      if (inner.prepare) return inner.prepare(boards, prepOptions);
      const urls = inner.instances.map((i) => i.url);
      return boards.flatMap((b) => b.participants.map((p) => ({ ...p, system: def.family, boardId: b.boardId, urls })));
    },
    seedNotes: inner.seedNotes?.bind(inner),
    restart: inner.restart?.bind(inner),
    async kill(i) {
      await killProcess(inner.instances[i].child);
    },
    async stop() {
      await inner.stop();
      await redis?.stop();
    },
  };
}
