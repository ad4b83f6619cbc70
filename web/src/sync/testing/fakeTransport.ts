// A scripted hub for engine tests: a tiny in-memory board log that orders submissions, answers
// duplicates like the real server (rule R3), and lets a test drop or refuse the connection.
import type { Ack, BoardCommand, BoardView, EntryMessage, JoinRequest, JoinResult, SubmitRequest } from '../protocol';
import type { HubTransport, ServerMessageName } from '../transport';
import { note, view as makeView } from './fixtures';

export interface Call {
  method: string;
  arg: unknown;
}

export class FakeTransport implements HubTransport {
  connected = false;
  /** When set, the next start() rejects with it (a refused or unreachable server). */
  refuseWith: Error | null = null;
  /** When set, Join throws it. */
  joinError: Error | null = null;
  /** Hold push delivery (entries are still logged) to simulate lost messages. */
  mute = false;
  /** Hold Submit answers until released, to simulate a drop mid-call. */
  holdSubmits = false;
  /** Server clock = client clock + this. */
  serverAheadMs = 0;
  /** Answer every Join with a snapshot, as when the missed part of the log was trimmed. */
  forceSnapshot = false;
  calls: Call[] = [];
  starts = 0;
  readonly log: EntryMessage[] = [];
  participantId = 'p1';
  private readonly applied = new Map<string, number>();
  private readonly heldSubmits: { resolve: (a: Ack) => void; reject: (e: Error) => void; req: SubmitRequest }[] = [];
  private messageHandler: ((name: ServerMessageName, payload: unknown) => void) | null = null;
  private closeHandler: ((error?: Error) => void) | null = null;

  constructor(private readonly now: () => number = () => Date.now(), public baseView: BoardView = makeView(0)) {}

  async start(): Promise<void> {
    this.starts++;
    if (this.refuseWith) throw this.refuseWith;
    this.connected = true;
  }

  async stop(): Promise<void> {
    this.connected = false;
    this.failHeld();
  }

  async invoke<T>(method: string, arg?: unknown): Promise<T> {
    if (!this.connected) throw new Error('Cannot send data if the connection is not in the Connected State.');
    this.calls.push({ method, arg });
    switch (method) {
      case 'Join':
        return this.join(arg as JoinRequest) as T;
      case 'Submit':
        return (await this.submit(arg as SubmitRequest)) as T;
      case 'Ping':
        return { clientTime: arg as number, serverTime: new Date(this.now() + this.serverAheadMs).toISOString() } as T;
      case 'CheckText':
        return [] as T;
      default:
        throw new Error(`unknown method ${method}`);
    }
  }

  async send(method: string, arg: unknown): Promise<void> {
    this.calls.push({ method, arg });
  }

  onMessage(handler: (name: ServerMessageName, payload: unknown) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (error?: Error) => void): void {
    this.closeHandler = handler;
  }

  // ---- Test controls ---------------------------------------------------------------------------

  push(name: ServerMessageName, payload: unknown): void {
    this.messageHandler?.(name, payload);
  }

  /** The server side of a connection loss. */
  drop(error?: Error): void {
    this.connected = false;
    this.failHeld();
    this.closeHandler?.(error);
  }

  /** Appends an entry by someone else and pushes it (unless muted). */
  appendOther(entry: Omit<EntryMessage, 'seq'>): EntryMessage {
    const full = { ...entry, seq: this.log.length + 1 } as EntryMessage;
    this.log.push(full);
    if (this.connected && !this.mute) this.push('entry', full);
    return full;
  }

  submitted(): SubmitRequest[] {
    return this.calls.filter((c) => c.method === 'Submit').map((c) => c.arg as SubmitRequest);
  }

  releaseSubmits(): void {
    const held = this.heldSubmits.splice(0);
    for (const h of held) h.resolve(this.decide(h.req));
  }

  // ---- Server behaviour ------------------------------------------------------------------------

  private join(req: JoinRequest): JoinResult {
    if (this.joinError) throw this.joinError;
    const serverTime = this.now() + this.serverAheadMs;
    if (req.lastSeq !== undefined && !this.forceSnapshot) {
      const entries = this.log.filter((e) => e.seq > req.lastSeq!);
      return { mode: 'entries', entries, seq: entries.at(-1)?.seq ?? req.lastSeq, serverTime, participantId: this.participantId, role: 'participant' };
    }
    let v = this.baseView;
    for (const e of this.log) {
      for (const ev of e.events) if (ev.type === 'note') v = { ...v, notes: [...v.notes.filter((n) => n.id !== ev.note.id), ev.note] };
      v = { ...v, seq: e.seq };
    }
    return { mode: 'snapshot', view: v, seq: v.seq, serverTime, participantId: this.participantId, role: 'participant' };
  }

  private submit(req: SubmitRequest): Promise<Ack> {
    if (this.holdSubmits) {
      return new Promise<Ack>((resolve, reject) => this.heldSubmits.push({ resolve, reject, req }));
    }
    return Promise.resolve(this.decide(req));
  }

  private decide(req: SubmitRequest): Ack {
    const seen = this.applied.get(req.clientOpId);
    if (seen !== undefined) return { clientOpId: req.clientOpId, status: 'duplicate', seq: seen };
    const entry: EntryMessage = {
      seq: this.log.length + 1,
      at: new Date(this.now()).toISOString(),
      actorId: this.participantId,
      clientOpId: req.clientOpId,
      commandType: req.command.type,
      status: 'accepted',
      events: eventsFor(req.command),
    };
    this.log.push(entry);
    this.applied.set(req.clientOpId, entry.seq);
    if (this.connected && !this.mute) this.push('entry', entry);
    return { clientOpId: req.clientOpId, status: 'accepted', seq: entry.seq };
  }

  private failHeld(): void {
    // The commands reached the server before the line went dead: they are applied, the answers lost.
    const held = this.heldSubmits.splice(0);
    for (const h of held) {
      this.decide(h.req);
      h.reject(new Error('Invocation canceled due to the underlying connection being closed.'));
    }
  }
}

function eventsFor(command: BoardCommand): EntryMessage['events'] {
  if (command.type === 'addNote') return [{ type: 'note', note: note(command.noteId, command.text, { kind: command.kind, authorId: 'p1' }) }];
  return [];
}
