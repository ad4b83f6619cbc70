// One board participant of PostMortem, over the documented hub protocol (docs/PROTOCOL.md):
// Join({ boardId, lastSeq? }), Submit({ clientOpId, command }), Presence(...); entries arrive as
// `entry` messages in sequence order. The clientOpId is the delivery token.
import { nowUs } from '../lib/clock.mjs';
import { OfficialHubConnection } from './official-client.mjs';
import { HubConnection } from './signalr-client.mjs';
import { formatToken, parseToken, ReceiverState, slotOf } from './tracker.mjs';

export const NOTE_FILLER = 'the deploy of the API change went out before the config flag was set';

export class PmParticipant {
  /**
   * spec: { id, boardId, token, urls: [hub ws url per instance], instance, slots }
   * urls[instance] is this participant's home; on an unexpected close it moves to the next one.
   */
  constructor(spec, metrics, options = {}) {
    this.spec = spec;
    this.id = spec.id;
    this.metrics = metrics;
    this.options = options;
    this.instance = spec.instance;
    this.homeInstance = String(spec.instance);
    this.recv = new ReceiverState({ self: spec.id, mode: 'ordered', slots: spec.slots });
    this.n = 0;
    this.unacked = new Map(); // clientOpId -> { n, command }
    this.hub = null;
    this.connected = false;
    this.stopped = false;
    this.events = { disconnectedAt: null, reconnectedAt: null, convergedAt: null, reconnects: 0, joinMs: null, snapshotBytes: null };
    this.lastJoin = null;
  }

  url() {
    return `${this.spec.urls[this.instance]}?access_token=${encodeURIComponent(this.spec.token)}`;
  }

  async connect() {
    const client = this.options.client;
    const hub = client === 'official' || client === 'msgpack'
      ? new OfficialHubConnection(this.url(), { msgpack: client === 'msgpack' })
      : new HubConnection(this.url());
    hub.on('entry', (e) => this.onEntry(e));
    // A presence message is a batch (the latest update of each participant who moved); count the others' updates.
    hub.on('presence', (batch) => {
      const others = (batch?.updates ?? []).filter((u) => u.participantId !== this.spec.participantId).length;
      this.metrics.presenceIn += others;
      if (this.metrics.inWindow(nowUs())) this.metrics.presenceInWindow += others;
    });
    hub.on('fatal', (f) => {
      this.metrics.errors += 1;
      this.lastFatal = f;
    });
    hub.onclose = () => this.onClosed();
    // Entries pushed while Join runs may also be in its result: hold them until it is applied.
    this.joinBuffer = [];
    await hub.start();
    this.hub = hub;
    if (this.options.pingBeforeJoin) {
      // The same call path without the work: Join minus this estimates the server's time for Join.
      const t = nowUs();
      await hub.invoke('Ping', Date.now());
      this.events.pingMs = (nowUs() - t) / 1000;
    }
    const joinStart = nowUs();
    const args = { boardId: this.spec.boardId };
    if (this.recv.lastSeq !== null) args.lastSeq = this.recv.lastSeq;
    const res = await hub.invoke('Join', args);
    const joinEnd = nowUs();
    this.events.joinMs = (joinEnd - joinStart) / 1000;
    this.events.resultBytes = hub.lastCompletionBytes ?? null;
    this.lastJoin = { mode: res?.mode, role: res?.role, participantId: res?.participantId, serverMs: serverMsOf(res) };
    if (this.options.keepView) this.lastView = res?.view ?? null;
    const buffered = this.joinBuffer;
    this.joinBuffer = null;
    if (res?.mode === 'entries') {
      for (const e of res.entries ?? []) this.onEntry(e, joinEnd);
    } else {
      // A snapshot replaces what this client knew: continuity restarts at the result's sequence.
      const seq = typeof res?.seq === 'number' ? res.seq : seqOfView(res?.view);
      if (seq !== null) this.recv.lastSeq = seq;
    }
    // Entries at or below the result's seq were in the result (protocol: Join's Seq); later ones are new.
    const upTo = typeof res?.seq === 'number' ? res.seq : this.recv.lastSeq;
    for (const [e, arrival] of buffered) if (upTo === null || e.seq > upTo) this.onEntry(e, arrival);
    if (upTo !== null && (this.recv.lastSeq === null || this.recv.lastSeq < upTo)) this.recv.lastSeq = upTo;
    this.connected = true;
    return res;
  }

