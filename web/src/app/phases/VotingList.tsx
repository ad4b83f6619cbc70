import type { Note } from '../../sync/protocol';
import { useBoard } from '../board/BoardContext';
import { NoteCard } from './NoteCard';

/** Vote (hidden until reveal), then the ranking by votes with the facilitator's tie-breaks. */
export function VotingList({ actions }: { actions: readonly Note[] }) {
  const { view, submit, can } = useBoard();
  const { meta, derived } = view;
  const left = can.votesLeft;
  const byId = new Map(actions.map((n) => [n.id, n]));
  const ranked = meta.votesRevealed && derived.ranking.length > 0 ? derived.ranking.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])) : [...actions].sort((a, b) => a.position - b.position);
  const unranked = meta.votesRevealed ? actions.filter((n) => !derived.ranking.includes(n.id)) : [];
  const list = [...ranked, ...unranked];
  const top = Math.max(1, ...list.map((n) => view.tallies?.[n.id] ?? 0));

  const moveUp = (index: number) => {
    const order = list.map((n) => n.id);
    [order[index - 1], order[index]] = [order[index]!, order[index - 1]!];
    void submit({ type: 'setTieBreakOrder', noteIds: order });
  };

  return (
    <section className="voting" aria-labelledby="voting-title">
      <div className="voting-head">
        <h3 id="voting-title">{meta.votesRevealed ? 'Ranking' : 'Vote'}</h3>
        <p className="votes-left" data-testid="votes-left">
          {left} of {meta.votesPerParticipant} votes left
        </p>
        {!meta.votesRevealed && <p className="muted">Votes stay hidden until the facilitator reveals them · {derived.voters} voted so far</p>}
      </div>
      <ol className="action-list">
        {list.map((n, i) => {
          const mine = view.myVotes.filter((id) => id === n.id).length;
          const tally = view.tallies?.[n.id];
          const chosen = n.action?.chosen ?? false;
          return (
            <li key={n.id} className={`action-item ${chosen ? 'chosen' : ''} ${meta.votesRevealed ? 'revealed' : ''}`} data-testid="action-item">
              <span className="rank" aria-label={meta.votesRevealed ? `Rank ${i + 1}` : undefined}>
                {meta.votesRevealed ? i + 1 : ''}
              </span>
              <NoteCard note={n} />
              <div className="vote-count">
                {meta.votesRevealed ? (
                  <>
                    <span className="tally" aria-label={`${tally ?? 0} votes`}>
                      {tally ?? 0} votes
                    </span>
                    <span className="tally-bar" aria-hidden="true">
                      <span style={{ width: `${((tally ?? 0) / top) * 100}%` }} />
                    </span>
                  </>
                ) : (
                  <span className="muted small-text">hidden</span>
                )}
                <span className="my-votes">{mine > 0 ? `your votes: ${mine}` : ''}</span>
              </div>
              <div className="vote-tools">
                {can.votingOpen && (
                  <>
                    <button type="button" className="small" disabled={left === 0} onClick={() => void submit({ type: 'castVote', noteId: n.id })} aria-label={`Vote for: ${n.text}`}>
                      + Vote
                    </button>
                    <button type="button" className="small" disabled={!can.retractableVotes.includes(n.id)} onClick={() => void submit({ type: 'retractVote', noteId: n.id })} aria-label={`Retract a vote from: ${n.text}`}>
                      − Retract
                    </button>
                  </>
                )}
                {can.facilitates && can.mayChange && (
                  <>
                    <button type="button" className={chosen ? 'small agreed' : 'small'} aria-pressed={chosen} onClick={() => void submit({ type: 'chooseAction', noteId: n.id, chosen: !chosen })} aria-label={`${chosen ? 'Unchoose' : 'Choose'}: ${n.text}`}>
                      {chosen ? '✓ Chosen' : 'Choose'}
                    </button>
                    {derived.ties.includes(n.id) && (
                      <button type="button" className="small" onClick={() => moveUp(i)} aria-label={`Break the tie: rank above the previous action`}>
                        ↑ Tie-break
                      </button>
                    )}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
