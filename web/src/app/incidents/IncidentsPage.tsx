import { useEffect, useId, useState } from 'react';
import { api, incidentsCsvUrl } from '../../api/http';
import { INCIDENT_STATUSES, incidentStatusLabel, type IncidentRow } from '../../api/incidentLog';
import { INCIDENT_TYPES } from '../../sync/protocol';
import { incidentTypeLabel } from '../../lib/labels';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { Link } from '../common/Link';
import { useFetch } from '../pages/useFetch';
import { incidentLink } from './links';
import { RecurringNotice } from './RecurringNotice';

const FILTERS = ['q', 'type', 'status', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersFromUrl(): Filters {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

function queryOf(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const value = filters[f].trim();
    if (value) query.set(f, value);
  }
  return query;
}

/** The incident log: one row per closed post-mortem, filterable, searchable, exportable as CSV. */
export function IncidentsPage() {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(filtersFromUrl);
  // Typing in the search box waits for a pause before asking the server.
  const [typed, setTyped] = useState(filters.q);
  useEffect(() => {
    if (typed === filters.q) return;
    const t = setTimeout(() => setFilters((f) => ({ ...f, q: typed })), 300);
    return () => clearTimeout(t);
  }, [typed, filters.q]);

  const query = queryOf(filters);
  const key = query.toString();
  // Filters live in the address, so a filtered log can be shared and survives a reload.
  useEffect(() => {
    const url = `${window.location.pathname}${key ? `?${key}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', url);
  }, [key]);
  const { state } = useFetch(() => api.incidents(query), key);
  const set = (f: Filter) => (value: string) => setFilters((old) => ({ ...old, [f]: value }));
  const anyFilter = FILTERS.some((f) => filters[f] !== '') || typed !== '';

  return (
    <>
      <AppHeader />
      <main className="page wide">
        <div className="page-head">
          <h1>Incident log</h1>
          <Link to="/actions" className="button">
            Action follow-up
          </Link>
        </div>
        <form className="filters" role="search" aria-label="Filter the incident log" onSubmit={(e) => e.preventDefault()}>
          <div className="field grow">
            <label htmlFor={`${id}-q`}>Search</label>
            <input id={`${id}-q`} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="title, summary, root cause, factor, action, owner" maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={filters.type} onChange={(e) => set('type')(e.target.value)}>
              <option value="">All types</option>
              {INCIDENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {incidentTypeLabel[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} value={filters.status} onChange={(e) => set('status')(e.target.value)}>
              <option value="">Any status</option>
              {INCIDENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {incidentStatusLabel[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to')(e.target.value)} />
          </div>
          <div className="filter-buttons">
            {anyFilter && (
              <button
                type="button"
                onClick={() => {
                  setTyped('');
                  setFilters({ q: '', type: '', status: '', from: '', to: '' });
                }}
              >
                Clear filters
              </button>
            )}
            <a className="button" href={incidentsCsvUrl(query)} download="incidents.csv">
              Export CSV
            </a>
          </div>
        </form>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && <ErrorMessage error={state.error.message} />}
        {state.status === 'ok' && <IncidentTable rows={state.data} filtered={anyFilter} />}
      </main>
    </>
  );
}

function IncidentTable({ rows, filtered }: { rows: readonly IncidentRow[]; filtered: boolean }) {
  if (rows.length === 0) {
    return (
      <div className="empty-state" role="status">
        {filtered ? (
          <p>No post-mortems match these filters.</p>
        ) : (
          <>
            <h2>No post-mortems yet</h2>
            <p>A post-mortem gets its row here when its facilitator locks the board at the end of the meeting.</p>
          </>
        )}
      </div>
    );
  }
  const recurring = rows.filter((r) => r.recurringCauses.length > 0).length;
  const overdue = rows.reduce((n, r) => n + r.actionsOverdue, 0);
  return (
    <>
      <p className="log-summary" role="status">
        {rows.length} post-mortem{rows.length === 1 ? '' : 's'}
        {recurring > 0 && (
          <>
            {' · '}
            <span className="warn-text">
              {recurring} with a recurring cause
            </span>
          </>
        )}
        {overdue > 0 && (
          <>
            {' · '}
            <Link to="/actions?overdue=true" className="overdue-link">
              {overdue} overdue action{overdue === 1 ? '' : 's'}
            </Link>
          </>
        )}
      </p>
      <table className="data-table incident-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Post-mortem</th>
            <th scope="col">Root cause</th>
            <th scope="col" className="num">
              Actions
              <span className="th-sub">done · open · overdue</span>
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.boardId} data-testid="incident-row" className={r.actionsOverdue > 0 ? 'has-overdue' : ''}>
              <td className="nowrap">{r.date}</td>
              <td>
                <span className={`type-chip type-${r.type}`}>{incidentTypeLabel[r.type] ?? r.type}</span>
                <span className="muted small-text"> sev {r.severity}</span>
              </td>
              <td>
                <Link to={incidentLink(r.boardId)} className="row-title">
                  {r.title}
                </Link>
                {r.summary && <p className="small-text row-summary">{r.summary}</p>}
                <RecurringNotice causes={r.recurringCauses} compact />
              </td>
              <td>{r.rootCause || <span className="muted">—</span>}</td>
              <td className="nowrap num">
                <span className="count-done" title="done">
                  {r.actionsDone}
                </span>
                {' · '}
                <span title="open">{r.actionsOpen}</span>
                {' · '}
                <span className={r.actionsOverdue > 0 ? 'overdue' : 'muted'} title="overdue" data-testid="overdue-count">
                  {r.actionsOverdue}
                </span>
              </td>
              <td>
                <span className={`tag status-${r.status}`}>{incidentStatusLabel[r.status] ?? r.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
