// One Hocuspocus instance as its documentation sets it up for scale-out: @hocuspocus/server with
// @hocuspocus/extension-redis on a shared redis-server. No persistence extension (the documents
// live in memory and in the other instance), no authentication hook (any token is accepted).
// Usage: node hocuspocus-server.mjs <port> [redisPort]
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2]);
const redisPort = process.argv[3] ? Number(process.argv[3]) : null;

const server = new Server({
  name: `bench-${port}`,
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: redisPort ? [new Redis({ host: '127.0.0.1', port: redisPort })] : [],
});

await server.listen();
console.log(`hocuspocus listening on 127.0.0.1:${port}${redisPort ? ` (redis ${redisPort})` : ''}`);
