import type { ActionKind, ActionStatus, IncidentType, KeyMoment, Phase } from '../sync/protocol';

export const phaseLabel: Record<Phase, string> = {
  setTheRoom: 'Set the room',
  timeline: 'Timeline',
  rootCause: 'Root cause',
  contributingFactors: 'Contributing factors',
  actions: 'Actions',
  close: 'Close and share',
};

export const phaseHint: Record<Phase, string> = {
  setTheRoom: 'Learning, not blame. Agree on how we work today.',
  timeline: 'Facts only: what happened, and which signals were noticed or missed.',
  rootCause: 'Ask why until the answer is something engineering work can change.',
  contributingFactors: 'What made it worse or harder to catch?',
  actions: 'Brainstorm, vote, pick two or three. Each needs one owner and a date.',
  close: 'Summary, follow-up date, and the write-up.',
};

export const keyMomentLabel: Record<KeyMoment, string> = {
  trigger: 'Trigger',
  impactStart: 'Impact starts',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

export const gapLabel: Record<string, string> = {
  changeToSymptom: 'Change → first symptom',
  symptomToDetection: 'Symptom → detection',
  detectionToResolution: 'Detection → resolution',
  detectionToMitigation: 'Detection → mitigation',
  mitigationToResolution: 'Mitigation → resolution',
};

export function gapName(name: string): string {
  return gapLabel[name] ?? name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export const incidentTypeLabel: Record<IncidentType, string> = {
  deployment: 'Deployment',
  integration: 'Integration',
  external: 'External',
  process: 'Process',
  other: 'Other',
};

export const actionKindLabel: Record<ActionKind, string> = {
  shortTerm: 'Short-term fix',
  longTerm: 'Long-term improvement',
};

export const actionStatusLabel: Record<ActionStatus, string> = {
  open: 'Open',
  inProgress: 'In progress',
  done: 'Done',
  wontDo: "Won't do",
};

