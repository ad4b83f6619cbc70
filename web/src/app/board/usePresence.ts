import { useEffect, useState } from 'react';
import type { SyncClient } from '../../sync/client';
import type { PresenceMessage } from '../../sync/protocol';

export interface SeenPresence extends PresenceMessage {
  at: number;
}

const HEARTBEAT_MS = 10000;
const ONLINE_WINDOW_MS = 25000;

/** Others' presence (cursors, typing) plus a heartbeat so everyone can tell who is online. */
export function usePresence(client: SyncClient, connected: boolean): { others: Map<string, SeenPresence>; isOnline: (id: string) => boolean } {
  const [others, setOthers] = useState(() => new Map<string, SeenPresence>());
  const [, setTick] = useState(0);
  useEffect(
    () =>
      client.onPresence((p) =>
        setOthers((prev) => {
          const next = new Map(prev);
          next.set(p.participantId, { ...p, at: Date.now() });
          return next;
        }),
      ),
    [client],
  );
  useEffect(() => {
    if (!connected) return;
    client.sendPresence({ kind: 'idle' });
    const beat = setInterval(() => {
      client.sendPresence({ kind: 'idle' });
      setTick((t) => t + 1);
    }, HEARTBEAT_MS);
    return () => clearInterval(beat);
  }, [client, connected]);
  const isOnline = (id: string) => {
    const seen = others.get(id);
    return seen !== undefined && Date.now() - seen.at < ONLINE_WINDOW_MS;
  };
  return { others, isOnline };
}
