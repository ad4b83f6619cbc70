// A live preview of the write-up from the board view. Only arranges what Core already decided (the
// root cause and ranking come from Derived); the published write-up comes from the server.
import type { BoardView, WriteUpModel } from '../../sync/protocol';
import { formatInZone } from '../../lib/time';

export function writeUpFromView(view: BoardView): WriteUpModel {
  const { meta, derived } = view;
  const timeline = view.notes
    .filter((n) => (n.kind === 'event' || n.kind === 'signal') && n.occurredAt)
    .sort((a, b) => a.occurredAt!.localeCompare(b.occurredAt!))
    .map((n) => ({ at: n.occurredAt!, local: formatInZone(n.occurredAt, meta.timeZone), lane: n.kind, text: n.text, ...(n.keyMoment ? { keyMoment: n.keyMoment } : {}) }));
  const stopped = new Set(derived.stoppedTooEarly);
  return {
    boardId: meta.boardId,
    title: meta.title,
    incidentAt: meta.incidentAt,
    incidentType: meta.incidentType,
    severity: meta.severity,
    timeZone: meta.timeZone,
    summary: meta.summary,
    impact: meta.impact,
    timeline,
    gaps: derived.gaps,
    ...(derived.largestGap ? { largestGap: derived.largestGap } : {}),
    ...(derived.rootCause ? { rootCause: derived.rootCause } : {}),
    chains: view.chains.map((c) => ({
      symptom: c.symptom,
      steps: c.steps.map((s) => ({ question: s.question, answer: s.answer, isRootCause: s.id === c.rootCauseStepId })),
      stoppedTooEarly: stopped.has(c.id),
    })),
    contributingFactors: view.notes.filter((n) => n.kind === 'contributingFactor').sort((a, b) => a.position - b.position).map((n) => n.text),
    actions: view.notes
      .filter((n) => n.kind === 'action' && n.action?.chosen)
      .map((n) => ({
        noteId: n.id,
        text: n.text,
        ...(n.action?.owner ? { owner: n.action.owner } : {}),
        ...(n.action?.dueDate ? { dueDate: n.action.dueDate } : {}),
        kind: n.action?.actionKind ?? 'shortTerm',
        status: n.action?.status ?? 'open',
        ...(n.action?.trackerUrl ? { trackerUrl: n.action.trackerUrl } : {}),
        acknowledged: !!n.action?.acknowledgedAt,
        votes: view.tallies?.[n.id] ?? 0,
      })),
    ...(meta.followUpDate ? { followUpDate: meta.followUpDate } : {}),
    signOffs: view.signOffs,
    ...(meta.closedAt ? { closedAt: meta.closedAt } : {}),
  };
}
