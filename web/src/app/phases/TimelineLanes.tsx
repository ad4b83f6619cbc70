import { KEY_MOMENTS, type KeyMoment, type Note } from '../../sync/protocol';
import { keyMomentLabel } from '../../lib/labels';
import { formatInZone } from '../../lib/time';
import { useBoard } from '../board/BoardContext';
import { NoteCard, PendingNotes } from './NoteCard';

/** Two lanes, events and signals, in one shared chronological order so they line up in time. */
export function TimelineLanes({ notes }: { notes: readonly Note[] }) {
  const sorted = [...notes].sort((a, b) => (a.occurredAt ?? '\uffff').localeCompare(b.occurredAt ?? '\uffff') || a.position - b.position);
  const columns = Math.max(1, sorted.length);
  return (
    <div className="lanes" role="group" aria-label="Timeline lanes">
      {(['event', 'signal'] as const).map((lane) => (
        <section key={lane} className={`lane lane-${lane}`} aria-label={lane === 'event' ? 'Events' : 'Signals'}>
          <h3 className="lane-title">{lane === 'event' ? 'Events' : 'Signals noticed or missed'}</h3>
          <div className="lane-track" style={{ gridTemplateColumns: `repeat(${columns}, minmax(11rem, 1fr))` }}>
            {sorted.map((n, i) =>
              n.kind === lane ? (
                <div key={n.id} style={{ gridColumn: i + 1 }}>
                  <TimelineNote note={n} />
                </div>
              ) : null,
            )}
          </div>
          <PendingNotes kinds={[lane]} />
        </section>
      ))}
    </div>
  );
}

function TimelineNote({ note }: { note: Note }) {
  const { view, submit, readOnlyFor } = useBoard();
  const readOnly = readOnlyFor('timeline');
  const other = note.kind === 'event' ? 'signal' : 'event';
  return (
    <NoteCard note={note} className={note.keyMoment ? 'key-moment' : ''} header={<p className="note-time">{note.occurredAt ? formatInZone(note.occurredAt, view.meta.timeZone) : 'no time yet'}</p>}>
      <div className="note-controls">
        <label className="visually-hidden" htmlFor={`km-${note.id}`}>
          Key moment for {note.text}
        </label>
        <select
          id={`km-${note.id}`}
          value={note.keyMoment ?? ''}
          disabled={readOnly}
          onChange={(e) => void submit({ type: 'markKeyMoment', noteId: note.id, moment: e.target.value === '' ? null : (e.target.value as KeyMoment) })}
        >
          <option value="">Key moment…</option>
          {KEY_MOMENTS.map((k) => (
            <option key={k} value={k}>
              {keyMomentLabel[k]}
            </option>
          ))}
        </select>
        <button type="button" className="small" disabled={readOnly} onClick={() => void submit({ type: 'moveNote', noteId: note.id, kind: other })} aria-label={`Move to ${other === 'event' ? 'events' : 'signals'}: ${note.text}`}>
          → {other === 'event' ? 'Events' : 'Signals'}
        </button>
      </div>
    </NoteCard>
  );
}
