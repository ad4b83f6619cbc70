import { phaseHint } from '../../lib/labels';
import { useBoard } from '../board/BoardContext';
import { AddNoteForm } from './AddNoteForm';
import { NoteCard, PendingNotes } from './NoteCard';

export function ContributingFactorsPhase() {
  const { view } = useBoard();
  const factors = view.notes.filter((n) => n.kind === 'contributingFactor').sort((a, b) => a.position - b.position);
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Contributing factors</h2>
      <p className="phase-hint">{phaseHint.contributingFactors} A missing alert, a late Friday deploy, stale docs, a runbook that didn't match, a reasonable assumption that turned out wrong.</p>
      <AddNoteForm kind="contributingFactor" label="A contributing factor" buttonLabel="Add factor" placeholder="e.g. The reconciliation job had no alerting" />
      <div className="note-list">
        {factors.map((n) => (
          <NoteCard key={n.id} note={n} />
        ))}
        <PendingNotes kinds={['contributingFactor']} />
      </div>
    </section>
  );
}
