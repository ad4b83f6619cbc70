import { useId, useState } from 'react';
import { api, ApiError } from '../../api/http';
import type { ActionView } from '../../api/incidentLog';
import { ACTION_STATUSES, type ActionStatus } from '../../sync/protocol';
import { actionStatusLabel } from '../../lib/labels';
import { storage } from '../../lib/storage';

const refusals: Record<string, string> = {
  not_owner: 'Only the action’s owner or the facilitator can change its status.',
  participant_removed: 'You were removed from that post-mortem, so you cannot change its actions.',
  unauthorized: 'This browser’s access to that post-mortem is no longer valid. Open your board link again.',
};

/**
 * An action's status. Owners and the facilitator change it with the board token this browser got when
 * they joined (the server checks which of the two they are); everyone else sees it read-only.
 */
export function ActionStatusControl({ action, onChanged }: { action: ActionView; onChanged: (updated: ActionView | null) => void }) {
  const id = useId();
  const access = storage.access(action.boardId);
  const [saving, setSaving] = useState<ActionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!access) {
    return (
      <span className={`status status-${action.status}`} data-testid="action-status">
        {actionStatusLabel[action.status]}
      </span>
    );
  }

  const change = async (status: ActionStatus) => {
    setSaving(status);
    setError(null);
    try {
      const r = await api.updateAction(action.boardId, action.noteId, status, access.token);
      // The action as the server now shows it (overdue included); without one the caller reloads.
      onChanged(r.action ?? null);
    } catch (err) {
      setError(err instanceof ApiError ? (refusals[err.code] ?? err.message) : 'Could not update the action. Try again.');
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className="status-control">
      <label className="visually-hidden" htmlFor={`${id}-status`}>
        Status of {action.text}
      </label>
      <select id={`${id}-status`} value={saving ?? action.status} disabled={saving !== null} onChange={(e) => void change(e.target.value as ActionStatus)} data-testid="action-status-select">
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {actionStatusLabel[s]}
          </option>
        ))}
      </select>
      {saving && <span className="muted small-text"> saving…</span>}
      {error && (
        <p className="error small-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** "overdue by N days", as the server counted them. */
export function OverdueTag({ days }: { days: number }) {
  return (
    <span className="tag overdue-tag" data-testid="overdue">
      overdue{days > 0 ? ` by ${days} day${days === 1 ? '' : 's'}` : ''}
    </span>
  );
}
