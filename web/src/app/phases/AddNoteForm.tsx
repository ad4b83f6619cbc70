import { useState, type FormEvent, type ReactNode } from 'react';
import { newClientOpId } from '../../sync/client';
import type { Iso, NoteKind } from '../../sync/protocol';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';

interface Props {
  kind: NoteKind;
  label: string;
  buttonLabel: string;
  placeholder?: string;
  /** Extra fields (e.g. the time of a timeline note); return false to refuse the submit. */
  extra?: ReactNode;
  occurredAt?: () => Iso | undefined;
  onAdded?: () => void;
}

/** Adds a note; the note id is chosen here so later commands can refer to it before the outcome arrives. */
export function AddNoteForm({ kind, label, buttonLabel, placeholder, extra, occurredAt, onAdded }: Props) {
  const { submit, can } = useBoard();
  const [text, setText] = useState('');
  const disabled = !can.addableNoteKinds.includes(kind);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const at = occurredAt?.();
    void submit({ type: 'addNote', noteId: newClientOpId(), kind, text: value, ...(at ? { occurredAt: at } : {}), position: Date.now() });
    setText('');
    onAdded?.();
  };
  return (
    <form className={`add-note add-${kind}`} onSubmit={onSubmit}>
      <CoachedText label={label} value={text} onChange={setText} placeholder={placeholder} disabled={disabled} />
      {extra}
      <button type="submit" className="primary" disabled={disabled || text.trim() === ''}>
        {buttonLabel}
      </button>
    </form>
  );
}
