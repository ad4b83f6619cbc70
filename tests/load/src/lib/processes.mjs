// Every process the tool starts is registered here and stopped by it: on normal exit, on error, on
// SIGINT/SIGTERM. Stopping is by pid, SIGTERM first, SIGKILL after a grace period.
import { spawn, fork } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sleep } from './clock.mjs';

const children = new Set();
let logDir = null;

export function setLogDir(dir) {
  mkdirSync(dir, { recursive: true });
  logDir = dir;
}

function track(child, name) {
  child.benchName = name;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function pipeLogs(child, name) {
  if (!logDir) {
    child.stdout?.resume();
    child.stderr?.resume();
    return;
  }
  const out = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
}

/** Starts a server-like process whose output goes to <logDir>/<name>.log. */
export function startProcess(name, command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  pipeLogs(child, name);
  track(child, name);
  child.exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

/** Forks a Node module with an IPC channel (load agents). */
export function forkModule(name, modulePath, args = [], options = {}) {
  const child = fork(modulePath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], ...options });
  pipeLogs(child, name);
  track(child, name);
  child.exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

export function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

/** Stops one child: SIGTERM, then SIGKILL after graceMs. Resolves when it has exited. */
export async function stopProcess(child, graceMs = 3000) {
  if (!child || !isRunning(child)) return;
  child.kill('SIGTERM');
  const exited = await Promise.race([child.exitPromise.then(() => true), sleep(graceMs).then(() => false)]);
  if (!exited && isRunning(child)) {
    child.kill('SIGKILL');
    await Promise.race([child.exitPromise, sleep(graceMs)]);
  }
}

/** SIGKILL now (the failover scenario), resolved when the process is gone. */
export async function killProcess(child) {
  if (!isRunning(child)) return;
  child.kill('SIGKILL');
  await Promise.race([child.exitPromise, sleep(5000)]);
}

export async function stopAll() {
  await Promise.all([...children].map((c) => stopProcess(c)));
}

let installed = false;
/** Makes sure nothing outlives the tool, whatever way it ends. */
export function installCleanup() {
  if (installed) return;
  installed = true;
  const onSignal = (signal) => {
    process.stderr.write(`\n[bench] ${signal}: stopping ${children.size} process(es)\n`);
    stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Last resort: 'exit' handlers run synchronously, so only a kill can be sent here.
  process.once('exit', () => {
    for (const c of children) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once a TCP connection to port succeeds; rejects after timeoutMs or if child exits. */
export async function waitForPort(port, { timeoutMs = 30000, child = null } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !isRunning(child)) throw new Error(`${child.benchName} exited before listening on ${port}`);
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} not listening after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Resolves once GET url answers 2xx; rejects after timeoutMs or if child exits. */
export async function waitForHttp(url, { timeoutMs = 60000, child = null } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !isRunning(child)) throw new Error(`${child.benchName} exited before answering ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not answering after ${timeoutMs} ms`);
    await sleep(200);
  }
}
