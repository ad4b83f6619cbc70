import { useEffect, useId, useState } from 'react';
import { api } from '../../api/http';
import type { ActionView } from '../../api/incidentLog';
import { actionKindLabel } from '../../lib/labels';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { Link } from '../common/Link';
import { useFetch } from '../pages/useFetch';
import { DueCell, OwnerCell, TicketLink } from './ActionCells';
import { ActionStatusControl } from './ActionStatusControl';
import { incidentLink } from './links';

function overdueFromUrl(): boolean {
  return new URLSearchParams(window.location.search).get('overdue') === 'true';
}

/** Actions of every closed post-mortem; owners (or the facilitator) update them, overdue ones stand out. */
export function FollowUpPage() {
  const id = useId();
  const [overdueOnly, setOverdueOnly] = useState(overdueFromUrl);
  useEffect(() => {
    window.history.replaceState(null, '', overdueOnly ? '/actions?overdue=true' : '/actions');
  }, [overdueOnly]);
  const { state, reload } = useFetch(() => api.actions(overdueOnly), String(overdueOnly));
  // A change shows at once; the next answer from the server replaces it.
  const [local, setLocal] = useState<ReadonlyMap<string, ActionView>>(new Map());
  useEffect(() => setLocal(new Map()), [state]);
  const actions = state.status === 'ok' ? state.data.map((a) => local.get(keyOf(a)) ?? a) : [];
  const overdueCount = actions.filter((a) => a.overdue).length;
  // Overdue first, then by due date; the server's order breaks ties.
  const sorted = [...actions].sort((a, b) => Number(b.overdue) - Number(a.overdue));

  return (
    <>
      <AppHeader />
      <main className="page wide">
        <div className="page-head">
          <h1>Action follow-up</h1>
          <Link to="/incidents" className="button">
            Incident log
          </Link>
        </div>
        <p className="lead">After the meeting, each owner (or the facilitator) keeps their action’s status current. Overdue actions come first.</p>
        <div className="row filter-row">
          <label className="checkbox" htmlFor={`${id}-overdue`}>
            <input id={`${id}-overdue`} type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Only overdue actions
          </label>
          {state.status === 'ok' && (
            <span className="muted" role="status">
              {actions.length} action{actions.length === 1 ? '' : 's'}
              {overdueCount > 0 && (
                <>
                  {' · '}
                  <span className="overdue">{overdueCount} overdue</span>
                </>
              )}
            </span>
          )}
        </div>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && <ErrorMessage error={state.error.message} />}
        {state.status === 'ok' &&
          (sorted.length === 0 ? (
            <div className="empty-state" role="status">
              <p>{overdueOnly ? 'Nothing is overdue.' : 'No actions yet: they appear here once a post-mortem is closed.'}</p>
            </div>
          ) : (
            <table className="data-table followup-table">
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Post-mortem</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((a) => (
                  <tr key={keyOf(a)} className={`${a.overdue ? 'overdue-row' : ''} status-row-${a.status}`} data-testid="followup-action">
                    <td>
                      <span className="action-text">{a.text}</span>
                      <span className="muted small-text"> · {actionKindLabel[a.kind] ?? a.kind}</span>
                      <TicketLink url={a.trackerUrl} className="small-text" />
                    </td>
                    <td>
                      <Link to={incidentLink(a.boardId)}>{a.incidentTitle}</Link>
                    </td>
                    <OwnerCell owner={a.owner} acknowledged={!!a.acknowledgedAt} />
                    <DueCell dueDate={a.dueDate} overdue={a.overdue} daysOverdue={a.daysOverdue} />
                    <td>
                      <ActionStatusControl
                        action={a}
                        onChanged={(updated) => {
                          if (updated) setLocal((m) => new Map(m).set(keyOf(updated), updated));
                          reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        <p className="hint">
          Status changes need the board access of the action’s owner or of the facilitator in this browser (the one used in the meeting, or the facilitator’s
          secret link).
        </p>
      </main>
    </>
  );
}

function keyOf(a: ActionView): string {
  return `${a.boardId}/${a.noteId}`;
}
