import { useState, type FormEvent, type ReactNode } from 'react';
import type { Note } from '../../sync/protocol';
import { EDIT_KEYS_HINT, editKeys } from '../../lib/editKeys';
import { CoachHints } from '../common/CoachHints';
import { EditRemoveButtons, SaveCancel, useInlineEdit } from '../common/InlineEdit';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';

/** One sticky note: text (always as text), author, coach badge, and edit/delete for its author or the facilitator. */
export function NoteCard({ note, header, children, className = '' }: { note: Note; header?: ReactNode; children?: ReactNode; className?: string }) {
  const { nameOf, submit, mayEditNote, snap } = useBoard();
  const { editing, open, close, editButton } = useInlineEdit();
  const [draft, setDraft] = useState(note.text);
  const mayEdit = mayEditNote(note.id);
  // An edit on its way is shown as such: nothing is applied before the server orders it.
  const pendingEdit = snap.pending.findLast((p) => p.command.type === 'editNote' && p.command.noteId === note.id);
  const pendingText = pendingEdit?.command.type === 'editNote' ? pendingEdit.command.text : null;
  const deleting = snap.pending.some((p) => p.command.type === 'deleteNote' && p.command.noteId === note.id);

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    const text = draft.trim();
    if (text && text !== note.text) void submit({ type: 'editNote', noteId: note.id, text });
    close();
  };

  return (
    <article className={`note note-${note.kind} ${deleting ? 'deleting' : ''} ${className}`} data-testid="note" data-note-id={note.id}>
      {header}
      {editing ? (
        <form className="note-edit" onSubmit={save} aria-label={`Edit note: ${note.text}`}>
          <CoachedText label="Note text" hideLabel value={draft} onChange={setDraft} multiline noteId={note.id} autoFocus onKeyDown={editKeys(save, close)} hint={EDIT_KEYS_HINT} />
          <SaveCancel disabled={!draft.trim()} onCancel={close} />
        </form>
      ) : pendingText !== null ? (
        <p className="note-text pending-edit">
          {pendingText} <span className="sending">saving…</span>
        </p>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      <footer className="note-meta">
        <span className="note-author">{nameOf(note.authorId)}</span>
        <CoachHints flags={note.flags} compact />
        {mayEdit && !editing && (
          <span className="note-tools">
            <EditRemoveButtons
              editButton={editButton}
              editAriaLabel={`Edit note: ${note.text}`}
              onEdit={() => {
                setDraft(pendingText ?? note.text);
                open();
              }}
              removeLabel="Delete"
              removeAriaLabel={`Delete note: ${note.text}`}
              question="Delete this note?"
              confirmLabel="Delete"
              onRemove={() => void submit({ type: 'deleteNote', noteId: note.id })}
            />
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
