// What the report says about the machine and the build measured.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const run = (cmd, args, cwd) => {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 }).trim();
  } catch {
    return null;
  }
};

export function cpuModel() {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    return m ? m[1].trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export function osName() {
  try {
    const m = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?$/m);
    return `${m ? m[1] : os.type()} (kernel ${os.release()})`;
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

export function loadAverage() {
  return os.loadavg().map((x) => Number(x.toFixed(2)));
}

export function machineInfo(repoRoot) {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: cpuModel(),
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: osName(),
    dotnet: run('dotnet', ['--version']),
    dotnetRuntime: (run('dotnet', ['--list-runtimes']) ?? '').split('\n').filter((l) => l.startsWith('Microsoft.AspNetCore.App')).map((l) => l.split(' ')[1]).pop() ?? null,
    node: process.version,
    redis: (run('redis-server', ['--version']) ?? '').match(/v=(\S+)/)?.[1] ?? null,
    gitCommit: run('git', ['rev-parse', '--short=12', 'HEAD'], repoRoot),
    gitBranch: run('git', ['rev-parse', '--abbrev-ref', 'HEAD'], repoRoot),
    gitDirty: (run('git', ['status', '--porcelain', '--untracked-files=no'], repoRoot) ?? '') !== '',
    loadAverageAtStart: loadAverage(),
  };
}
