// One board participant of a Yjs collaboration server, speaking y-protocols over a WebSocket the
// way the official providers do: 'ywebsocket' (y-websocket: document name in the URL) or
// 'hocuspocus' (every message prefixed with the document name; an Auth message first).
// The board is a Y.Doc with a Y.Map "notes" of Y.Maps; an operation adds or edits one note whose
// text carries the delivery token; a receiver reads it in its observeDeep callback.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { nowUs } from '../lib/clock.mjs';
import { NOTE_FILLER } from './pm-participant.mjs';
import { formatToken, parseToken, ReceiverState, slotOf } from './tracker.mjs';

// Message types shared by y-websocket and Hocuspocus.
const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;
const MSG_SYNC_REPLY = 4; // Hocuspocus: a sync message that must not trigger another step 1
const MSG_SYNC_STATUS = 8; // Hocuspocus: the server applied one of our updates
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const REMOTE = Symbol('remote');

export class YjsParticipant {
  /** spec: { id, boardId, urls: [ws base url per instance], instance, slots, flavor } */
  constructor(spec, metrics, options = {}) {
    this.spec = spec;
    this.id = spec.id;
    this.flavor = spec.flavor;
    this.metrics = metrics;
    this.options = options;
    this.instance = spec.instance;
    this.homeInstance = String(spec.instance);
    this.recv = new ReceiverState({ self: spec.id, mode: 'state', slots: spec.slots });
    this.n = 0;
    this.doc = new Y.Doc();
    this.notes = this.doc.getMap('notes');
    this.notes.observeDeep((events, txn) => this.onNotesChanged(events, txn));
    this.doc.on('update', (update, origin) => {
      if (origin !== REMOTE) this.sendSync((enc) => syncProtocol.writeUpdate(enc, update));
    });
    this.awarenessClock = 0;
    this.ws = null;
    this.connected = false;
    this.stopped = false;
    this.pendingAcks = []; // send times of updates awaiting a Hocuspocus sync-status ack
    this.events = { disconnectedAt: null, reconnectedAt: null, convergedAt: null, reconnects: 0, joinMs: null };
  }

  url() {
    const base = this.spec.urls[this.instance];
    return this.flavor === 'ywebsocket' ? `${base}/${encodeURIComponent(this.spec.boardId)}` : base;
  }

  /** A message with this system's framing: Hocuspocus prefixes the document name. */
  message(type, write) {
    const enc = encoding.createEncoder();
    if (this.flavor === 'hocuspocus') encoding.writeVarString(enc, this.spec.boardId);
    encoding.writeVarUint(enc, type);
    write(enc);
    return encoding.toUint8Array(enc);
  }

  sendSync(write) {
    if (!this.connected && !this.opening) return;
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(this.message(MSG_SYNC, write));
  }

