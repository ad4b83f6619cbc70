import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncClient } from './client';
import { pendingKey, storagePendingStore, type KeyValueStorage } from './pendingStore';
import { FakeTransport } from './testing/fakeTransport';

/** sessionStorage stand-in: one tab's storage, surviving the "reload" of a client. */
class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

let ids = 0;

/** A page: a fresh SyncClient over the same server and the same tab storage. */
function page(transport: FakeTransport, storage: KeyValueStorage, participantId = 'p1') {
  return new SyncClient({
    boardId: 'b1',
    transport,
    newId: () => `op-${++ids}`,
    reconnectDelaysMs: [0, 1000],
    pendingStore: storagePendingStore(storage, 'b1', participantId),
  });
}

async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
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

describe('pending commands across a page reload', () => {
  it('keeps commands queued offline in tab storage and resends them with the same clientOpIds after a reload', async () => {
    const storage = new MemoryStorage();
    const transport = new FakeTransport();
    const before = page(transport, storage);
    before.start();
    await settle();
    before.networkChanged(false);
    await settle();
    const a = before.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'typed offline' });
    const b = before.submit({ type: 'addNote', noteId: 'b', kind: 'signal', text: 'also offline' });
    expect(storage.getItem(pendingKey('b1', 'p1'))).toContain('typed offline');
    // The page goes away without ever reaching the server.
    await before.stop();
    expect(transport.submitted()).toEqual([]);

    const after = page(transport, storage);
    expect(after.getSnapshot().pending.map((p) => p.clientOpId)).toEqual([a.clientOpId, b.clientOpId]);
    after.start();
    await settle();

    expect(after.getSnapshot().status).toBe('connected');
    expect(transport.submitted().map((s) => s.clientOpId)).toEqual([a.clientOpId, b.clientOpId]);
    expect(noteTexts(after)).toEqual(['typed offline', 'also offline']);
    expect(after.getSnapshot().pending).toEqual([]);
    expect(storage.getItem(pendingKey('b1', 'p1'))).toBeNull();
  });

  it('a command the server applied before the reload is resent once, answered duplicate, and appears once', async () => {
    const storage = new MemoryStorage();
    const transport = new FakeTransport();
    const before = page(transport, storage);
    before.start();
    await settle();
    transport.holdSubmits = true;
    const { clientOpId } = before.submit({ type: 'addNote', noteId: 'a', kind: 'event', text: 'applied, answer lost' });
    await settle();
    // Reload while the answer is on its way: the server has applied it, the page never hears back.
    await before.stop();
    transport.holdSubmits = false;
    expect(transport.log).toHaveLength(1);

    const after = page(transport, storage);
    const seen: string[] = [];
    const acks = transport.invoke.bind(transport);
    transport.invoke = async <T,>(method: string, arg: unknown): Promise<T> => {
      const answer = await acks<T>(method, arg);
      if (method === 'Submit') seen.push((answer as { status: string }).status);
      return answer;
    };
    after.start();
    await settle();

    expect(transport.submitted().map((s) => s.clientOpId)).toEqual([clientOpId, clientOpId]);
    expect(seen).toEqual(['duplicate']);
    expect(transport.log).toHaveLength(1);
    expect(noteTexts(after)).toEqual(['applied, answer lost']);
    expect(after.getSnapshot().pending).toEqual([]);
    expect(storage.getItem(pendingKey('b1', 'p1'))).toBeNull();
  });

  it('keeps queues apart per board and participant', async () => {
    const storage = new MemoryStorage();
    const transport = new FakeTransport();
    transport.refuseWith = new Error('Failed to fetch');
    const ana = page(transport, storage, 'ana');
    ana.submit({ type: 'setReady', ready: true });
    await ana.stop();

    expect(page(transport, storage, 'ben').getSnapshot().pending).toEqual([]);
    expect(page(transport, storage, 'ana').getSnapshot().pending.map((p) => p.command)).toEqual([{ type: 'setReady', ready: true }]);
    expect(storagePendingStore(storage, 'other-board', 'ana').load()).toEqual([]);
  });

  it('ignores stored text that is not a queue', () => {
    const storage = new MemoryStorage();
    storage.setItem(pendingKey('b1', 'p1'), '{not json');
    expect(storagePendingStore(storage, 'b1', 'p1').load()).toEqual([]);
    storage.setItem(pendingKey('b1', 'p1'), JSON.stringify([{ clientOpId: 'x' }, { clientOpId: 'y', createdAt: 1, command: { type: 'leave' } }]));
    expect(storagePendingStore(storage, 'b1', 'p1').load().map((p) => p.clientOpId)).toEqual(['y']);
  });

  it('forgets the queue when the server refuses this participant for good', async () => {
    const storage = new MemoryStorage();
    const transport = new FakeTransport();
    const client = page(transport, storage);
    client.start();
    await settle();
    transport.holdSubmits = true;
    client.submit({ type: 'setReady', ready: true });
    await settle();
    expect(storage.getItem(pendingKey('b1', 'p1'))).not.toBeNull();
    transport.push('fatal', { code: 'participant_removed', message: 'removed' });
    await settle();
    expect(client.getSnapshot().status).toBe('stopped');
    expect(storage.getItem(pendingKey('b1', 'p1'))).toBeNull();
  });
});
