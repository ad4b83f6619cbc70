import { useId, useState } from 'react';
import { api, incidentsCsvUrl } from '../../api/http';
import { INCIDENT_TYPES } from '../../sync/protocol';
import { incidentTypeLabel } from '../../lib/labels';
import { formatInZone } from '../../lib/time';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { rowsOf, trendsOf, type IncidentsResponse } from './incidentTypes';
import { NotYetAvailable } from './NotYetAvailable';
import { useFetch } from './useFetch';

/** The incident log's statuses as the server sends them (camelCase, docs/PROTOCOL.md). */
const incidentStatusLabel: Record<string, string> = {
  followUp: 'Follow-up (actions open)',
  complete: 'Complete',
};

export function IncidentsPage() {
  const id = useId();
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [q, setQ] = useState('');
  const query = new URLSearchParams();
  if (type) query.set('type', type);
  if (status) query.set('status', status);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  if (q.trim()) query.set('q', q.trim());
  const { state } = useFetch(() => api.incidents<IncidentsResponse>(query), query.toString());

  return (
    <>
      <AppHeader />
      <main className="page">
        <h1>Incident log</h1>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-q`}>Search</label>
            <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="title, summary, root cause" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">All</option>
              {INCIDENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {incidentTypeLabel[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {Object.entries(incidentStatusLabel).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <a className="button" href={incidentsCsvUrl(query)} download>
            Export CSV
          </a>
        </form>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (state.error.status === 404 ? <NotYetAvailable what="The incident log" /> : <ErrorMessage error={state.error.message} />)}
        {state.status === 'ok' && <IncidentTable response={state.data} />}
      </main>
    </>
  );
}

function IncidentTable({ response }: { response: IncidentsResponse }) {
  const rows = rowsOf(response);
  const trends = trendsOf(response);
  return (
    <>
      {trends.length > 0 && (
        <section className="trends" aria-labelledby="trends-title">
          <h2 id="trends-title">Recurring causes</h2>
          <ul>
            {trends.map((t, i) => (
              <li key={i}>
                {t.text} <span className="tag warn">{t.count}×</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {rows.length === 0 ? (
        <p className="muted">No post-mortems match.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Title and summary</th>
              <th scope="col">Root cause</th>
              <th scope="col">Actions done / open / overdue</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const t = r.type ?? r.incidentType ?? 'other';
              return (
                <tr key={r.id ?? r.boardId}>
                  <td className="nowrap">{r.incidentAt ? formatInZone(r.incidentAt, 'UTC', 'date') : (r.date ?? '')}</td>
                  <td>{incidentTypeLabel[t as keyof typeof incidentTypeLabel] ?? t}</td>
                  <td>
                    <strong>{r.title}</strong>
                    {r.summary && <p className="small-text">{r.summary}</p>}
                  </td>
                  <td>{r.rootCause ?? '—'}</td>
                  <td className="nowrap">
                    {r.actionsDone ?? 0} / {r.actionsOpen ?? 0} / <span className={(r.actionsOverdue ?? 0) > 0 ? 'overdue' : ''}>{r.actionsOverdue ?? 0}</span>
                  </td>
                  <td>{r.status ? (incidentStatusLabel[r.status] ?? r.status) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
