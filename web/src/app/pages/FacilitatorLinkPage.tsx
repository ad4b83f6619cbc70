import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/http';
import { fragmentParam, links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { navigate } from '../router';

/** The facilitator's secret link: takes the role back in whatever browser opens it. */
export function FacilitatorLinkPage({ boardId }: { boardId: string }) {
  const secret = fragmentParam('secret');
  const [error, setError] = useState<string | null>(secret ? null : 'This facilitator link is incomplete.');
  useEffect(() => {
    if (!secret) return;
    let live = true;
    api
      .reclaimFacilitator(boardId, secret)
      .then((r) => {
        if (!live) return;
        storage.saveAccess(boardId, { participantId: r.participantId, token: r.token });
        // With the read key this browser can open the write-up, exports and sign-off link too.
        if (r.readKey) storage.saveReadKey(boardId, r.readKey);
        navigate(links.board(boardId), { replace: true });
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof ApiError ? err.message : 'Could not take the facilitator role.');
      });
    return () => {
      live = false;
    };
  }, [boardId, secret]);
  return (
    <>
      <AppHeader />
      <main className="page narrow">
        <h1>Facilitator link</h1>
        {error ? <ErrorMessage error={error} /> : <p className="muted">Taking the facilitator role…</p>}
      </main>
    </>
  );
}
