// Shapes of the persistence endpoints (docs/PROTOCOL.md). Read loosely: fields the server does not
// send are simply not shown.
import type { ActionStatus, DateOnly, IncidentType, Iso } from '../../sync/protocol';

export interface IncidentAction {
  id: string;
  text: string;
  owner?: string;
  dueDate?: DateOnly;
  status: ActionStatus;
  kind?: string;
  overdue?: boolean;
  boardId?: string;
  incidentTitle?: string;
}

export interface IncidentRow {
  id?: string;
  boardId: string;
  title: string;
  incidentAt?: Iso;
  date?: string;
  type?: IncidentType | string;
  incidentType?: IncidentType | string;
  summary?: string;
  rootCause?: string;
  actionsDone?: number;
  actionsOpen?: number;
  actionsOverdue?: number;
  status?: string;
  actions?: IncidentAction[];
  recurring?: string[];
}

export interface Trend {
  text: string;
  count: number;
  boardIds?: string[];
  kind?: string;
}

export type IncidentsResponse = IncidentRow[] | { items?: IncidentRow[]; incidents?: IncidentRow[]; trends?: Trend[]; recurring?: Trend[] };

export function rowsOf(r: IncidentsResponse): IncidentRow[] {
  return Array.isArray(r) ? r : (r.items ?? r.incidents ?? []);
}

export function trendsOf(r: IncidentsResponse): Trend[] {
  return Array.isArray(r) ? [] : (r.trends ?? r.recurring ?? []);
}

export function isOverdue(a: IncidentAction, today: string): boolean {
  if (a.overdue !== undefined) return a.overdue;
  return !!a.dueDate && a.dueDate < today && a.status !== 'done' && a.status !== 'wontDo';
}
