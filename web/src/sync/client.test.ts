import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncClient } from './client';
import type { SyncClientOptions } from './client';
import { FakeTransport } from './testing/fakeTransport';
import { entry, view } from './testing/fixtures';

let ids = 0;

function setup(options: Partial<SyncClientOptions> = {}, transport = new FakeTransport()) {
  const client = new SyncClient({
    boardId: 'b1',
    transport,
    newId: () => `op-client-${++ids}`,
    gapTimeoutMs: 1000,
    reconnectDelaysMs: [0, 1000, 2000],
    offlineAfterAttempts: 2,
    ...options,
  });
  return { client, transport };
}

/** Runs timers and the promise jobs they start until the engine settles. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

async function started(options: Partial<SyncClientOptions> = {}, transport = new FakeTransport()) {
  const s = setup(options, transport);
  s.client.start();
  await settle();
  return s;
}

function noteTexts(client: SyncClient): string[] {
  return (client.getSnapshot().view?.notes ?? []).map((n) => n.text);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-04T12:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('joining', () => {
  it('joins with a snapshot and becomes connected', async () => {
    const { client, transport } = await started();
    const s = client.getSnapshot();
    expect(s.status).toBe('connected');
    expect(s.view?.meta.title).toBe('Pause subscription incident');
    expect(s.participantId).toBe('p1');
    expect(transport.calls[0]).toEqual({ method: 'Join', arg: { boardId: 'b1' } });
  });
});

describe('entry ordering', () => {
  it('applies entries in sequence order and buffers ones that arrive early', async () => {
    const { client, transport } = await started();
    transport.push('entry', entry(2));
    transport.push('entry', entry(3));
    expect(noteTexts(client)).toEqual([]);
    expect(client.getSnapshot().lastSeq).toBe(0);

    transport.push('entry', entry(1));
    expect(noteTexts(client)).toEqual(['note 1', 'note 2', 'note 3']);
    expect(client.getSnapshot().lastSeq).toBe(3);
  });

  it('ignores an entry it has already applied', async () => {
    const { client, transport } = await started();
    transport.push('entry', entry(1));
    transport.push('entry', entry(1, { events: [{ type: 'noteRemoved', noteId: 'n1' }] }));
    expect(noteTexts(client)).toEqual(['note 1']);
  });

  it('rejoins with lastSeq when a gap does not fill in time and applies the missed entries', async () => {
    const { client, transport } = await started();
    transport.appendOther(entry(1));
    transport.mute = true;
    transport.appendOther(entry(2));
    transport.mute = false;
    transport.appendOther(entry(3));
    expect(noteTexts(client)).toEqual(['note 1']);

    await settle(999);
    expect(transport.calls.filter((c) => c.method === 'Join')).toHaveLength(1);
    await settle(1);

    const joins = transport.calls.filter((c) => c.method === 'Join');
    expect(joins).toHaveLength(2);
    expect(joins[1]!.arg).toEqual({ boardId: 'b1', lastSeq: 1 });
    expect(noteTexts(client)).toEqual(['note 1', 'note 2', 'note 3']);
    expect(client.getSnapshot().lastSeq).toBe(3);
  });

  it('does not rejoin when the gap fills before the timeout', async () => {
    const { client, transport } = await started();
    transport.push('entry', entry(2));
    await settle(500);
    transport.push('entry', entry(1));
    await settle(2000);
    expect(transport.calls.filter((c) => c.method === 'Join')).toHaveLength(1);
    expect(client.getSnapshot().lastSeq).toBe(2);
  });

  it('a rejoin answered with a snapshot replaces the view and drops buffered entries it covers', async () => {
    const { client, transport } = await started();
    transport.forceSnapshot = true;
    transport.mute = true;
    transport.appendOther(entry(1));
    transport.mute = false;
    transport.appendOther(entry(2));
    await settle(1000);
    expect(noteTexts(client).sort()).toEqual(['note 1', 'note 2']);
    expect(client.getSnapshot().lastSeq).toBe(2);
  });
});

describe('commands', () => {
  it('lists a command as pending until its entry is applied, then resolves it accepted', async () => {
    const { client, transport } = await started();
    transport.mute = true;
    const { result } = client.submit({ type: 'addNote', noteId: 'mine', kind: 'event', text: 'API change deployed' });
    await settle();
    // Acked, but the entry has not reached us yet: still "sending…".
    expect(client.getSnapshot().pending.map((p) => p.command.type)).toEqual(['addNote']);
    transport.push('entry', transport.log[0]!);
    await expect(result).resolves.toMatchObject({ status: 'accepted', seq: 1 });
    expect(client.getSnapshot().pending).toEqual([]);
    expect(noteTexts(client)).toEqual(['API change deployed']);
  });

  it('never applies a pending command to the view before the server has ordered it', async () => {
    // A started client with a view: the command is acked, but its entry has not arrived.
    const { client, transport } = await started();
    transport.mute = true;
    client.submit({ type: 'addNote', noteId: 'x', kind: 'event', text: 'queued' });
    await settle();
    expect(client.getSnapshot().view).not.toBeNull();
    expect(noteTexts(client)).toEqual([]);
    expect(client.getSnapshot().pending).toHaveLength(1);
    transport.push('entry', transport.log[0]!);
    await settle();
    expect(noteTexts(client)).toEqual(['queued']);
  });

  it('queues commands while offline and sends each exactly once when the connection returns', async () => {
    const { client, transport } = await started();
    transport.drop(new Error('WebSocket closed with status code: 1006'));
    transport.refuseWith = new Error('Failed to fetch');
    await settle();
    expect(client.getSnapshot().status).toBe('reconnecting');

    const a = client.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'first' });
    const b = client.submit({ type: 'addNote', noteId: 'b', kind: 'signal', text: 'second' });
    await settle(3000);
    expect(client.getSnapshot().status).toBe('offline');
    expect(transport.submitted()).toEqual([]);
    expect(client.getSnapshot().pending).toHaveLength(2);

    transport.refuseWith = null;
    await settle(2000);
    expect(client.getSnapshot().status).toBe('connected');
    await expect(a.result).resolves.toMatchObject({ status: 'accepted' });
    await expect(b.result).resolves.toMatchObject({ status: 'accepted' });
    expect(transport.submitted().map((s) => s.clientOpId)).toEqual([a.clientOpId, b.clientOpId]);
    expect(transport.log.map((e) => e.clientOpId)).toEqual([a.clientOpId, b.clientOpId]);
    expect(noteTexts(client)).toEqual(['first', 'second']);
    expect(client.getSnapshot().pending).toEqual([]);
  });

  it('resends a command whose answer was lost with the same clientOpId and settles on the duplicate ack', async () => {
    const { client, transport } = await started();
    transport.holdSubmits = true;
    const { clientOpId, result } = client.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'once' });
    await settle();
    // The server applies it, then the line dies before the answer; the catch-up is a snapshot, so
    // the client cannot tell its command was applied and must resend.
    transport.forceSnapshot = true;
    transport.drop(new Error('connection lost'));
    transport.holdSubmits = false;
    await settle(10);

    await expect(result).resolves.toMatchObject({ status: 'duplicate', seq: 1 });
    expect(transport.submitted().map((s) => s.clientOpId)).toEqual([clientOpId, clientOpId]);
    expect(transport.log).toHaveLength(1);
    expect(noteTexts(client)).toEqual(['once']);
    expect(client.getSnapshot().pending).toEqual([]);
  });

  it('settles a command from the catch-up entries without resending it', async () => {
    const { client, transport } = await started();
    transport.holdSubmits = true;
    const { result } = client.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'once' });
    await settle();
    transport.drop(new Error('connection lost'));
    transport.holdSubmits = false;
    await settle(10);
    await expect(result).resolves.toMatchObject({ status: 'accepted', seq: 1 });
    expect(transport.submitted()).toHaveLength(1);
  });

  it('reports a rejected entry of its own and removes it from pending', async () => {
    const { client, transport } = await started();
    transport.holdSubmits = true;
    const { clientOpId, result } = client.submit({ type: 'advancePhase' });
    await settle();
    transport.push('entry', entry(1, { actorId: 'p1', clientOpId, commandType: 'advancePhase', status: 'rejected', code: 'not_facilitator', message: 'Only the facilitator can do that.', events: [] }));
    await expect(result).resolves.toMatchObject({ status: 'rejected', code: 'not_facilitator' });
    expect(client.getSnapshot().lastRejection).toMatchObject({ code: 'not_facilitator', commandType: 'advancePhase' });
    expect(client.getSnapshot().pending).toEqual([]);
    expect(client.getSnapshot().lastSeq).toBe(1);
  });
});

describe('errors', () => {
  it('keeps retrying after a retryable failure to connect', async () => {
    const transport = new FakeTransport();
    transport.refuseWith = new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch');
    const { client } = await started({}, transport);
    expect(client.getSnapshot().status).toBe('reconnecting');
    transport.refuseWith = null;
    await settle(1000);
    expect(client.getSnapshot().status).toBe('connected');
    // Refused at once, retried at once (refused again), then after the second delay.
    expect(transport.starts).toBe(3);
  });

  it('stops for good on a fatal message and does not reconnect', async () => {
    const { client, transport } = await started();
    transport.holdSubmits = true;
    const { result } = client.submit({ type: 'setReady', ready: true });
    await settle();
    transport.push('fatal', { code: 'participant_removed', message: 'removed' });
    await settle();
    transport.drop();
    await settle(10000);
    const s = client.getSnapshot();
    expect(s.status).toBe('stopped');
    expect(s.fatal).toMatchObject({ code: 'participant_removed', fatal: true });
    expect(s.fatal?.message).toMatch(/removed you/);
    expect(transport.starts).toBe(1);
    await expect(result).resolves.toMatchObject({ status: 'rejected' });
  });

  it('treats an unauthorized join as fatal', async () => {
    const transport = new FakeTransport();
    transport.joinError = new Error("An unexpected error occurred invoking 'Join' on the server. HubException: unauthorized: token is not valid");
    const { client } = await started({}, transport);
    expect(client.getSnapshot().status).toBe('stopped');
    expect(client.getSnapshot().fatal?.code).toBe('unauthorized');
    await settle(10000);
    expect(transport.starts).toBe(1);
  });

  it('treats a refused negotiation (401) as fatal', async () => {
    const transport = new FakeTransport();
    transport.refuseWith = Object.assign(new Error('Unauthorized'), { statusCode: 401 });
    const { client } = await started({}, transport);
    expect(client.getSnapshot().fatal?.code).toBe('unauthorized');
  });

  it('retries a rate-limited command under the same clientOpId', async () => {
    const { client, transport } = await started();
    const original = transport.invoke.bind(transport);
    let refused = false;
    transport.invoke = async <T,>(method: string, arg: unknown): Promise<T> => {
      if (method === 'Submit' && !refused) {
        refused = true;
        transport.calls.push({ method, arg });
        return { clientOpId: (arg as { clientOpId: string }).clientOpId, status: 'rejected', code: 'rate_limited' } as T;
      }
      return original<T>(method, arg);
    };
    const { clientOpId, result } = client.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'x' });
    await settle(1000);
    await expect(result).resolves.toMatchObject({ status: 'accepted' });
    expect(transport.submitted().map((s) => s.clientOpId)).toEqual([clientOpId, clientOpId]);
  });
});

describe('network signal', () => {
  it('drops the connection when the browser goes offline and rejoins with lastSeq when it returns', async () => {
    const { client, transport } = await started();
    transport.appendOther(entry(1));
    client.networkChanged(false);
    await settle();
    expect(client.getSnapshot().status).toBe('offline');
    expect(transport.connected).toBe(false);
    const { result } = client.submit({ type: 'addNote', noteId: 'q', kind: 'event', text: 'while offline' });
    transport.appendOther(entry(2));
    await settle();
    expect(transport.submitted()).toEqual([]);

    client.networkChanged(true);
    await settle();
    await expect(result).resolves.toMatchObject({ status: 'accepted', seq: 3 });
    expect(transport.calls.filter((c) => c.method === 'Join').map((c) => c.arg)).toEqual([{ boardId: 'b1' }, { boardId: 'b1', lastSeq: 1 }]);
    expect(noteTexts(client)).toEqual(['note 1', 'note 2', 'while offline']);
  });
});

describe('clock', () => {
  it('estimates the server clock offset from the Ping midpoint', async () => {
    const transport = new FakeTransport();
    transport.serverAheadMs = 5000;
    const { client } = await started({}, transport);
    expect(client.getSnapshot().clockOffsetMs).toBe(5000);
    expect(client.serverNow()).toBe(Date.now() + 5000);
  });

  it('prefers the sample with the shortest round trip', async () => {
    const transport = new FakeTransport();
    const { client } = await started({ pingIntervalMs: 1000 }, transport);
    const original = transport.invoke.bind(transport);
    // A slow ping: the answer arrives 400 ms later, and the server read its clock at the very end.
    transport.invoke = async <T,>(method: string, arg: unknown): Promise<T> => {
      if (method !== 'Ping') return original<T>(method, arg);
      await new Promise((r) => setTimeout(r, 400));
      return { clientTime: arg as number, serverTime: Date.now() } as T;
    };
    await settle(1400);
    // The slow sample alone would say the server is 200 ms behind; the fast one (0) wins.
    expect(client.getSnapshot().clockOffsetMs).toBe(0);
  });
});

describe('presence', () => {
  it('throttles presence to one message per interval, latest position wins', async () => {
    const { client, transport } = await started({ presenceIntervalMs: 100 });
    for (let x = 0; x < 10; x++) {
      client.sendPresence({ kind: 'cursor', x, y: 0 });
      await settle(10);
    }
    await settle(200);
    const sent = transport.calls.filter((c) => c.method === 'Presence').map((c) => (c.arg as { x: number }).x);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent.at(-1)).toBe(9);
  });

  it('passes presence of others to listeners, one call per update in a batch', async () => {
    const { client, transport } = await started();
    const seen: string[] = [];
    client.onPresence((p) => seen.push(`${p.participantId}:${p.kind}`));
    transport.push('presence', {
      updates: [
        { participantId: 'p2', kind: 'typing', noteId: 'n1' },
        { participantId: 'p3', kind: 'cursor', x: 1, y: 2 },
      ],
    });
    expect(seen).toEqual(['p2:typing', 'p3:cursor']);
  });

  it('skips its own update in a batch', async () => {
    const { client, transport } = await started();
    const me = client.getSnapshot().participantId;
    expect(me).toBeTruthy();
    const seen: string[] = [];
    client.onPresence((p) => seen.push(p.participantId));
    transport.push('presence', { updates: [{ participantId: me, kind: 'cursor', x: 1, y: 1 }, { participantId: 'p2', kind: 'idle' }] });
    expect(seen).toEqual(['p2']);
  });
});

describe('view passed to join', () => {
  it('uses the view the server sends for this viewer', async () => {
    const transport = new FakeTransport(() => Date.now(), view(0, { myVotes: ['x'] }));
    const { client } = await started({}, transport);
    expect(client.getSnapshot().view?.myVotes).toEqual(['x']);
  });
});
