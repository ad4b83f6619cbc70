import { phaseHint } from '../../lib/labels';
import { PrimeDirectiveQuote } from '../common/PrimeDirectiveQuote';
import { storage } from '../../lib/storage';
import { useBoard } from '../board/BoardContext';
import { PreviousOpenActions } from '../pages/PreviousOpenActions';

export function SetTheRoomPhase() {
  const { view, me, submit, can } = useBoard();
  const previous = can.facilitates ? storage.previousActions(view.meta.boardId) : [];
  const agreed = me?.agreedPrimeDirective ?? false;
  const people = view.participants.filter((p) => !p.removed && !p.left);
  const agreedCount = people.filter((p) => p.agreedPrimeDirective).length;
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Set the room</h2>
      <p className="phase-hint">{phaseHint.setTheRoom}</p>
      <PrimeDirectiveQuote text={view.meta.primeDirective} />
      <div className="row">
        <button type="button" className={agreed ? 'agreed' : 'primary'} aria-pressed={agreed} onClick={() => void submit({ type: 'agreePrimeDirective', agreed: !agreed })}>
          {agreed ? '✓ Agreed' : 'I agree'}
        </button>
        <span className="muted">
          {agreedCount} of {people.length} agreed — a tool to point back at, not a gate.
        </span>
      </div>
      <h3>What we leave with</h3>
      <ol className="deliverables">
        <li>
          <strong>A timeline</strong> — what happened and which signals we noticed or missed.
        </li>
        <li>
          <strong>A root cause</strong> — one structural sentence, something engineering work can change.
        </li>
        <li>
          <strong>Two or three actions</strong> — each with one named owner and a due date.
        </li>
      </ol>
      {previous.length > 0 && (
        <details className="previous-details">
          <summary>Open actions from the previous post-mortems ({previous.length}) — only you see this list</summary>
          <PreviousOpenActions actions={previous} />
        </details>
      )}
    </section>
  );
}
