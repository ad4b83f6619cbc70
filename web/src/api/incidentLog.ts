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
  overdue: boolean;
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
  /** The server writes this one as the enum's name ("Open", "InProgress"); read it through actionStatusOf. */
  status: string;
}

export function actionStatusOf(value: string): ActionStatus {
  const v = value.length > 0 ? value[0]!.toLowerCase() + value.slice(1) : value;
  return v === 'inProgress' || v === 'done' || v === 'wontDo' ? v : 'open';
}

export const incidentStatusLabel: Record<IncidentStatus, string> = {
  followUp: 'Follow-up',
  complete: 'Complete',
};
