import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { SyncClient } from '../../sync/client';
import { browserSessionStorage, storagePendingStore } from '../../sync/pendingStore';
import { SignalRTransport } from '../../sync/signalrTransport';
import { storage, type StoredAccess } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { Link } from '../common/Link';
import { BoardContext, buildContext } from './BoardContext';
import { BoardLayout } from './BoardLayout';
import { ConnectionBanner } from './ConnectionBanner';

declare global {
  interface Window {
    /** Test and debugging hook: the live sync client of the open board. */
    postmortem?: { client: SyncClient };
  }
}

export function BoardPage({ boardId }: { boardId: string }) {
  const access = storage.access(boardId);
  if (!access) return <NoAccess boardId={boardId} />;
  return <LiveBoard boardId={boardId} access={access} />;
}

function LiveBoard({ boardId, access }: { boardId: string; access: StoredAccess }) {
  const [client, setClient] = useState<SyncClient | null>(null);
  useEffect(() => {
    const c = new SyncClient({
      boardId,
      transport: new SignalRTransport('', () => access.token),
      pendingStore: storagePendingStore(browserSessionStorage(), boardId, access.participantId),
    });
    setClient(c);
    window.postmortem = { client: c };
    c.start();
    const online = () => c.networkChanged(true);
    const offline = () => c.networkChanged(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      void c.stop();
      if (window.postmortem?.client === c) delete window.postmortem;
    };
  }, [boardId, access.token, access.participantId]);
  if (!client) return <Loading />;
  return <ClientBoard client={client} boardId={boardId} />;
}

function ClientBoard({ client, boardId }: { client: SyncClient; boardId: string }) {
  const snap = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const view = snap.view;
  const ctx = useMemo(() => (view ? buildContext(client, snap, view) : null), [client, snap, view]);
  if (snap.fatal) return <Stopped code={snap.fatal.code} message={snap.fatal.message} boardId={boardId} />;
  if (!ctx) {
    return (
      <>
        <ConnectionBanner status={snap.status} pending={snap.pending.length} />
        <Loading />
      </>
    );
  }
  return (
    <BoardContext.Provider value={ctx}>
      <BoardLayout />
    </BoardContext.Provider>
  );
}

function Loading() {
  return (
    <main className="page narrow" aria-busy="true">
      <p className="muted">Opening the board…</p>
    </main>
  );
}

function Stopped({ code, message, boardId }: { code: string; message: string; boardId: string }) {
  const removed = code === 'participant_removed';
  return (
    <>
      <AppHeader />
      <main className="page narrow stopped" data-testid={removed ? 'removed' : 'stopped'} data-code={code}>
        <h1>{removed ? 'You were removed from this post-mortem' : 'This board cannot be opened here'}</h1>
        <p role="alert" className="fatal">
          {message}
        </p>
        {removed ? (
          <p>
            Nothing more from this browser is sent to the board. If this was a mistake, ask the facilitator to share the join link again and join under your
            name.
          </p>
        ) : (
          <p>
            If you are the facilitator, open your secret facilitator link. Otherwise ask the facilitator for the join link of board <code>{boardId}</code>.
          </p>
        )}
        <p>
          <Link to="/">Back to the start</Link>
        </p>
      </main>
    </>
  );
}

function NoAccess({ boardId }: { boardId: string }) {
  return (
    <>
      <AppHeader />
      <main className="page narrow">
        <h1>Join this post-mortem</h1>
        <p>This browser has not joined board {boardId} yet. Open the join link the facilitator shared with you.</p>
        <p className="muted">Facilitators: open your secret facilitator link to take the role back from this browser.</p>
        <p>
          <Link to="/">Back to the start</Link>
        </p>
      </main>
    </>
  );
}
