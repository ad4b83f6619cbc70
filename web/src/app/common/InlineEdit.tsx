import { useRef, useState, type RefObject } from 'react';
import { ConfirmButton } from './ConfirmButton';

/** Open/closed state of an inline editor; closing puts the keyboard back on the Edit button that opened it. */
export function useInlineEdit(): { editing: boolean; open: () => void; close: () => void; editButton: RefObject<HTMLButtonElement | null> } {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  return {
    editing,
    open: () => setEditing(true),
    close: () => {
      setEditing(false);
      requestAnimationFrame(() => editButton.current?.focus());
    },
    editButton,
  };
}

/** The Save / Cancel row under an inline editor. */
export function SaveCancel({ saveLabel = 'Save', disabled, onCancel }: { saveLabel?: string; disabled: boolean; onCancel: () => void }) {
  return (
    <div className="row">
      <button type="submit" className="primary small" disabled={disabled}>
        {saveLabel}
      </button>
      <button type="button" className="small" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** An Edit button and a Remove button that asks first, for one item on the board. */
export function EditRemoveButtons({
  editButton,
  editAriaLabel,
  onEdit,
  removeLabel,
  removeAriaLabel,
  question,
  confirmLabel,
  onRemove,
}: {
  editButton: RefObject<HTMLButtonElement | null>;
  editAriaLabel: string;
  onEdit: () => void;
  removeLabel: string;
  removeAriaLabel: string;
  question: string;
  confirmLabel: string;
  onRemove: () => void;
}) {
  return (
    <>
      <button ref={editButton} type="button" className="icon-button" onClick={onEdit} aria-label={editAriaLabel}>
        Edit
      </button>
      <ConfirmButton label={removeLabel} ariaLabel={removeAriaLabel} question={question} confirmLabel={confirmLabel} danger className="icon-button" onConfirm={onRemove} />
    </>
  );
}
