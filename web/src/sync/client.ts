// The client state machine of one board connection. No UI import: screens subscribe to snapshots.
//
// Rules it keeps (docs/PROTOCOL.md):
// - entries are applied strictly in seq order; early ones wait in a buffer; a gap that does not fill
//   in time makes the client Join again with lastSeq (the server answers with the missed entries or a
//   snapshot);
// - a command keeps its clientOpId until it is settled, so resending after a reconnect is safe (R3:
//   the server applies it once and answers "duplicate" with the original seq);
// - nothing is applied optimistically: pending commands are only listed so the UI can say "sending…";
// - fatal codes stop the client; everything else is retried.
import { applyEntry } from './applyEvents';
import { ClockOffset, clockSample, parseTime } from './clock';
import { classifyError, humanMessage, isFatalCode, type SyncError } from './errors';
import type {
  Ack,
  BoardCommand,
  BoardView,
  CoachFlag,
  EntryMessage,
  FatalMessage,
  ImportLineError,
  JoinResult,
  PingResult,
  PresenceBatch,
  PresenceMessage,
  PresenceUpdate,
  Role,
  WriteUpModel,
} from './protocol';
import type { PendingStore } from './pendingStore';
import type { HubTransport, ServerMessageName } from './transport';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped';

export interface PendingCommand {
  clientOpId: string;
  command: BoardCommand;
  createdAt: number;
  /** Set once the server accepted it; the command stays pending until the entry with this seq is applied. */
  ackedSeq?: number;
}

export interface CommandResult {
  clientOpId: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  seq?: number;
  code?: string;
  message?: string;
  warnings?: string[];
  importErrors?: ImportLineError[];
}

export interface Rejection {
  clientOpId: string;
  commandType: string;
  code: string;
  message: string;
}

export interface SyncSnapshot {
  status: ConnectionStatus;
  view: BoardView | null;
  participantId: string | null;
  role: Role | null;
  lastSeq: number;
  pending: readonly PendingCommand[];
  fatal: SyncError | null;
  /** Most recent rejection of one of this client's commands, for a toast. */
  lastRejection: Rejection | null;
  clockOffsetMs: number;
}

export interface SyncClientOptions {
  boardId: string;
  transport: HubTransport;
  now?: () => number;
  newId?: () => string;
  /** How long a gap in the sequence may stay open before the client rejoins. */
  gapTimeoutMs?: number;
  /** Delays between reconnect attempts; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
  /** Failed attempts after which the status says "offline" rather than "reconnecting". */
  offlineAfterAttempts?: number;
  pingIntervalMs?: number;
  presenceIntervalMs?: number;
  /** Keeps unconfirmed commands across page reloads; what it holds at start is queued and resent. */
  pendingStore?: PendingStore;
}

interface Waiter {
  resolve: (result: CommandResult) => void;
}

const DEFAULT_RECONNECT = [0, 1000, 2000, 5000, 10000];