  /** Connects and resolves once the initial sync (server's step 2) has been applied. */
  connect(timeoutMs = 20000) {
    const start = nowUs();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url(), { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      this.opening = true;
      let synced = false;
      const timer = setTimeout(() => {
        if (!synced) {
          ws.terminate();
          reject(new Error('sync timeout'));
        }
      }, timeoutMs);
      ws.on('open', () => {
        if (this.flavor === 'hocuspocus') {
          ws.send(this.message(MSG_AUTH, (enc) => {
            encoding.writeVarUint(enc, AUTH_TOKEN);
            encoding.writeVarString(enc, 'bench');
          }));
        }
        ws.send(this.message(MSG_SYNC, (enc) => syncProtocol.writeSyncStep1(enc, this.doc)));
      });
      ws.on('message', (data) => {
        const arrival = nowUs();
        const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (this.flavor === 'hocuspocus') decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        switch (type) {
          case MSG_SYNC:
          case MSG_SYNC_REPLY: {
            const enc = encoding.createEncoder();
            if (this.flavor === 'hocuspocus') encoding.writeVarString(enc, this.spec.boardId);
            encoding.writeVarUint(enc, MSG_SYNC);
            const headerLength = encoding.length(enc);
            const syncType = syncProtocol.readSyncMessage(decoder, enc, this.doc, REMOTE);
            if (encoding.length(enc) > headerLength) ws.send(encoding.toUint8Array(enc));
            if (syncType === syncProtocol.messageYjsSyncStep2 && !synced) {
              synced = true;
              clearTimeout(timer);
              this.opening = false;
              this.connected = true;
              this.events.joinMs = (nowUs() - start) / 1000;
              resolve(this);
            }
            break;
          }
          case MSG_AWARENESS: {
            const update = decoding.readVarUint8Array(decoder);
            const d = decoding.createDecoder(update);
            decoding.readVarUint(d); // number of states
            const clientId = decoding.readVarUint(d);
            if (clientId !== this.doc.clientID) {
              decoding.readVarUint(d); // clock
              JSON.parse(decoding.readVarString(d)); // what a real client does to render the cursor
              this.metrics.presenceIn += 1;
              if (this.metrics.inWindow(arrival)) this.metrics.presenceInWindow += 1;
            }
            break;
          }
          case MSG_AUTH: {
            if (decoding.readVarUint(decoder) === AUTH_PERMISSION_DENIED) {
              this.metrics.errors += 1;
              ws.terminate();
            }
            break;
          }
          case MSG_QUERY_AWARENESS:
            break;
          case MSG_SYNC_STATUS: {
            const sendUs = this.pendingAcks.shift();
            if (sendUs !== undefined && this.metrics.inWindow(sendUs)) this.metrics.ack.record(arrival - sendUs);
            break;
          }
          default:
            break;
        }
      });
      ws.on('error', (err) => {
        if (!synced) {
          clearTimeout(timer);
          this.opening = false;
          reject(err);
        }
      });
      ws.on('close', () => {
        clearTimeout(timer);
        this.opening = false;
        const wasConnected = this.connected;
        this.connected = false;
        if (!synced) reject(new Error('closed before sync'));
        else if (wasConnected && !this.stopped) this.onClosed();
      });
    });
  }

  onNotesChanged(events, txn) {
    if (txn.origin !== REMOTE) return;
    const arrival = nowUs();
    // One merged update may both add a note and edit it: read each touched note once.
    const touched = new Set();
    for (const ev of events) {
      if (ev.target === this.notes) for (const key of ev.keysChanged) touched.add(key);
      else if (ev.keysChanged.has('text')) touched.add(ev.path[0]);
    }
    for (const key of touched) {
      const note = this.notes.get(key);
      const token = note ? parseToken(note.get('text'), 'bench:') : null;
      if (token) this.recv.observe(this.metrics, token, arrival, token.sender[0] === this.homeInstance);
    }
  }

  sendOp() {
    const n = this.n++;
    const sendUs = nowUs();
    const slot = slotOf(n, this.spec.slots);
    const noteId = `${this.id}-${slot}`;
    const text = `bench:${formatToken(this.id, n, sendUs)} ${NOTE_FILLER}`;
    this.metrics.noteSent(sendUs);
    if (this.flavor === 'hocuspocus' && this.connected) this.pendingAcks.push(sendUs);
    // While disconnected the change stays in the local document; the sync on reconnect sends it.
    this.doc.transact(() => {
      if (n < this.spec.slots) {
        const note = new Y.Map();
        note.set('kind', 'event');
        note.set('text', text);
        note.set('position', slot);
        note.set('author', this.id);
        this.notes.set(noteId, note);
      } else {
        this.notes.get(noteId).set('text', text);
      }
    });
  }

  sendCursor() {
    if (!this.connected) return;
    this.metrics.presenceSent += 1;
    const state = JSON.stringify({ user: this.id, cursor: { x: Math.round(Math.random() * 1600), y: Math.round(Math.random() * 900) } });
    this.ws.send(this.message(MSG_AWARENESS, (enc) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, this.doc.clientID);
      encoding.writeVarUint(inner, ++this.awarenessClock);
      encoding.writeVarString(inner, state);
      encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    }));
  }

  onClosed() {
    this.events.disconnectedAt = nowUs();
    this.pendingAcks = [];
    this.reconnect(1);
  }

  async reconnect(attempt) {
    if (this.stopped || attempt > 20) return;
    this.instance = (this.instance + 1) % this.spec.urls.length;
    await new Promise((r) => setTimeout(r, Math.random() * (this.options.reconnectJitterMs ?? 100) * attempt));
    try {
      await this.connect();
      this.events.reconnects += 1;
      // The initial sync both fetched what was missed and (step 2 reply) sent local changes.
      this.events.reconnectedAt = nowUs();
      this.events.convergedAt = this.events.reconnectedAt;
    } catch {
      this.ws?.terminate();
      this.reconnect(attempt + 1);
    }
  }

  /** A digest of the document's state vector: equal digests mean equal documents. */
  stateDigest() {
    return Buffer.from(Y.encodeStateVector(this.doc)).toString('base64');
  }

  status() {
    return { id: this.id, boardId: this.spec.boardId, connected: this.connected, digest: this.stateDigest(), noteCount: this.notes.size, ...this.events };
  }

  close() {
    this.stopped = true;
    this.connected = false;
    try {
      this.ws?.close(1000);
    } catch {
      // already gone
    }
    this.doc.destroy();
  }
}
