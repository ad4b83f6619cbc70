import { useState } from 'react';
import { api, ApiError } from '../../api/http';
import { ACTION_STATUSES, type ActionStatus } from '../../sync/protocol';
import { actionStatusLabel } from '../../lib/labels';
import { todayIso } from '../../lib/time';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { isOverdue, rowsOf, type IncidentAction, type IncidentsResponse } from './incidentTypes';
import { NotYetAvailable } from './NotYetAvailable';
import { useFetch } from './useFetch';

async function loadActions(): Promise<IncidentAction[]> {
  try {
    const r = await api.actions<IncidentAction[] | { items: IncidentAction[] }>();
    return Array.isArray(r) ? r : r.items;
  } catch (err) {
    // No separate action list: take the actions from the incident rows.
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const incidents = await api.incidents<IncidentsResponse>(new URLSearchParams());
    return rowsOf(incidents).flatMap((row) => (row.actions ?? []).map((a) => ({ ...a, incidentTitle: a.incidentTitle ?? row.title })));
  }
}

export function FollowUpPage() {
  const { state, reload } = useFetch(loadActions, 'actions');
  const [error, setError] = useState<string | null>(null);
  const today = todayIso();

  const update = async (a: IncidentAction, status: ActionStatus) => {
    setError(null);
    try {
      await api.updateAction(a.id, status);
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not update the action.');
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page">
        <h1>Action follow-up</h1>
        <p className="lead">Owners (or the facilitator) update actions after the meeting. Overdue ones stand out.</p>
        <ErrorMessage error={error} />
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (state.error.status === 404 ? <NotYetAvailable what="Action follow-up" /> : <ErrorMessage error={state.error.message} />)}
        {state.status === 'ok' &&
          (state.data.length === 0 ? (
            <p className="muted">No actions yet.</p>
          ) : (
            <table className="data-table">
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
                {[...state.data]
                  .sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
                  .map((a) => {
                    const overdue = isOverdue(a, today);
                    return (
                      <tr key={a.id} className={overdue ? 'overdue-row' : ''}>
                        <td>{a.text}</td>
                        <td>{a.incidentTitle ?? ''}</td>
                        <td>{a.owner ?? '—'}</td>
                        <td className="nowrap">
                          {a.dueDate ?? '—'} {overdue && <span className="tag warn">overdue</span>}
                        </td>
                        <td>
                          <label className="visually-hidden" htmlFor={`st-${a.id}`}>
                            Status of {a.text}
                          </label>
                          <select id={`st-${a.id}`} value={a.status} onChange={(e) => void update(a, e.target.value as ActionStatus)}>
                            {ACTION_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {actionStatusLabel[s]}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          ))}
      </main>
    </>
  );
}
