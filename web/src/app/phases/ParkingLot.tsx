import { useBoard } from '../board/BoardContext';
import { AddNoteForm } from './AddNoteForm';
import { NoteCard, PendingNotes } from './NoteCard';

/** "Why" questions put aside until the root-cause phase. */
export function ParkingLot() {
  const { view } = useBoard();
  const parked = view.notes.filter((n) => n.kind === 'parkingLot').sort((a, b) => a.position - b.position);
  return (
    <section className="parking-lot" aria-labelledby="parking-title">
      <h3 id="parking-title">Parking lot</h3>
      <p className="muted">A "why" that comes up now waits here for the root-cause phase.</p>
      <div className="note-list">
        {parked.map((n) => (
          <NoteCard key={n.id} note={n} />
        ))}
        <PendingNotes kinds={['parkingLot']} />
      </div>
      <AddNoteForm kind="parkingLot" label="Park a question" buttonLabel="Park it" placeholder="Why did the job not alert?" />
    </section>
  );
}
