// Starts the real PostMortem server for the browser tests: built once (which builds the Blazor UI with it), run from
// its dll on a free loopback port with a throwaway data folder, stopped (whole process group) at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const projectDir = join(repoRoot, 'src', 'PostMortem.Server');
// infra/test.sh has built the whole solution in Release already: it sets PM_E2E_SKIP_BUILD=1 and
// PM_E2E_CONFIGURATION=Release so the browser tests run that build instead of building again.
const configuration = process.env.PM_E2E_CONFIGURATION ?? 'Debug';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export function buildServer(): void {
  if (process.env.PM_E2E_SKIP_BUILD === '1') return;
  const args = ['build', projectDir, '-c', configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly'];
  // A NuGet restore here can spend minutes on unreachable feeds; skip it while its result is current.
  if (restoreIsCurrent()) args.push('--no-restore');
  const result = spawnSync('dotnet', args, { stdio: 'inherit', cwd: repoRoot });
  if (result.status !== 0) throw new Error(`dotnet build failed (${result.status})`);
}

/** The server's assets file is newer than every project and package-version file it was restored from. */
function restoreIsCurrent(): boolean {
  if (process.env.PM_E2E_RESTORE === '1') return false;
  const assets = join(projectDir, 'obj', 'project.assets.json');
  if (!existsSync(assets)) return false;
  const restoredAt = statSync(assets).mtimeMs;
  const inputs = [join(repoRoot, 'Directory.Packages.props'), join(repoRoot, 'Directory.Build.props')];
  for (const parent of ['src', 'web']) {
    const folder = join(repoRoot, parent);
    for (const dir of readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      for (const file of readdirSync(join(folder, dir))) if (file.endsWith('.csproj') || file.endsWith('.props')) inputs.push(join(folder, dir, file));
    }
  }
  return inputs.every((f) => !existsSync(f) || statSync(f).mtimeMs < restoredAt);
}

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  dataDir: string;
}

export interface StartOptions {
  /** The folder holding PostMortem.Server.dll; the build output of the chosen configuration by default. */
  appDir?: string;
  environment?: string;
  port?: number;
}

/** Starts the server from a build (static web assets found through the build's manifest) or from a publish folder. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'pm-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const appDir = options.appDir ?? join(projectDir, 'bin', configuration, 'net10.0');
  const dll = join(appDir, 'PostMortem.Server.dll');
  if (!existsSync(dll)) throw new Error(`${dll} is missing: build the server first (dotnet build src/PostMortem.Server -c ${configuration})`);
  // A build runs with the project folder as content root (appsettings.json, the static web assets manifest's paths);
  // a publish folder is its own content root.
  const contentRoot = options.appDir ? appDir : projectDir;
  const child = spawn('dotnet', [dll, '--urls', baseUrl, '--contentRoot', contentRoot], {
    cwd: contentRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: options.environment ?? 'Development', Data__Folder: dataDir, DOTNET_NOLOGO: '1' },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopServer({ process: child, dataDir });
      throw new Error(`server did not become healthy in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, process: child, dataDir };
}

export function stopServer(server: { process: ChildProcess | number; dataDir: string }): void {
  const pid = typeof server.process === 'number' ? server.process : server.process.pid;
  if (pid) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}
