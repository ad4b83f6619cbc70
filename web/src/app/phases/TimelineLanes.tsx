import { KEY_MOMENTS, type KeyMoment, type Note } from '../../sync/protocol';
import { keyMomentLabel } from '../../lib/labels';
import { formatInZone, formatMinutes } from '../../lib/time';
import { useBoard } from '../board/BoardContext';
import { NoteCard, PendingNotes } from './NoteCard';

/**
 * Two lanes, events and signals, on either side of one time spine: every note has its own row in
 * chronological order, so the lanes line up in time and long silences are called out between rows.
 * Vertical, so a shared screen never hides part of the timeline behind a horizontal scroll.
 */
export function TimelineLanes({ notes }: { notes: readonly Note[] }) {
  const { view } = useBoard();
  const zone = view.meta.timeZone;
  const sorted = [...notes].sort((a, b) => (a.occurredAt ?? '\uffff').localeCompare(b.occurredAt ?? '\uffff') || a.position - b.position);
  const largest = view.derived.gaps.find((g) => g.name === view.derived.largestGap);
  return (
    <div className="lanes" role="group" aria-label="Timeline lanes">
      {sorted.length > 0 && (
        <div className="spine-head" aria-hidden="true">
          <h3 className="lane-title lane-event">Events</h3>
          <span />
          <h3 className="lane-title lane-signal">Signals noticed or missed</h3>
        </div>
      )}
      {sorted.length === 0 && <p className="muted spine-empty">Nothing on the timeline yet. Add what happened above, with its time.</p>}
      <ol className="spine">
        {sorted.map((n, i) => {
          const prev = sorted[i - 1];
          const silence = prev?.occurredAt && n.occurredAt ? Math.round((Date.parse(n.occurredAt) - Date.parse(prev.occurredAt)) / 60000) : 0;
          const inLargest = !!largest && !!prev?.occurredAt && !!n.occurredAt && prev.occurredAt >= largest.fromAt && n.occurredAt <= largest.toAt;
          return (
            <li key={n.id} className={`spine-row lane-${n.kind}`}>
              {silence >= 60 && (
                <p className={`spine-silence ${inLargest ? 'largest' : ''}`}>
                  <span>{formatMinutes(silence)} later</span>
                </p>
              )}
              <div className="spine-cell event">
                {n.kind === 'event' && <TimelineNote note={n} />}
              </div>
              <div className="spine-time">
                <span className={`spine-dot ${n.keyMoment ? 'key' : ''}`} aria-hidden="true" />
                <span className="visually-hidden">{n.kind === 'event' ? 'Event' : 'Signal'} at</span>
                <span className="spine-clock">{n.occurredAt ? formatInZone(n.occurredAt, zone) : 'no time yet'}</span>
                {n.keyMoment && <span className="spine-moment">{keyMomentLabel[n.keyMoment]}</span>}
              </div>
              <div className="spine-cell signal">
                {n.kind === 'signal' && <TimelineNote note={n} />}
              </div>
            </li>
          );
        })}
      </ol>
      <PendingNotes kinds={['event', 'signal']} />
    </div>
  );
}

function TimelineNote({ note }: { note: Note }) {
  const { submit, can, mayEditNote } = useBoard();
  const mayMove = mayEditNote(note.id);
  const other = note.kind === 'event' ? 'signal' : 'event';
  return (
    <NoteCard note={note} className={note.keyMoment ? 'key-moment' : ''}>
      <div className="note-controls">
        <label className="visually-hidden" htmlFor={`km-${note.id}`}>
          Key moment for {note.text}
        </label>
        <select
          id={`km-${note.id}`}
          value={note.keyMoment ?? ''}
          disabled={!can.mayMarkKeyMoments}
          onChange={(e) => void submit({ type: 'markKeyMoment', noteId: note.id, moment: e.target.value === '' ? null : (e.target.value as KeyMoment) })}
        >
          <option value="">Key moment…</option>
          {KEY_MOMENTS.map((k) => (
            <option key={k} value={k}>
              {keyMomentLabel[k]}
            </option>
          ))}
        </select>
        <button type="button" className="small" disabled={!mayMove} onClick={() => void submit({ type: 'moveNote', noteId: note.id, kind: other })} aria-label={`Move to ${other === 'event' ? 'events' : 'signals'}: ${note.text}`}>
          → {other === 'event' ? 'Events' : 'Signals'}
        </button>
      </div>
    </NoteCard>
  );
}
