import { useBoard } from './BoardContext';
import type { SeenPresence } from './usePresence';

const STALE_MS = 5000;

/** Other people's pointers over the board, as small name tags (ephemeral, not part of the log). */
export function Cursors({ others }: { others: Map<string, SeenPresence> }) {
  const { nameOf, myId } = useBoard();
  const now = Date.now();
  const cursors = [...others.values()].filter((p) => p.kind === 'cursor' && p.participantId !== myId && p.x !== undefined && p.y !== undefined && now - p.at < STALE_MS);
  return (
    <div className="cursors" aria-hidden="true">
      {cursors.map((p) => (
        <span key={p.participantId} className="cursor" style={{ left: `${(p.x ?? 0) * 100}%`, top: `${(p.y ?? 0) * 100}%` }}>
          <span className="cursor-dot" />
          <span className="cursor-name">{nameOf(p.participantId)}</span>
        </span>
      ))}
    </div>
  );
}
