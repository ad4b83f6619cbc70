// Bytes a server sent on its client sockets, from the kernel's TCP counters (`ss -ti`: tcp_info's bytes_sent):
// protocol-agnostic, so JSON and MessagePack, SignalR and Yjs are counted the same way — WebSocket and TCP payload,
// every message (entries, acks, presence, pings). Linux only; null where `ss` is missing or fails.
import { execFile } from 'node:child_process';

/** Parses `ss -tinH` output into { localPort, bytesSent } per socket. Exported for tests. */
export function parseSs(text) {
  const sockets = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      // "Recv-Q Send-Q Local:Port Peer:Port" (state omitted when filtered by state).
      const fields = line.trim().split(/\s+/);
      const local = fields.find((f, i) => i >= 2 && /:\d+$/.test(f));
      current = { localPort: local ? Number(local.slice(local.lastIndexOf(':') + 1)) : null, bytesSent: 0 };
      sockets.push(current);
    } else if (current) {
      const m = /\bbytes_sent:(\d+)/.exec(line);
      if (m) current.bytesSent = Number(m[1]);
    }
  }
  return sockets;
}

/** Sum of bytes_sent over established sockets whose local port is one of `ports` (the servers' listening ports). */
export function serverBytesSent(ports) {
  if (!ports.length) return Promise.resolve(null);
  const filter = `( ${ports.map((p) => `sport = :${p}`).join(' or ')} )`;
  return new Promise((resolve) => {
    execFile('ss', ['-tinH', 'state', 'established', filter], { maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(null);
      const wanted = new Set(ports);
      resolve(parseSs(stdout).filter((s) => wanted.has(s.localPort)).reduce((sum, s) => sum + s.bytesSent, 0));
    });
  });
}
