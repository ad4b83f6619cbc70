// A real redis-server on a free loopback port, configured like production (AOF, appendfsync
// everysec; ARCHITECTURE.md), in a throw-away directory. Shared by every system that needs Redis.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startProcess, stopProcess, waitForPort } from './processes.mjs';

export async function startRedis(name = 'redis') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pm-bench-redis-'));
  const port = await freePort();
  const child = startProcess(name, 'redis-server', [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--protected-mode', 'yes',
    '--maxclients', '10000',
  ]);
  await waitForPort(port, { timeoutMs: 10000, child });
  return {
    name,
    port,
    child,
    pid: child.pid,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
