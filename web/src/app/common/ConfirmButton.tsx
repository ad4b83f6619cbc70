import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A button that asks before it acts, in place (no browser dialog): the question and its two answers
 * replace the button, focus moves to "confirm", Escape or "Cancel" steps back.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  onConfirm,
  danger = false,
  className = 'small',
}: {
  label: string;
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={openerRef} type="button" className={`${className} ${danger ? 'danger' : ''}`} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setAsking(false);
    }
  };
  return (
    <span className="confirm" role="group" aria-label={question} onKeyDown={onKeyDown}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={`small ${danger ? 'danger-solid' : 'primary'}`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
