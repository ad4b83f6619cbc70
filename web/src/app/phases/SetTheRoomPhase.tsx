import { PRIME_DIRECTIVE_ATTRIBUTION, phaseHint } from '../../lib/labels';
import { useBoard } from '../board/BoardContext';

export function SetTheRoomPhase() {
  const { view, me, submit } = useBoard();
  const agreed = me?.agreedPrimeDirective ?? false;
  const people = view.participants.filter((p) => !p.removed && !p.left);
  const agreedCount = people.filter((p) => p.agreedPrimeDirective).length;
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Set the room</h2>
      <p className="phase-hint">{phaseHint.setTheRoom}</p>
      <figure className="prime-card">
        <blockquote className="prime-directive">{view.meta.primeDirective}</blockquote>
        <figcaption>— {PRIME_DIRECTIVE_ATTRIBUTION}</figcaption>
      </figure>
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
    </section>
  );
}
