import { useId, useState, type FormEvent } from 'react';
import { ACTION_KINDS, type ActionDetailField, type ActionKind, type Note } from '../../sync/protocol';
import { actionKindLabel } from '../../lib/labels';
import { formatInZone } from '../../lib/time';
import { useBoard } from '../board/BoardContext';

/** Owner, due date, kind and tracker link of a chosen action, and the owner's "yes". */
export function ActionDetailsForm({ note, notReady }: { note: Note; notReady: boolean }) {
  const { view, submit, myId, can, mayEditNote } = useBoard();
  const a = note.action;
  const id = useId();
  const [owner, setOwner] = useState(a?.owner ?? '');
  const [due, setDue] = useState(a?.dueDate ?? '');
  const [kind, setKind] = useState<ActionKind>(a?.actionKind ?? 'shortTerm');
  const [tracker, setTracker] = useState(a?.trackerUrl ?? '');
  const readOnly = !mayEditNote(note.id);
  const people = view.participants.filter((p) => !p.removed);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const match = people.find((p) => p.name.trim().toLowerCase() === owner.trim().toLowerCase());
    const clear: ActionDetailField[] = [];
    if (!owner.trim()) clear.push('owner', 'ownerParticipantId');
    else if (!match) clear.push('ownerParticipantId');
    if (!due) clear.push('dueDate');
    if (!tracker.trim()) clear.push('trackerUrl');
    void submit({
      type: 'setActionDetails',
      noteId: note.id,
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(match ? { ownerParticipantId: match.id } : {}),
      ...(due ? { dueDate: due } : {}),
      actionKind: kind,
      ...(tracker.trim() ? { trackerUrl: tracker.trim() } : {}),
      ...(clear.length > 0 ? { clear } : {}),
    });
  };

  const mayAcknowledge = !a?.acknowledgedAt && can.acknowledgeableActions.includes(note.id);
  return (
    <form className={`action-details ${notReady ? 'not-ready' : 'ready'}`} onSubmit={save} aria-label={`Details: ${note.text}`} data-testid="action-details">
      <p className="action-title">
        {note.text} {notReady ? <span className="tag warn">not ready</span> : <span className="tag ready">ready</span>}
        {a?.acknowledgedAt && (
          <span className="tag soft" title={formatInZone(a.acknowledgedAt, view.meta.timeZone)}>
            ✓ owner said yes
          </span>
        )}
      </p>
      <div className="detail-fields">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner (one person)</label>
          <input id={`${id}-owner`} list={`${id}-people`} value={owner} onChange={(e) => setOwner(e.target.value)} disabled={readOnly} maxLength={60} />
          <datalist id={`${id}-people`}>
            {people.map((p) => (
              <option key={p.id} value={p.name} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} disabled={readOnly} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ActionKind)} disabled={readOnly}>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {actionKindLabel[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tracker`}>Tracker link (optional)</label>
          <input id={`${id}-tracker`} type="url" value={tracker} onChange={(e) => setTracker(e.target.value)} disabled={readOnly} placeholder="https://…" maxLength={500} />
        </div>
      </div>
      <div className="row">
        {!readOnly && (
          <button type="submit" className="primary small">
            Save details
          </button>
        )}
        {mayAcknowledge && (
          <button type="button" className="small" onClick={() => void submit({ type: 'acknowledgeAction', noteId: note.id })}>
            {a?.ownerParticipantId === myId ? 'Yes, I own this' : 'Record owner’s yes'}
          </button>
        )}
      </div>
    </form>
  );
}
