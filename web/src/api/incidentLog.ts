// Incident-log shapes (src/PostMortem.Data/Records/IncidentModels.cs and Server/Endpoints/IncidentLogContracts.cs):
// camelCase, enums as camelCase strings, nulls omitted.
import type { ActionKind, ActionStatus, DateOnly, IncidentType, Iso } from '../sync/protocol';

export const INCIDENT_STATUSES = ['followUp', 'complete'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An earlier incident whose cause resembles this one's, with the reason in words. */
export interface RecurringCause {
  boardId: string;
  title: string;
  date: DateOnly;
  score: number;
  text: string;
  earlierText: string;
  sharedWords: string[];
  reason: string;
}

export interface IncidentRow {
  boardId: string;
  title: string;
  date: DateOnly;
  incidentAt: Iso;
  type: IncidentType;
  severity: number;
  summary: string;
  rootCause: string;
  status: IncidentStatus;
  actionsDone: number;
  actionsOpen: number;
  actionsOverdue: number;
  followUpDate?: DateOnly;
  closedAt?: Iso;
  recurringCauses: RecurringCause[];
}

export interface ActionView {
  boardId: string;
  incidentTitle: string;
  noteId: string;
  text: string;
  owner?: string;
  dueDate?: DateOnly;
  kind: ActionKind;
  status: ActionStatus;
  acknowledgedAt?: Iso;
  trackerUrl?: string;
  /** Decided by the server with its clock: due before today and neither done nor dropped. */
  overdue: boolean;
  /** Whole days since the due date when overdue, else 0 (the server's date too). */
  daysOverdue: number;
}

export interface SignOffView {
  name: string;
  at: Iso;
}

export interface IncidentDetail {
  incident: IncidentRow;
  impact: string;
  timeZone: string;
  contributingFactors: string[];
  actions: ActionView[];
  signOffs: SignOffView[];
}

export interface ActionStatusResponse {
  boardId: string;
  noteId: string;
  status: string;
  seq: number;
  action?: ActionView;
}

/** In the create response: an open action of one of the previous two incidents, for review. */
export interface PreviousOpenAction {
  boardId: string;
  boardTitle: string;
  noteId: string;
  text: string;
  owner?: string;
  dueDate?: DateOnly;
  status: ActionStatus;
  /** As in ActionView: decided by the server, never by comparing dates here. */
  overdue: boolean;
  daysOverdue: number;
}


export const incidentStatusLabel: Record<IncidentStatus, string> = {
  followUp: 'Follow-up',
  complete: 'Complete',
};
