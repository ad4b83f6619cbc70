// The same connection surface as HubConnection (signalr-client.mjs), backed by the official
// @microsoft/signalr client (WebSockets, no negotiate). Selected with --pm-client official, to check
// that the lean client does not flatter the numbers, or --pm-client msgpack: the same client speaking the
// MessagePack hub protocol (@microsoft/signalr-protocol-msgpack), to measure what it changes.
import signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

export class OfficialHubConnection {
  constructor(url, { invokeTimeoutMs = 30000, msgpack = false } = {}) {
    const u = new URL(url);
    const token = u.searchParams.get('access_token');
    u.searchParams.delete('access_token');
    this.invokeTimeoutMs = invokeTimeoutMs;
    let builder = new signalR.HubConnectionBuilder()
      .withUrl(u.toString().replace(/^ws/, 'http'), {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => token,
      })
      .configureLogging(signalR.LogLevel.None);
    if (msgpack) builder = builder.withHubProtocol(new MessagePackHubProtocol());
    this.conn = builder.build();
    // The hub's keep-alive contract (Core's HubTimeouts): ping every 2 s; the server drops a client silent for 5 s.
    this.conn.keepAliveIntervalInMilliseconds = 2000;
    this.conn.serverTimeoutInMilliseconds = 5000;
    this.closed = false;
    this.onclose = null;
    this.conn.onclose((err) => {
      const was = this.closed;
      this.closed = true;
      if (!was && this.onclose) this.onclose(err ?? new Error('closed'));
    });
  }

  on(target, handler) {
    this.conn.on(target, handler);
  }

  async start(timeoutMs = 15000) {
    let timer;
    await Promise.race([
      this.conn.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('handshake timeout')), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return this;
  }

  invoke(target, ...args) {
    let timer;
    return Promise.race([
      this.conn.invoke(target, ...args),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${target} timed out`)), this.invokeTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  send(target, ...args) {
    this.conn.send(target, ...args).catch(() => {});
  }

  stop() {
    this.closed = true;
    this.conn.stop().catch(() => {});
  }

  terminate() {
    this.stop();
  }
}
