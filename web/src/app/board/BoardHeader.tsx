import { formatInZone } from '../../lib/time';
import { incidentTypeLabel, phaseLabel } from '../../lib/labels';
import { useBoard } from './BoardContext';
import { TimerDisplay } from './TimerDisplay';

export function BoardHeader() {
  const { view, me, submit, can } = useBoard();
  const { meta } = view;
  const ready = me?.ready ?? false;
  return (
    <header className="board-header">
      <div className="board-title">
        <p className="eyebrow">
          Blameless post-mortem · {incidentTypeLabel[meta.incidentType] ?? meta.incidentType} · severity {meta.severity} ·{' '}
          {formatInZone(meta.incidentAt, meta.timeZone)} ({meta.timeZone})
        </p>
        <h1>{meta.title}</h1>
        {view.derived.lateMeeting && <p className="notice">Held more than 48 hours after the incident: memories fade, lean on the pre-work timeline.</p>}
        {meta.boardLocked && <p className="notice locked">This board is locked: it is read-only now.</p>}
      </div>
      <TimerDisplay />
      {me && (
        <button
          type="button"
          className={`ready-toggle ${ready ? 'on' : ''}`}
          aria-pressed={ready}
          disabled={!can.maySetReady}
          onClick={() => void submit({ type: 'setReady', ready: !ready })}
        >
          {ready ? `✓ Ready — ${phaseLabel[meta.phase]}` : `I'm done with ${phaseLabel[meta.phase]}`}
        </button>
      )}
    </header>
  );
}
