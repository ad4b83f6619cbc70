import { PHASES, type Phase } from '../../sync/protocol';
import { phaseLabel } from '../../lib/labels';
import { useBoard } from './BoardContext';

/** The six phases: where the meeting is, what is locked, and which one this person is looking at. */
export function PhaseBar({ viewing, onView }: { viewing: Phase; onView: (p: Phase) => void }) {
  const { view } = useBoard();
  const current = PHASES.indexOf(view.meta.phase);
  const minutes = new Map(view.meta.agenda.map((s) => [s.phase, s.minutes]));
  return (
    <nav className="phase-bar" aria-label="Phases">
      <ol>
        {PHASES.map((p, i) => {
          const locked = view.meta.lockedPhases.includes(p);
          const state = i < current ? 'done' : i === current ? 'current' : 'upcoming';
          const m = minutes.get(p);
          return (
            <li key={p} className={`phase-step ${state} phase-${p} ${viewing === p ? 'viewing' : ''}`}>
              <button type="button" onClick={() => onView(p)} aria-current={i === current ? 'step' : undefined} aria-label={`${i + 1}. ${phaseLabel[p]}${i === current ? ' (current)' : ''}${locked ? ' (locked)' : ''}`}>
                <span className="phase-num">{i + 1}</span>
                <span className="phase-name">{phaseLabel[p]}</span>
                {m !== undefined && <span className="phase-min">{m}′</span>}
                {locked && (
                  <span className="lock" title="Locked">
                    🔒
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
