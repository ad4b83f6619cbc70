// Where the offline queue outlives the page: commands the server has not confirmed are written to
// sessionStorage (one tab's session: a reload keeps them, another tab does not send them twice) and
// read back by the next SyncClient of the same board and participant, which resends them with their
// original clientOpIds — the server applies each once and answers "duplicate" for one it already has.
import type { PendingCommand } from './client';
import type { BoardCommand } from './protocol';

export interface PendingStore {
  load(): PendingCommand[];
  save(pending: readonly PendingCommand[]): void;
}

/** The minimal Storage surface used (sessionStorage in the browser, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const MAX_KEPT = 200;

export function pendingKey(boardId: string, participantId: string): string {
  return `pm:pending:${boardId}:${participantId}`;
}

export function storagePendingStore(storage: KeyValueStorage | null, boardId: string, participantId: string): PendingStore {
  const key = pendingKey(boardId, participantId);
  return {
    load() {
      if (!storage) return [];
      try {
        const raw = storage.getItem(key);
        if (raw === null) return [];
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.filter(isPendingCommand).map(({ clientOpId, command, createdAt }) => ({ clientOpId, command, createdAt })) : [];
      } catch {
        return [];
      }
    },
    save(pending) {
      if (!storage) return;
      // Confirmed commands are in the log already; only what the server has not answered is kept.
      const unconfirmed = pending.filter((p) => p.ackedSeq === undefined).slice(-MAX_KEPT);
      try {
        if (unconfirmed.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(unconfirmed.map(({ clientOpId, command, createdAt }) => ({ clientOpId, command, createdAt }))));
      } catch {
        // Full or unavailable storage: the queue still lives in memory for this page.
      }
    },
  };
}

/** sessionStorage when the browser allows it (private modes may throw on access). */
export function browserSessionStorage(): KeyValueStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function isPendingCommand(value: unknown): value is PendingCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { clientOpId?: unknown; command?: unknown; createdAt?: unknown };
  return (
    typeof v.clientOpId === 'string' &&
    v.clientOpId.length > 0 &&
    typeof v.createdAt === 'number' &&
    typeof v.command === 'object' &&
    v.command !== null &&
    typeof (v.command as BoardCommand).type === 'string'
  );
}
