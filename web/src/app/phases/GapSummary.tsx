import { gapName, keyMomentLabel } from '../../lib/labels';
import { formatMinutes } from '../../lib/time';
import { useBoard } from '../board/BoardContext';

/** The gaps between key moments, computed by Core; the largest is called out. */
export function GapSummary() {
  const { view } = useBoard();
  const { gaps, largestGap } = view.derived;
  const largest = gaps.find((g) => g.name === largestGap);
  if (gaps.length === 0) {
    return <p className="muted gap-empty">Mark key moments on the notes (trigger, impact starts, detected, mitigated, resolved) to see the gaps between them.</p>;
  }
  return (
    <section className="gaps" aria-labelledby="gaps-title">
      <h3 id="gaps-title">Gaps between key moments</h3>
      {largest && (
        <p className="gap-headline">
          The longest stretch is <strong>{gapName(largest.name).toLowerCase()}</strong>: <strong>{formatMinutes(largest.minutes)}</strong>. What in the system kept it quiet that long?
        </p>
      )}
      <ul>
        {gaps.map((g) => (
          <li key={g.name} className={g.name === largestGap ? 'gap largest' : 'gap'} data-testid={g.name === largestGap ? 'largest-gap' : 'gap'}>
            <span className="gap-name">{gapName(g.name)}</span>
            <span className="gap-moments">
              {keyMomentLabel[g.from]} → {keyMomentLabel[g.to]}
            </span>
            <strong className="gap-minutes">{formatMinutes(g.minutes)}</strong>
            {g.name === largestGap && <span className="tag warn">largest gap</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
