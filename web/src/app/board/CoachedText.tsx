import { useId, type KeyboardEvent } from 'react';
import { CoachHints } from '../common/CoachHints';
import { useBoard } from './BoardContext';
import { useCoach } from './useCoach';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
  hideLabel?: boolean;
  noteId?: string;
  autoFocus?: boolean;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  hint?: string;
}

/** A text field with the language coach's hints under it as the person types. */
export function CoachedText({ label, value, onChange, multiline, placeholder, maxLength = 1000, disabled, hideLabel, noteId, autoFocus, onKeyDown, hint }: Props) {
  const id = useId();
  const { client } = useBoard();
  const flags = useCoach(value);
  const change = (text: string) => {
    onChange(text);
    client.sendPresence({ kind: 'typing', ...(noteId ? { noteId } : {}) });
  };
  const common = {
    id,
    value,
    placeholder,
    maxLength,
    disabled,
    autoFocus,
    onKeyDown,
    'aria-describedby': [flags.length > 0 ? `${id}-coach` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => change(e.target.value)} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <div id={`${id}-coach`}>
        <CoachHints flags={flags} onUseSuggestion={change} />
      </div>
    </div>
  );
}
