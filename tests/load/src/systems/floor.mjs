// The floor (tests/load/floor): a bare SignalR broadcast server of PostMortem's protocol shape — create/join over
// HTTP, hub Join/Submit/Presence, a per-board seq stamped and sent under a per-board lock — and nothing else (no
// storage, rules, validation or tokens). The same PostMortem clients drive it, so "÷ floor" is what the board adds.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, startProcess, stopProcess, waitForHttp } from '../lib/processes.mjs';
import { prepareBoards } from './postmortem.mjs';
import { DOTNET_RUNTIME_ENV } from './runtime-env.mjs';

export function floorDll(repoRoot) {
  return path.join(repoRoot, 'tests/load/floor/bin/Release/net10.0/PostMortem.Floor.dll');
}

export async function startFloor({ repoRoot }) {
  const dll = floorDll(repoRoot);
  if (!existsSync(dll)) throw new Error(`${dll} not found: build first (dotnet build tests/load/floor -c Release)`);
  const port = await freePort();
  const name = 'floor-0';
  // The runtime environment PostMortem gets from the bench (systems/postmortem.mjs), minus what only it reads.
  const env = { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...DOTNET_RUNTIME_ENV };
  const child = startProcess(name, 'dotnet', [dll, '--urls', `http://127.0.0.1:${port}`], { env, cwd: path.dirname(dll) });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { child, timeoutMs: 60000 });
  const list = [{ name, port, pid: child.pid, child, http: `http://127.0.0.1:${port}`, url: `ws://127.0.0.1:${port}/hubs/board` }];
  return {
    instances: list,
    prepare: (boards, { concurrency = 16 } = {}) => prepareBoards(list, boards, { concurrency, phase: 'timeline' }),
    async stop() {
      await stopProcess(child);
    },
  };
}
