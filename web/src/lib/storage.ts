// What this browser remembers per board: its access token, and for the creator the board's links.
import type { PreviousOpenAction } from '../api/incidentLog';

export interface StoredAccess {
  participantId: string;
  token: string;
  name?: string;
}

export interface StoredLinks {
  joinCode: string;
  facilitatorSecret: string;
  readKey: string;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the session still works, it just is not remembered.
  }
}

export const storage = {
  access: (boardId: string) => read<StoredAccess>(`pm:access:${boardId}`),
  saveAccess: (boardId: string, access: StoredAccess) => write(`pm:access:${boardId}`, access),
  forgetAccess: (boardId: string) => localStorage.removeItem(`pm:access:${boardId}`),
  links: (boardId: string) => read<StoredLinks>(`pm:links:${boardId}`),
  saveLinks: (boardId: string, links: StoredLinks) => write(`pm:links:${boardId}`, links),
  readKey: (boardId: string) => read<string>(`pm:readkey:${boardId}`) ?? read<StoredLinks>(`pm:links:${boardId}`)?.readKey ?? null,
  saveReadKey: (boardId: string, key: string) => write(`pm:readkey:${boardId}`, key),
  /** The open actions of the previous post-mortems, as the create response listed them (creator only). */
  previousActions: (boardId: string) => read<PreviousOpenAction[]>(`pm:previous:${boardId}`) ?? [],
  savePreviousActions: (boardId: string, actions: readonly PreviousOpenAction[]) => write(`pm:previous:${boardId}`, actions),
  lastName: () => read<string>('pm:name'),
  saveLastName: (name: string) => write('pm:name', name),
};
