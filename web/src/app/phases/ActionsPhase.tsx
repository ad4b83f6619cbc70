import { phaseHint } from '../../lib/labels';
import { useBoard } from '../board/BoardContext';
import { ActionDetailsForm } from './ActionDetailsForm';
import { AddNoteForm } from './AddNoteForm';
import { PendingNotes } from './NoteCard';
import { VotingList } from './VotingList';

export function ActionsPhase() {
  const { view } = useBoard();
  const actions = view.notes.filter((n) => n.kind === 'action');
  const chosen = actions.filter((n) => n.action?.chosen);
  const notReady = new Set(view.derived.notReadyActions);
  const ready = chosen.filter((n) => !notReady.has(n.id));
  const parked = chosen.filter((n) => notReady.has(n.id));
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Actions</h2>
      <p className="phase-hint">{phaseHint.actions}</p>
      <AddNoteForm kind="action" label="Propose an action" buttonLabel="Add action" placeholder="e.g. Contract tests between the subscription API and reconciliation" />
      <PendingNotes kinds={['action']} />
      <VotingList actions={actions} />
      {view.derived.tooManyActions && (
        <p className="warning" role="status" data-testid="too-many">
          More than three actions are chosen. Two or three that get done beat six that don't.
        </p>
      )}
      {ready.length > 0 && (
        <section aria-labelledby="chosen-title" className="chosen">
          <h3 id="chosen-title">Chosen actions</h3>
          {ready.map((n) => (
            <ActionDetailsForm key={n.id} note={n} notReady={false} />
          ))}
        </section>
      )}
      {parked.length > 0 && (
        <section aria-labelledby="parked-title" className="parked">
          <h3 id="parked-title">Parked — not ready</h3>
          <p className="muted">Each chosen action needs one named owner (a person, not a team) and a due date (a date, not “next sprint”).</p>
          {parked.map((n) => (
            <ActionDetailsForm key={n.id} note={n} notReady />
          ))}
        </section>
      )}
    </section>
  );
}
