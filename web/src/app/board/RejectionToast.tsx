import { useEffect } from 'react';
import { useBoard } from './BoardContext';

const friendly: Record<string, string> = {
  not_facilitator: 'Only the facilitator can do that.',
  phase_locked: 'This phase is locked by the facilitator.',
  board_locked: 'The board is locked: it is read-only now.',
  no_votes_left: 'You have used all your votes. Retract one to vote again.',
  rate_limited: 'Slow down a little — too many changes at once.',
};

/** Tells the author, briefly, when the server refused one of their changes. */
export function RejectionToast() {
  const { snap, client } = useBoard();
  const r = snap.lastRejection;
  useEffect(() => {
    if (!r) return;
    const t = setTimeout(() => client.clearRejection(), 6000);
    return () => clearTimeout(t);
  }, [r, client]);
  if (!r) return null;
  return (
    <div className="toast" role="alert" data-code={r.code} data-testid="rejection">
      <span>{friendly[r.code] ?? r.message}</span> <code>{r.code}</code>
      <button type="button" className="link-button" onClick={() => client.clearRejection()} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
