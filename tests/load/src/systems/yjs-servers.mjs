// Starts the Yjs peers: Hocuspocus (one or two instances, Redis extension when two) and
// y-websocket's own server (one instance; it has no scale-out).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, stopProcess, waitForPort } from '../lib/processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export async function startHocuspocus({ instances, redisPort }) {
  const script = path.join(here, '../servers/hocuspocus-server.mjs');
  const out = [];
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const name = `hocuspocus-${i}`;
    const args = [script, String(port)];
    if (redisPort) args.push(String(redisPort));
    const child = startProcess(name, process.execPath, args, { env: { ...process.env, NODE_ENV: 'production' } });
    await waitForPort(port, { child, timeoutMs: 20000 });
    out.push({ name, port, pid: child.pid, child, url: `ws://127.0.0.1:${port}` });
  }
  return { system: 'hocuspocus', instances: out, async stop() { await Promise.all(out.map((i) => stopProcess(i.child))); } };
}

export async function startYWebsocket() {
  const script = path.join(path.dirname(require.resolve('y-websocket/package.json')), 'bin/server.cjs');
  const port = await freePort();
  const name = 'y-websocket-0';
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' };
  delete env.YPERSISTENCE; // in memory, like Hocuspocus here
  const child = startProcess(name, process.execPath, [script], { env });
  await waitForPort(port, { child, timeoutMs: 20000 });
  const inst = { name, port, pid: child.pid, child, url: `ws://127.0.0.1:${port}` };
  return { system: 'ywebsocket', instances: [inst], async stop() { await stopProcess(child); } };
}
