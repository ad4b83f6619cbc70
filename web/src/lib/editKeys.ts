import type { KeyboardEvent } from 'react';

export const EDIT_KEYS_HINT = 'Ctrl+Enter saves · Esc cancels';
export const LINE_EDIT_HINT = 'Enter saves · Esc cancels';

/** Keyboard for inline editors: Ctrl/Cmd+Enter saves (Enter alone in a single-line field), Escape cancels. */
export function editKeys(save: () => void, cancel: () => void) {
  return (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || e.currentTarget.tagName === 'INPUT')) {
      e.preventDefault();
      save();
    }
  };
}
