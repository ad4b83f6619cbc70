import { PHASES } from '../../sync/protocol';
import { phaseLabel } from '../../lib/labels';
import { useBoard } from './BoardContext';

/** The facilitator's controls. Only rendered for the facilitator; the server refuses them from anyone else. */
export function FacilitatorPanel() {
  const { view, submit, can } = useBoard();
  const { meta } = view;
  const locked = meta.lockedPhases.includes(meta.phase);
  const timer = meta.timer;
  const coach = PHASES.map((p) => [p, view.derived.coachCounts[p] ?? 0] as const).filter(([, n]) => n > 0);
  return (
    <section className="facilitator-panel" aria-labelledby="fac-title">
      <h2 id="fac-title">Facilitator</h2>
      <div className="control-group" role="group" aria-label="Phase">
        <button type="button" onClick={() => void submit({ type: 'goBackPhase' })} disabled={!can.mayGoBack}>
          ← Back
        </button>
        <button type="button" className="primary" onClick={() => void submit({ type: 'advancePhase' })} disabled={!can.mayAdvance}>
          Next phase →
        </button>
      </div>
      <div className="control-group" role="group" aria-label="Lock">
        <button type="button" aria-pressed={locked} onClick={() => void submit(locked ? { type: 'unlockPhase', phase: meta.phase } : { type: 'lockPhase', phase: meta.phase })}>
          {locked ? `Unlock ${phaseLabel[meta.phase]}` : `Lock ${phaseLabel[meta.phase]}`}
        </button>
      </div>
      <div className="control-group" role="group" aria-label="Timer">
        {timer.status === 'idle' && (
          <button type="button" onClick={() => void submit({ type: 'startTimer' })}>
            Start timer
          </button>
        )}
        {timer.status === 'running' && (
          <button type="button" onClick={() => void submit({ type: 'pauseTimer' })}>
            Pause
          </button>
        )}
        {timer.status === 'paused' && (
          <button type="button" onClick={() => void submit({ type: 'resumeTimer' })}>
            Resume
          </button>
        )}
        {timer.status !== 'idle' && (
          <>
            <button type="button" onClick={() => void submit({ type: 'extendTimer', seconds: 60 })} aria-label="Extend timer by one minute">
              +1 min
            </button>
            <button type="button" onClick={() => void submit({ type: 'extendTimer', seconds: 300 })} aria-label="Extend timer by five minutes">
              +5 min
            </button>
            <button type="button" onClick={() => void submit({ type: 'resetTimer' })}>
              Reset
            </button>
          </>
        )}
      </div>
      <div className="control-group" role="group" aria-label="Room">
        <button type="button" aria-pressed={meta.primeDirectiveShown} onClick={() => void submit({ type: 'showPrimeDirective', shown: !meta.primeDirectiveShown })}>
          {meta.primeDirectiveShown ? 'Hide Prime Directive' : 'Show Prime Directive to all'}
        </button>
        {can.votingOpen && (
          <button type="button" onClick={() => void submit({ type: 'revealVotes' })}>
            Reveal votes ({view.derived.voters} voted)
          </button>
        )}
        <button type="button" aria-pressed={meta.boardLocked} onClick={() => void submit(meta.boardLocked ? { type: 'unlockBoard' } : { type: 'lockBoard' })}>
          {meta.boardLocked ? 'Unlock board' : 'Lock board'}
        </button>
      </div>
      {coach.length > 0 && (
        <p className="coach-counts">
          Coach hints: {coach.map(([p, n]) => `${phaseLabel[p]} ${n}`).join(' · ')}
        </p>
      )}
    </section>
  );
}
