import { useEffect, useState } from 'react';
import { api } from '../../api/http';
import { incidentStatusLabel, type ActionView, type IncidentDetail } from '../../api/incidentLog';
import { actionKindLabel, incidentTypeLabel } from '../../lib/labels';
import { links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { formatInZone } from '../../lib/time';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { Link } from '../common/Link';
import { useFetch } from '../pages/useFetch';
import { DueCell, FactorList, OwnerCell } from './ActionCells';
import { ActionStatusControl } from './ActionStatusControl';
import { RecurringNotice } from './RecurringNotice';

/** One post-mortem as the incident log keeps it: summary, causes, recurring causes, actions, sign-offs. */
export function IncidentDetailPage({ boardId }: { boardId: string }) {
  const { state, reload } = useFetch(() => api.incident(boardId), boardId);
  return (
    <>
      <AppHeader />
      <main className="page">
        <p className="breadcrumb">
          <Link to="/incidents">← Incident log</Link>
        </p>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' &&
          (state.error.code === 'incident_not_found' ? (
            <div className="empty-state" role="status">
              <h1>Not in the incident log yet</h1>
              <p>A post-mortem is added when its facilitator locks the board at the end of the meeting.</p>
            </div>
          ) : (
            <ErrorMessage error={state.error.message} />
          ))}
        {state.status === 'ok' && <Detail detail={state.data} onChanged={reload} />}
      </main>
    </>
  );
}

function Detail({ detail, onChanged }: { detail: IncidentDetail; onChanged: () => void }) {
  const { incident: r } = detail;
  const [actions, setActions] = useState<ActionView[]>(detail.actions);
  useEffect(() => setActions(detail.actions), [detail.actions]);
  const readKey = storage.readKey(r.boardId);
  return (
    <article className="incident-detail" data-testid="incident-detail">
      <header>
        <p className="eyebrow">
          {incidentTypeLabel[r.type] ?? r.type} · severity {r.severity} · {r.date}
        </p>
        <h1>{r.title}</h1>
        <p>
          <span className={`tag status-${r.status}`}>{incidentStatusLabel[r.status] ?? r.status}</span>
          <span className="muted small-text">
            {' '}
            {r.actionsDone} done · {r.actionsOpen} open · {r.actionsOverdue} overdue
            {r.followUpDate && <> · follow-up on {r.followUpDate}</>}
            {r.closedAt && <> · closed {formatInZone(r.closedAt, detail.timeZone, 'date')}</>}
          </span>
        </p>
        {readKey && (
          <p className="row">
            <Link to={links.writeUp(r.boardId, readKey)} className="button">
              Write-up
            </Link>
            <Link to={links.signOff(r.boardId, readKey)} className="button">
              Sign-off page
            </Link>
          </p>
        )}
      </header>
      <RecurringNotice causes={r.recurringCauses} />
      <section>
        <h2>Summary</h2>
        <p>{r.summary || <span className="muted">No summary.</span>}</p>
        {detail.impact && (
          <p>
            <strong>Impact:</strong> {detail.impact}
          </p>
        )}
      </section>
      <section>
        <h2>Root cause</h2>
        <p className="writeup-root">{r.rootCause || <span className="muted">Not marked.</span>}</p>
      </section>
      <section>
        <h2>Contributing factors</h2>
        <FactorList factors={detail.contributingFactors} />
      </section>
      <section>
        <h2>Actions</h2>
        {actions.length === 0 ? (
          <p className="muted">No actions were chosen.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.noteId} className={a.overdue ? 'overdue-row' : ''} data-testid="incident-action">
                  <td>{a.text}</td>
                  <OwnerCell owner={a.owner} acknowledged={!!a.acknowledgedAt} />
                  <DueCell dueDate={a.dueDate} overdue={a.overdue} daysOverdue={a.daysOverdue} />
                  <td>{actionKindLabel[a.kind] ?? a.kind}</td>
                  <td>
                    <ActionStatusControl
                      action={a}
                      onChanged={(updated) => {
                        if (updated) setActions((list) => list.map((x) => (x.noteId === updated.noteId ? updated : x)));
                        onChanged();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Sign-off</h2>
        {detail.signOffs.length === 0 ? (
          <p className="muted">Nobody has signed off yet.</p>
        ) : (
          <ul className="signoff-list">
            {detail.signOffs.map((s, i) => (
              <li key={i}>
                <strong>{s.name}</strong> <span className="muted">{formatInZone(s.at, detail.timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
