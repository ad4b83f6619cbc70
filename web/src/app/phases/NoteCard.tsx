import { useState, type ReactNode } from 'react';
import type { Note } from '../../sync/protocol';
import { CoachHints } from '../common/CoachHints';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';

/** One sticky note: text (always as text), author, coach badge, and edit/delete for its author or the facilitator. */
export function NoteCard({ note, header, children, className = '' }: { note: Note; header?: ReactNode; children?: ReactNode; className?: string }) {
  const { myId, isFacilitator, nameOf, submit, readOnlyFor, view } = useBoard();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const mayEdit = (note.authorId === myId || isFacilitator) && !readOnlyFor(view.meta.phase);

  const save = () => {
    const text = draft.trim();
    if (text && text !== note.text) void submit({ type: 'editNote', noteId: note.id, text });
    setEditing(false);
  };

  return (
    <article className={`note note-${note.kind} ${className}`} data-testid="note" data-note-id={note.id}>
      {header}
      {editing ? (
        <div className="note-edit">
          <CoachedText label="Edit note" hideLabel value={draft} onChange={setDraft} multiline noteId={note.id} />
          <div className="row">
            <button type="button" className="primary small" onClick={save}>
              Save
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      <footer className="note-meta">
        <span className="note-author">{nameOf(note.authorId)}</span>
        <CoachHints flags={note.flags} compact />
        {mayEdit && !editing && (
          <span className="note-tools">
            <button
              type="button"
              className="icon-button"
              onClick={() => {
                setDraft(note.text);
                setEditing(true);
              }}
              aria-label={`Edit note: ${note.text}`}
            >
              Edit
            </button>
            <button type="button" className="icon-button" onClick={() => void submit({ type: 'deleteNote', noteId: note.id })} aria-label={`Delete note: ${note.text}`}>
              Delete
            </button>
          </span>
        )}
      </footer>
      {children}
    </article>
  );
}

/** Notes this person added that the server has not ordered yet: listed, never applied locally. */
export function PendingNotes({ kinds }: { kinds: readonly string[] }) {
  const { snap } = useBoard();
  const pending = snap.pending.flatMap((p) => (p.command.type === 'addNote' && kinds.includes(p.command.kind) ? [{ id: p.clientOpId, text: p.command.text }] : []));
  if (pending.length === 0) return null;
  return (
    <ul className="pending-notes" aria-label="Sending">
      {pending.map((p) => (
        <li key={p.id} className="note pending" data-testid="pending-note">
          <p className="note-text">{p.text}</p>
          <span className="sending">sending…</span>
        </li>
      ))}
    </ul>
  );
}
