import type { SyncClient } from '../src/sync/client';

declare global {
  interface Window {
    postmortem?: { client: SyncClient };
  }
}