export function newClientOpId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class SyncClient {
  private readonly boardId: string;
  private readonly transport: HubTransport;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly gapTimeoutMs: number;
  private readonly reconnectDelaysMs: readonly number[];
  private readonly offlineAfterAttempts: number;
  private readonly pingIntervalMs: number;
  private readonly presenceIntervalMs: number;
  private readonly pendingStore: PendingStore | null;

  private snapshot: SyncSnapshot;
  private readonly listeners = new Set<(s: SyncSnapshot) => void>();
  private readonly presenceListeners = new Set<(p: PresenceMessage) => void>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly inFlight = new Set<string>();
  private readonly buffer = new Map<number, EntryMessage>();
  private readonly clock = new ClockOffset();
  /** Warnings and import errors ride on the ack; kept until the command settles. */
  private readonly extras = new Map<string, Ack>();

  /** True between a successful Join and the next connection loss: only then are commands sent. */
  private joined = false;
  private joining = false;
  private attempt = 0;
  private connectionGeneration = 0;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private presenceQueued: PresenceUpdate | null = null;
  private presenceSentAt = Number.NEGATIVE_INFINITY;

  constructor(options: SyncClientOptions) {
    this.boardId = options.boardId;
    this.transport = options.transport;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? newClientOpId;
    this.gapTimeoutMs = options.gapTimeoutMs ?? 1500;
    this.reconnectDelaysMs = options.reconnectDelaysMs ?? DEFAULT_RECONNECT;
    this.offlineAfterAttempts = options.offlineAfterAttempts ?? 2;
    this.pingIntervalMs = options.pingIntervalMs ?? 30000;
    this.presenceIntervalMs = options.presenceIntervalMs ?? 100;
    this.pendingStore = options.pendingStore ?? null;
    this.snapshot = {
      status: 'idle',
      view: null,
      participantId: null,
      role: null,
      lastSeq: 0,
      // Commands a previous page of this tab queued and never saw confirmed: sent again after the join.
      pending: this.pendingStore?.load() ?? [],
      fatal: null,
      lastRejection: null,
      clockOffsetMs: 0,
    };
    this.transport.onMessage((name, payload) => this.onServerMessage(name, payload));
    this.transport.onClose((error) => this.onConnectionLost(error));
  }

  // ---- Public surface ------------------------------------------------------------------------

  getSnapshot = (): SyncSnapshot => this.snapshot;

  subscribe = (listener: (s: SyncSnapshot) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onPresence(listener: (p: PresenceMessage) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** The server's clock, as well as this client can tell (for timers). */
  serverNow(): number {
    return this.now() + this.clock.offsetMs;
  }

  start(): void {
    if (this.snapshot.status !== 'idle') return;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.setStatus('stopped');
    this.clearTimers();
    this.joined = false;
    await this.transport.stop().catch(() => undefined);
  }

  /**
   * What the browser knows about the network. Going offline drops the connection at once (a socket
   * can linger for a long time on a dead network) and queues commands; coming back reconnects.
   */
  networkChanged(online: boolean): void {
    const status = this.snapshot.status;
    if (status === 'stopped' || status === 'idle') return;
    if (online) {
      this.attempt = 0;
      this.retryNow();
      return;
    }
    this.connectionGeneration++;
    this.joined = false;
    this.inFlight.clear();
    this.stopPinging();
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.setStatus('offline');
    void this.transport.stop().catch(() => undefined);
    // Keep trying slowly in case the browser's "online" signal never comes.
    this.attempt = Math.max(this.attempt, this.reconnectDelaysMs.length);
    this.scheduleReconnect();
  }

  /** Try to reconnect at once (e.g. the browser says the network is back). */
  retryNow(): void {
    if (this.snapshot.status !== 'reconnecting' && this.snapshot.status !== 'offline') return;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    void this.connect();
  }

  /**
   * Queues a command and sends it as soon as the board is joined. The promise settles when the server
   * has decided (accepted/duplicate once the entry is applied locally, or rejected) — never on a
   * dropped connection: then the command waits and is resent with the same clientOpId.
   */
  submit(command: BoardCommand): { clientOpId: string; result: Promise<CommandResult> } {
    const clientOpId = this.newId();
    const pending: PendingCommand = { clientOpId, command, createdAt: this.now() };
    const result = new Promise<CommandResult>((resolve) => this.addWaiter(clientOpId, { resolve }));
    if (this.snapshot.status === 'stopped') {
      this.settle(clientOpId, { clientOpId, status: 'rejected', code: this.snapshot.fatal?.code ?? 'stopped', message: this.snapshot.fatal?.message ?? 'Not connected.' });
      return { clientOpId, result };
    }
    this.update({ pending: [...this.snapshot.pending, pending] });
    if (this.joined) void this.send(pending);
    return { clientOpId, result };
  }

  /** Language coach hints for a draft; empty when not connected (the coach never blocks). */
  async checkText(text: string): Promise<CoachFlag[]> {
    if (!this.joined || text.trim() === '') return [];
    try {
      const flags = await this.transport.invoke<CoachFlag[] | null>('CheckText', text);
      return flags ?? [];
    } catch {
      return [];
    }
  }

  /** The write-up as Core builds it now (the close phase's live preview); null when not connected. */
  async writeUpPreview(): Promise<WriteUpModel | null> {
    if (!this.joined) return null;
    try {
      return await this.transport.invoke<WriteUpModel>('WriteUpPreview');
    } catch {
      return null;
    }
  }

  /** Ephemeral presence, throttled to one message per presenceIntervalMs (latest wins). */
  sendPresence(update: PresenceUpdate): void {
    this.presenceQueued = update;
    if (this.presenceTimer !== null) return;
    const wait = Math.max(0, this.presenceSentAt + this.presenceIntervalMs - this.now());
    this.presenceTimer = setTimeout(() => this.flushPresence(), wait);
  }

  clearRejection(): void {
    if (this.snapshot.lastRejection !== null) this.update({ lastRejection: null });
  }

  // ---- Connection ----------------------------------------------------------------------------

  private async connect(): Promise<void> {
    const status = this.snapshot.status;
    if (status === 'stopped') return;
    const generation = ++this.connectionGeneration;
    if (status === 'idle') this.setStatus('connecting');
    try {
      await this.transport.start();
      if (this.superseded(generation)) return;
      await this.join();
      if (this.superseded(generation)) return;
      this.attempt = 0;
      this.setStatus('connected');
      this.startPinging();
      void this.ping();
      this.resendPending();
    } catch (error) {
      if (generation !== this.connectionGeneration) return;
      const classified = classifyError(error);
      if (classified.fatal) {
        await this.fail(classified);
        return;
      }
      this.joined = false;
      // A half-open connection (started, join failed) must be closed before the next attempt.
      await this.transport.stop().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  /** A newer connect, a network drop or a stop happened while we awaited. */
  private superseded(generation: number): boolean {
    return generation !== this.connectionGeneration || this.snapshot.status === 'stopped';
  }

  private async join(): Promise<void> {
    this.joining = true;
    try {
      const hadView = this.snapshot.view !== null;
      const sentAt = this.now();
      const result = await this.transport.invoke<JoinResult>('Join', {
        boardId: this.boardId,
        ...(hadView ? { lastSeq: this.snapshot.lastSeq } : {}),
      });
      const receivedAt = this.now();
      if (!this.clock.hasSample && result.serverTime !== undefined) {
        this.clock.add(clockSample(sentAt, receivedAt, result.serverTime));
      }
      this.applyJoinResult(result);
      this.joined = true;
    } finally {
      this.joining = false;
    }
    this.drainBuffer();
  }

  private applyJoinResult(result: JoinResult): void {
    if (result.mode === 'snapshot' && result.view) {
      const view = result.view;
      for (const seq of [...this.buffer.keys()]) if (seq <= view.seq) this.buffer.delete(seq);
      this.update({
        view,
        lastSeq: view.seq,
        participantId: result.participantId,
        role: result.role,
        clockOffsetMs: this.clock.offsetMs,
      });
      this.settleAppliedPending();
    } else {
      this.update({ participantId: result.participantId, role: result.role, clockOffsetMs: this.clock.offsetMs });
      for (const entry of result.entries ?? []) this.ingest(entry, true);
    }
  }

  private onConnectionLost(error?: Error): void {
    if (this.snapshot.status === 'stopped') return;
    this.joined = false;
    this.inFlight.clear();
    this.stopPinging();
    const classified = error ? classifyError(error) : null;
    if (classified?.fatal) {
      void this.fail(classified);
      return;
    }
    this.connectionGeneration++;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.snapshot.status === 'stopped') return;
    const delay = this.reconnectDelaysMs[Math.min(this.attempt, this.reconnectDelaysMs.length - 1)] ?? 1000;
    this.attempt++;
    this.setStatus(this.attempt > this.offlineAfterAttempts ? 'offline' : 'reconnecting');
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private async fail(error: SyncError): Promise<void> {
    this.clearTimers();
    this.joined = false;
    this.update({ status: 'stopped', fatal: error });
    for (const p of this.snapshot.pending) {
      this.settle(p.clientOpId, { clientOpId: p.clientOpId, status: 'rejected', code: error.code, message: error.message });
    }
    this.update({ pending: [] });
    await this.transport.stop().catch(() => undefined);
  }

  // ---- Server messages -----------------------------------------------------------------------

  private onServerMessage(name: ServerMessageName, payload: unknown): void {
    switch (name) {
      case 'entry':
        this.ingest(payload as EntryMessage, false);
        break;
      case 'presence': {
        // A batch; our own cursor comes back in it when others moved too, and is not news.
        const me = this.snapshot.participantId;
        for (const update of (payload as PresenceBatch | null)?.updates ?? []) {
          if (update.participantId === me) continue;
          for (const l of this.presenceListeners) l(update);
        }
        break;
      }
      case 'fatal': {
        const f = payload as FatalMessage;
        void this.fail({ code: f.code, message: humanMessage(f.code, f.message), fatal: true });
        break;
      }
    }
  }

  /** Takes an entry from the push channel or a catch-up list and applies whatever is now in order. */
  private ingest(entry: EntryMessage, fromJoin: boolean): void {
    if (entry.seq <= this.snapshot.lastSeq) return;
    this.buffer.set(entry.seq, entry);
    // While a Join is on its way the answer decides where we stand; the buffer is drained after it.
    if (this.joining && !fromJoin) return;
    if (this.snapshot.view === null) return;
    this.drainBuffer();
  }

  private drainBuffer(): void {
    let view = this.snapshot.view;
    if (view === null) return;
    let lastSeq = this.snapshot.lastSeq;
    const applied: EntryMessage[] = [];
    for (;;) {
      const next = this.buffer.get(lastSeq + 1);
      if (!next) break;
      this.buffer.delete(next.seq);
      view = applyEntry(view, next);
      lastSeq = next.seq;
      applied.push(next);
    }
    if (applied.length > 0) {
      this.update({ view, lastSeq });
      for (const entry of applied) this.onEntryApplied(entry);
      this.settleAppliedPending();
    }
    this.checkGap();
  }

  private checkGap(): void {
    const hasGap = this.buffer.size > 0;
    if (!hasGap) {
      if (this.gapTimer !== null) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer !== null) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.buffer.size > 0 && this.joined && !this.joining) void this.rejoin();
    }, this.gapTimeoutMs);
  }

  private async rejoin(): Promise<void> {
    try {
      await this.join();
    } catch (error) {
      const classified = classifyError(error);
      if (classified.fatal) await this.fail(classified);
      // Otherwise the connection is in trouble; onClose will take it from here, or the next entry retries.
      else this.checkGap();
    }
  }

  private onEntryApplied(entry: EntryMessage): void {
    if (entry.actorId !== this.snapshot.participantId) return;
    if (!this.snapshot.pending.some((p) => p.clientOpId === entry.clientOpId)) return;
    if (entry.status === 'rejected') {
      this.reject(entry.clientOpId, entry.commandType, entry.code ?? 'rejected', entry.message ?? 'Rejected.');
    } else {
      this.markAcked(entry.clientOpId, entry.seq);
    }
  }

  // ---- Commands ------------------------------------------------------------------------------

  private resendPending(): void {
    for (const p of this.snapshot.pending) {
      if (p.ackedSeq === undefined) void this.send(p);
    }
  }

  private async send(p: PendingCommand): Promise<void> {
    if (this.inFlight.has(p.clientOpId)) return;
    this.inFlight.add(p.clientOpId);
    const generation = this.connectionGeneration;
    let ack: Ack;
    try {
      ack = await this.transport.invoke<Ack>('Submit', { clientOpId: p.clientOpId, command: p.command });
    } catch (error) {
      this.inFlight.delete(p.clientOpId);
      const classified = classifyError(error);
      if (classified.fatal) await this.fail(classified);
      // Otherwise the connection dropped mid-call: the command stays pending and is resent on rejoin.
      return;
    }
    this.inFlight.delete(p.clientOpId);
    this.onAck(ack, p, generation);
  }

  private onAck(ack: Ack, p: PendingCommand, generation: number): void {
    const stillPending = this.snapshot.pending.some((x) => x.clientOpId === p.clientOpId);
    if (!stillPending) return;
    if (ack.status === 'rejected') {
      const code = ack.code ?? 'rejected';
      if (isFatalCode(code)) {
        void this.fail({ code, message: humanMessage(code, ack.message ?? code), fatal: true });
        return;
      }
      if (code === 'rate_limited') {
        // Retryable: wait a moment and resend under the same clientOpId.
        setTimeout(() => {
          if (this.joined && generation === this.connectionGeneration) void this.send(p);
        }, 1000);
        return;
      }
      this.reject(p.clientOpId, p.command.type, code, ack.message ?? code, ack);
      return;
    }
    this.extras.set(p.clientOpId, ack);
    if (ack.seq === undefined) {
      this.settle(p.clientOpId, this.resultFrom(p.clientOpId, ack.status, undefined));
      this.removePending(p.clientOpId);
      return;
    }
    this.markAcked(p.clientOpId, ack.seq);
    this.settleAppliedPending();
  }

  private markAcked(clientOpId: string, seq: number): void {
    this.update({
      pending: this.snapshot.pending.map((p) => (p.clientOpId === clientOpId && p.ackedSeq === undefined ? { ...p, ackedSeq: seq } : p)),
    });
  }

  /** Settles acked commands whose entry is now part of the local view. */
  private settleAppliedPending(): void {
    const done = this.snapshot.pending.filter((p) => p.ackedSeq !== undefined && p.ackedSeq <= this.snapshot.lastSeq);
    if (done.length === 0) return;
    this.update({ pending: this.snapshot.pending.filter((p) => !done.includes(p)) });
    for (const p of done) {
      const ack = this.extras.get(p.clientOpId);
      this.settle(p.clientOpId, this.resultFrom(p.clientOpId, ack?.status === 'duplicate' ? 'duplicate' : 'accepted', p.ackedSeq));
    }
  }

  private resultFrom(clientOpId: string, status: 'accepted' | 'duplicate', seq: number | undefined): CommandResult {
    const ack = this.extras.get(clientOpId);
    this.extras.delete(clientOpId);
    return {
      clientOpId,
      status,
      ...(seq !== undefined ? { seq } : {}),
      ...(ack?.warnings ? { warnings: ack.warnings } : {}),
      ...(ack?.importErrors ? { importErrors: ack.importErrors } : {}),
    };
  }

  private reject(clientOpId: string, commandType: string, code: string, message: string, ack?: Ack): void {
    this.extras.delete(clientOpId);
    this.removePending(clientOpId);
    this.update({ lastRejection: { clientOpId, commandType, code, message } });
    this.settle(clientOpId, {
      clientOpId,
      status: 'rejected',
      code,
      message,
      ...(ack?.importErrors ? { importErrors: ack.importErrors } : {}),
    });
  }

  private removePending(clientOpId: string): void {
    this.update({ pending: this.snapshot.pending.filter((p) => p.clientOpId !== clientOpId) });
  }

  private addWaiter(clientOpId: string, waiter: Waiter): void {
    const list = this.waiters.get(clientOpId) ?? [];
    list.push(waiter);
    this.waiters.set(clientOpId, list);
  }

  private settle(clientOpId: string, result: CommandResult): void {
    const list = this.waiters.get(clientOpId);
    if (!list) return;
    this.waiters.delete(clientOpId);
    for (const w of list) w.resolve(result);
  }

  // ---- Clock and presence --------------------------------------------------------------------

  private async ping(): Promise<void> {
    if (!this.joined) return;
    const sentAt = this.now();
    try {
      const result = await this.transport.invoke<PingResult>('Ping', sentAt);
      const receivedAt = this.now();
      const echoed = parseTime(result.clientTime);
      // Trust the echo when it round-trips exactly; it pins the sample to this request.
      const start = Number.isFinite(echoed) && Math.abs(echoed - sentAt) < 1 ? echoed : sentAt;
      this.clock.add(clockSample(start, receivedAt, result.serverTime));
      this.update({ clockOffsetMs: this.clock.offsetMs });
    } catch {
      // A lost ping only delays the next clock sample.
    }
  }

  private startPinging(): void {
    this.stopPinging();
    this.pingTimer = setInterval(() => void this.ping(), this.pingIntervalMs);
  }

  private stopPinging(): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private flushPresence(): void {
    this.presenceTimer = null;
    const update = this.presenceQueued;
    this.presenceQueued = null;
    if (!update || !this.joined) return;
    this.presenceSentAt = this.now();
    this.transport.send('Presence', update).catch(() => undefined);
  }

  // ---- State ---------------------------------------------------------------------------------

  private clearTimers(): void {
    for (const t of [this.gapTimer, this.reconnectTimer, this.presenceTimer]) if (t !== null) clearTimeout(t);
    this.gapTimer = this.reconnectTimer = this.presenceTimer = null;
    this.stopPinging();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.snapshot.status !== status) this.update({ status });
  }

  private update(patch: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if (patch.pending !== undefined) this.pendingStore?.save(this.snapshot.pending);
    for (const l of this.listeners) l(this.snapshot);
  }
}
