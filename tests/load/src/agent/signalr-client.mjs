// A lean client for the SignalR JSON hub protocol over one WebSocket (no negotiate, as
// @microsoft/signalr does with skipNegotiation + WebSockets). Thousands of these run in one load
// agent, so it does the minimum: handshake, invocations with results, fire-and-forget sends,
// server-to-client messages, keep-alive pings.
import WebSocket from 'ws';

const RS = '\x1e';
const HANDSHAKE = `{"protocol":"json","version":1}${RS}`;
const PING = `{"type":6}${RS}`;
// Type values of the SignalR hub protocol.
const INVOCATION = 1;
const COMPLETION = 3;
const PING_TYPE = 6;
const CLOSE = 7;

export class HubConnection {
  /** url: ws://host:port/hubs/board?access_token=... */
  // keepAliveMs: the hub's keep-alive contract (Core's HubTimeouts): the server drops a client silent for 5 s.
  constructor(url, { keepAliveMs = 2000, invokeTimeoutMs = 30000 } = {}) {
    this.url = url;
    this.keepAliveMs = keepAliveMs;
    this.invokeTimeoutMs = invokeTimeoutMs;
    this.handlers = new Map();
    this.pending = new Map();
    this.nextId = 1;
    this.ws = null;
    this.closed = false;
    this.onclose = null;
    this.keepAlive = null;
  }

  on(target, handler) {
    this.handlers.set(target.toLowerCase(), handler);
  }

  /** Opens the socket and completes the handshake; rejects on any failure within timeoutMs. */
  start(timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      this.ws = ws;
      let handshaken = false;
      let buffer = '';
      const timer = setTimeout(() => {
        if (!handshaken) {
          ws.terminate();
          reject(new Error('handshake timeout'));
        }
      }, timeoutMs);
      ws.on('open', () => ws.send(HANDSHAKE));
      ws.on('message', (data) => {
        buffer += typeof data === 'string' ? data : data.toString('utf8');
        let sep;
        while ((sep = buffer.indexOf(RS)) >= 0) {
          const frame = buffer.slice(0, sep);
          buffer = buffer.slice(sep + 1);
          if (!handshaken) {
            handshaken = true;
            clearTimeout(timer);
            const hs = frame ? JSON.parse(frame) : {};
            if (hs.error) {
              ws.terminate();
              reject(new Error(`handshake: ${hs.error}`));
              return;
            }
            this.keepAlive = setInterval(() => this.rawSend(PING), this.keepAliveMs);
            resolve(this);
            continue;
          }
          this.dispatch(frame);
        }
      });
      ws.on('error', (err) => {
        if (!handshaken) {
          clearTimeout(timer);
          reject(err);
        }
      });
      ws.on('close', (code, reason) => {
        clearTimeout(timer);
        clearInterval(this.keepAlive);
        const wasClosed = this.closed;
        this.closed = true;
        const err = new Error(`connection closed (${code}${reason?.length ? ` ${reason}` : ''})`);
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(err);
        }
        this.pending.clear();
        if (!handshaken) reject(err);
        else if (!wasClosed && this.onclose) this.onclose(err);
      });
    });
  }

  dispatch(frame) {
    const msg = JSON.parse(frame);
    if (msg.type === COMPLETION) this.lastCompletionBytes = Buffer.byteLength(frame);
    switch (msg.type) {
      case INVOCATION: {
        const h = this.handlers.get(msg.target.toLowerCase());
        if (h) h(...msg.arguments);
        break;
      }
      case COMPLETION: {
        const p = this.pending.get(msg.invocationId);
        if (!p) break;
        this.pending.delete(msg.invocationId);
        clearTimeout(p.timer);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg.result);
        break;
      }
      case PING_TYPE:
        break;
      case CLOSE:
        this.ws.close();
        break;
      default:
        break;
    }
  }

  rawSend(text) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  /** Calls a hub method and resolves with its result. */
  invoke(target, ...args) {
    if (this.closed || !this.ws || this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('not connected'));
    const invocationId = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(invocationId);
        reject(new Error(`${target} timed out`));
      }, this.invokeTimeoutMs);
      this.pending.set(invocationId, { resolve, reject, timer });
      this.ws.send(JSON.stringify({ type: INVOCATION, invocationId, target, arguments: args }) + RS);
    });
  }

  /** Calls a hub method without waiting for (or asking for) a result. */
  send(target, ...args) {
    this.rawSend(JSON.stringify({ type: INVOCATION, target, arguments: args }) + RS);
  }

  /** Closes politely (a SignalR close message, then the socket). */
  stop() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    try {
      this.rawSend(`{"type":7}${RS}`);
      this.ws.close(1000);
    } catch {
      // already gone
    }
  }

  /** Drops the socket without a goodbye. */
  terminate() {
    this.closed = true;
    clearInterval(this.keepAlive);
    this.ws?.terminate();
  }
}
