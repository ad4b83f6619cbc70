import type { Affordances, BoardMeta, BoardView, Derived, EntryMessage, Note, Participant } from '../protocol';

export function meta(patch: Partial<BoardMeta> = {}): BoardMeta {
  return {
    boardId: 'b1',
    seq: 0,
    created: true,
    title: 'Pause subscription incident',
    incidentAt: '2026-03-04T05:30:00+00:00',
    incidentType: 'deployment',
    severity: 2,
    timeZone: 'Europe/London',
    createdAt: '2026-03-04T12:00:00+00:00',
    updatedAt: '2026-03-04T12:00:00+00:00',
    creatorId: 'fac',
    facilitatorId: 'fac',
    agendaPreset: 'ninety',
    agenda: [],
    phase: 'setTheRoom',
    lockedPhases: [],
    boardLocked: false,
    primeDirective: 'Regardless of what we discover…',
    primeDirectiveShown: false,
    timer: { status: 'idle', durationMs: 0, remainingMs: 0 },
    votesPerParticipant: 3,
    votesRevealed: false,
    tieBreakOrder: [],
    summary: '',
    impact: '',
    ...patch,
  };
}

export function derived(patch: Partial<Derived> = {}): Derived {
  return {
    gaps: [],
    ranking: [],
    ties: [],
    chosenActions: 0,
    tooManyActions: false,
    notReadyActions: [],
    stoppedTooEarly: [],
    coachCounts: {},
    voters: 0,
    lateMeeting: false,
    present: 1,
    ready: 0,
    ...patch,
  };
}

export function participant(id: string, patch: Partial<Participant> = {}): Participant {
  return {
    id,
    name: id,
    role: 'participant',
    joinedAt: '2026-03-04T12:00:00+00:00',
    agreedPrimeDirective: false,
    ready: false,
    left: false,
    removed: false,
    ...patch,
  };
}

export function note(id: string, text: string, patch: Partial<Note> = {}): Note {
  return {
    id,
    kind: 'event',
    text,
    authorId: 'p1',
    createdAt: '2026-03-04T12:00:00+00:00',
    updatedAt: '2026-03-04T12:00:00+00:00',
    position: 0,
    flags: [],
    ...patch,
  };
}

export function affordances(patch: Partial<Affordances> = {}): Affordances {
  return {
    role: 'participant',
    facilitates: false,
    mayChange: true,
    removed: false,
    boardLocked: false,
    mayReclaim: false,
    lockedPhases: [],
    lookAt: 'setTheRoom',
    screenPhases: ['setTheRoom'],
    mayGoBack: false,
    mayAdvance: false,
    maySetReady: true,
    addableNoteKinds: ['event', 'signal', 'parkingLot', 'contributingFactor', 'action'],
    mayMarkKeyMoments: true,
    mayWorkOnChains: true,
    votingOpen: false,
    votesRevealed: false,
    votesLeft: 3,
    retractableVotes: [],
    mayEditAnyNote: false,
    editableNotes: [],
    editableChains: [],
    editableSteps: [],
    followUpActions: [],
    acknowledgeableActions: [],
    ...patch,
  };
}

export function view(seq = 0, patch: Partial<BoardView> = {}): BoardView {
  return {
    seq,
    meta: meta({ seq }),
    participants: [participant('fac', { role: 'facilitator' }), participant('p1')],
    notes: [],
    chains: [],
    myVotes: [],
    signOffs: [],
    derived: derived(),
    role: 'participant',
    affordances: affordances(),
    ...patch,
  };
}

export function entry(seq: number, patch: Partial<EntryMessage> = {}): EntryMessage {
  return {
    seq,
    at: '2026-03-04T12:00:00+00:00',
    actorId: 'other',
    clientOpId: `op-${seq}`,
    commandType: 'addNote',
    status: 'accepted',
    events: [{ type: 'note', note: note(`n${seq}`, `note ${seq}`) }],
    ...patch,
  };
}