  onEntry(e, arrivalUs) {
    const arrival = arrivalUs ?? nowUs();
    if (this.joinBuffer) {
      this.joinBuffer.push([e, arrival]);
      return;
    }
    if (!this.recv.observeSeq(this.metrics, e.seq)) return; // a duplicate entry (already counted)
    const token = parseToken(e.clientOpId);
    if (!token) return;
    if (token.sender === this.id) {
      if (e.status === 'rejected') {
        this.metrics.rejected += 1;
        if (this.metrics.rejected <= 3) this.lastRejection = { code: e.code, message: e.message };
      }
      return;
    }
    this.recv.observe(this.metrics, token, arrival, token.sender[0] === this.homeInstance);
  }

  /** The next operation: the first `slots` add this participant's notes, later ones edit them. */
  sendOp() {
    const n = this.n++;
    const sendUs = nowUs();
    const clientOpId = formatToken(this.id, n, sendUs);
    const slot = slotOf(n, this.spec.slots);
    const noteId = `${this.id}-${slot}`;
    const text = `bench:${clientOpId} ${NOTE_FILLER}`;
    const command = n < this.spec.slots
      ? { type: 'addNote', noteId, kind: 'event', text, position: slot }
      : { type: 'editNote', noteId, text };
    this.metrics.noteSent(sendUs);
    this.unacked.set(clientOpId, { n, command });
    if (this.connected) this.submit(clientOpId, command, sendUs);
  }

  submit(clientOpId, command, sendUs) {
    this.hub.invoke('Submit', { clientOpId, command }).then(
      (ack) => {
        if (ack?.status === 'rejected' && ack.code === 'unavailable' && ack.retryAfterMs > 0) {
          // Shed by an overloaded server: nothing stored. Sent again after its retry-after, as the shipped client does;
          // the ack latency then counts from the first send.
          this.metrics.shed += 1;
          setTimeout(() => {
            if (!this.stopped && this.connected && this.unacked.has(clientOpId)) this.submit(clientOpId, command, sendUs);
          }, ack.retryAfterMs);
          return;
        }
        this.unacked.delete(clientOpId);
        if (this.awaiting?.delete(clientOpId) && this.awaiting.size === 0) {
          this.awaiting = null;
          this.events.convergedAt = nowUs();
        }
        if (this.metrics.inWindow(sendUs)) this.metrics.ack.record(nowUs() - sendUs);
        if (ack?.status === 'rejected' && !this.loggedAck) {
          this.loggedAck = true;
          this.lastRejection = { code: ack.code, message: ack.message };
        }
      },
      () => {
        // Left in `unacked`: resubmitted with the same clientOpId after reconnecting (applies once).
      },
    );
  }

  sendCursor() {
    if (!this.connected) return;
    this.metrics.presenceSent += 1;
    this.hub.send('Presence', { kind: 'cursor', x: Math.round(Math.random() * 1600), y: Math.round(Math.random() * 900) });
  }

  onClosed() {
    this.connected = false;
    if (this.stopped) return;
    this.events.disconnectedAt = nowUs();
    this.reconnect(1);
  }

  /** Moves to the next instance (what a load balancer does when one dies) and rejoins with lastSeq. */
  async reconnect(attempt) {
    if (this.stopped || attempt > 20) return;
    this.instance = (this.instance + 1) % this.spec.urls.length;
    await new Promise((r) => setTimeout(r, Math.random() * (this.options.reconnectJitterMs ?? 100) * attempt));
    try {
      await this.connect();
      this.events.reconnects += 1;
      this.events.reconnectedAt = nowUs();
      // The Join answer carried every entry missed since lastSeq. Converged once what this client
      // had not seen acknowledged is resubmitted, in order, and acknowledged (each applies once).
      const pending = [...this.unacked.entries()].sort((a, b) => a[1].n - b[1].n);
      if (pending.length === 0) this.events.convergedAt = nowUs();
      else this.awaiting = new Set(pending.map(([id]) => id));
      for (const [id, p] of pending) this.submit(id, p.command, Number(id.split(':')[2]));
    } catch {
      this.hub?.terminate();
      this.connected = false;
      this.reconnect(attempt + 1);
    }
  }

  status() {
    return { id: this.id, boardId: this.spec.boardId, connected: this.connected, lastSeq: this.recv.lastSeq, unacked: this.unacked.size, ...this.events };
  }

  close() {
    this.stopped = true;
    this.connected = false;
    this.hub?.stop();
  }
}

/** Server-side join time, if the server reports one in the Join result. */
function serverMsOf(res) {
  for (const k of ['serverMs', 'serverElapsedMs', 'elapsedMs']) if (typeof res?.[k] === 'number') return res[k];
  return null;
}

/** The sequence a BoardView was taken at (field name per Core's BoardView). */
export function seqOfView(view) {
  for (const k of ['seq', 'lastSeq', 'sequence']) if (typeof view?.[k] === 'number') return view[k];
  return null;
}
