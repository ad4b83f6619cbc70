// Wire types mirroring src/PostMortem.Core (CoreJson: camelCase names, enums as camelCase strings,
// nulls omitted, polymorphic "type" discriminators) and the hub contract in docs/PROTOCOL.md.
// A rename here is a wire change: keep it in step with Core.

export type Iso = string; // DateTimeOffset, ISO 8601 with offset
export type DateOnly = string; // yyyy-MM-dd

export const PHASES = ['setTheRoom', 'timeline', 'rootCause', 'contributingFactors', 'actions', 'close'] as const;
export type Phase = (typeof PHASES)[number];

export const ROLES = ['facilitator', 'participant', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export const NOTE_KINDS = ['event', 'signal', 'parkingLot', 'contributingFactor', 'action'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const KEY_MOMENTS = ['trigger', 'impactStart', 'detected', 'mitigated', 'resolved'] as const;
export type KeyMoment = (typeof KEY_MOMENTS)[number];

export const ACTION_KINDS = ['shortTerm', 'longTerm'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['open', 'inProgress', 'done', 'wontDo'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const INCIDENT_TYPES = ['deployment', 'integration', 'external', 'process', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const AGENDA_PRESETS = ['sixty', 'ninety', 'custom'] as const;
export type AgendaPreset = (typeof AGENDA_PRESETS)[number];

export const TIMER_STATUSES = ['idle', 'running', 'paused'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

export interface AgendaSlot {
  phase: Phase;
  minutes: number;
}

export interface TimerState {
  status: TimerStatus;
  phase?: Phase;
  durationMs: number;
  endsAt?: Iso;
  remainingMs: number;
}

export interface BoardMeta {
  boardId: string;
  seq: number;
  created: boolean;
  title: string;
  incidentAt: Iso;
  incidentType: IncidentType;
  severity: number;
  timeZone: string;
  createdAt: Iso;
  /** Time of the last accepted entry. */
  updatedAt: Iso;
  creatorId: string;
  facilitatorId: string;
  agendaPreset: AgendaPreset;
  agenda: AgendaSlot[];
  phase: Phase;
  lockedPhases: Phase[];
  boardLocked: boolean;
  primeDirective: string;
  primeDirectiveShown: boolean;
  timer: TimerState;
  votesPerParticipant: number;
  votesRevealed: boolean;
  tieBreakOrder: string[];
  summary: string;
  impact: string;
  followUpDate?: DateOnly;
  closedAt?: Iso;
}

export interface Participant {
  id: string;
  name: string;
  role: Role;
  joinedAt: Iso;
  agreedPrimeDirective: boolean;
  ready: boolean;
  left: boolean;
  removed: boolean;
}

export interface CoachFlag {
  rule: string;
  match: string;
  start: number;
  hint: string;
  suggestion?: string;
}

export interface ActionDetails {
  chosen: boolean;
  owner?: string;
  ownerParticipantId?: string;
  dueDate?: DateOnly;
  actionKind: ActionKind;
  trackerUrl?: string;
  status: ActionStatus;
  acknowledgedAt?: Iso;
}

export interface Note {
  id: string;
  kind: NoteKind;
  text: string;
  authorId: string;
  createdAt: Iso;
  updatedAt: Iso;
  occurredAt?: Iso;
  keyMoment?: KeyMoment;
  position: number;
  flags: CoachFlag[];
  action?: ActionDetails;
}

export interface WhyStep {
  id: string;
  /** Who added it: they, the chain's author and the facilitator may change it. */
  authorId?: string;
  question: string;
  answer: string;
  flags: CoachFlag[];
}

export interface WhyChain {
  id: string;
  symptom: string;
  authorId: string;
  createdAt: Iso;
  steps: WhyStep[];
  rootCauseStepId?: string;
  flags: CoachFlag[];
}

export interface SignOff {
  name: string;
  actorId: string;
  at: Iso;
}

export interface TimelineGap {
  name: string;
  from: KeyMoment;
  to: KeyMoment;
  fromAt: Iso;
  toAt: Iso;
  minutes: number;
}

export interface Derived {
  gaps: TimelineGap[];
  largestGap?: string;
  ranking: string[];
  /** Ranked actions with as many votes as the one ranked just before them. */
  ties: string[];
  chosenActions: number;
  tooManyActions: boolean;
  notReadyActions: string[];
  stoppedTooEarly: string[];
  coachCounts: Partial<Record<Phase, number>>;
  voters: number;
  lateMeeting: boolean;
  rootCause?: string;
  /** Participants on the board now (neither left nor removed). */
  present: number;
  /** Of those, how many marked themselves ready with the current phase. */
  ready: number;
  /** By action note id: what would let the action slip through (no owner, no due date, due date past), with a sentence. */
  actionProblems?: Record<string, ActionProblem[]>;
}

/** Core's ActionProblem: `code` is `no_owner`, `no_due_date` or `due_date_past`; `message` is shown as it is. */
export interface ActionProblem {
  code: string;
  message: string;
}

/** Core's Affordances: what this viewer may do now. The UI renders it and never re-derives a permission. */
export interface Affordances {
  role: Role;
  facilitates: boolean;
  mayChange: boolean;
  removed: boolean;
  boardLocked: boolean;
  mayReclaim: boolean;
  lockedPhases: Phase[];
  lookAt: Phase;
  screenPhases: Phase[];
  /** The meeting can move back / on a phase now (the facilitator; the agenda, folding included, has one). */
  mayGoBack: boolean;
  mayAdvance: boolean;
  maySetReady: boolean;
  addableNoteKinds: NoteKind[];
  mayMarkKeyMoments: boolean;
  mayWorkOnChains: boolean;
  votingOpen: boolean;
  votesRevealed: boolean;
  votesLeft: number;
  /** Actions this viewer may take a vote back from now. */
  retractableVotes: string[];
  /** Every note is editable (the facilitator on an unlocked board); editableNotes is then empty. */
  mayEditAnyNote: boolean;
  editableNotes: string[];
  editableChains: string[];
  editableSteps: { chainId: string; stepId: string }[];
  followUpActions: string[];
  acknowledgeableActions: string[];
  /** Participants the viewer may remove / hand the facilitator role to now. */
  removableParticipants?: string[];
  handOverCandidates?: string[];
}

/** Core's BoardView: the state as one viewer may see it. */
export interface BoardView {
  seq: number;
  meta: BoardMeta;
  participants: Participant[];
  notes: Note[];
  chains: WhyChain[];
  myVotes: string[];
  tallies?: Record<string, number>;
  signOffs: SignOff[];
  derived: Derived;
  role: Role;
  affordances: Affordances;
}

// ---- Events (Core Events.cs) -------------------------------------------------------------------

export type BoardEvent =
  | { type: 'meta'; meta: BoardMeta }
  | { type: 'participant'; participant: Participant }
  | { type: 'note'; note: Note }
  | { type: 'noteRemoved'; noteId: string }
  | { type: 'chain'; chain: WhyChain }
  | { type: 'chainRemoved'; chainId: string }
  | { type: 'myVotes'; noteIds: string[] }
  | { type: 'tallies'; tallies: Record<string, number> }
  | { type: 'derived'; derived: Derived }
  | { type: 'signOff'; signOff: SignOff }
  | { type: 'affordances'; affordances: Affordances };

// ---- Commands (Core Commands/BoardCommand.cs) --------------------------------------------------

export type ActionDetailField = 'owner' | 'ownerParticipantId' | 'dueDate' | 'actionKind' | 'trackerUrl';

export type BoardCommand =
  // Board
  | { type: 'updateDetails'; title: string; incidentAt: Iso; incidentType: IncidentType; severity: number }
  | { type: 'setAgenda'; preset: AgendaPreset; customAgenda?: AgendaSlot[] }
  | { type: 'setTimeZone'; timeZone: string }
  | { type: 'setPrimeDirective'; text: string }
  | { type: 'showPrimeDirective'; shown: boolean }
  | { type: 'importTimeline'; text: string; idPrefix: string }
  // People
  | { type: 'rename'; name: string }
  | { type: 'leave' }
  | { type: 'removeParticipant'; participantId: string }
  | { type: 'handOver'; participantId: string }
  | { type: 'reclaimFacilitator' }
  | { type: 'agreePrimeDirective'; agreed: boolean }
  | { type: 'setReady'; ready: boolean }
  // Phases and locks
  | { type: 'advancePhase' }
  | { type: 'goBackPhase' }
  | { type: 'lockPhase'; phase: Phase }
  | { type: 'unlockPhase'; phase: Phase }
  | { type: 'lockBoard' }
  | { type: 'unlockBoard' }
  // Timer
  | { type: 'startTimer'; durationSeconds?: number }
  | { type: 'pauseTimer' }
  | { type: 'resumeTimer' }
  | { type: 'extendTimer'; seconds: number }
  | { type: 'resetTimer' }
  // Notes
  | { type: 'addNote'; noteId: string; kind: NoteKind; text: string; occurredAt?: Iso; position?: number }
  | { type: 'editNote'; noteId: string; text: string }
  | { type: 'moveNote'; noteId: string; kind?: NoteKind; occurredAt?: Iso; position?: number }
  | { type: 'deleteNote'; noteId: string }
  | { type: 'markKeyMoment'; noteId: string; moment: KeyMoment | null }
  // Why chains
  | { type: 'startChain'; chainId: string; symptom: string }
  | { type: 'editChain'; chainId: string; symptom: string }
  | { type: 'removeChain'; chainId: string }
  | { type: 'addWhyStep'; chainId: string; stepId: string; question: string; answer: string }
  | { type: 'editWhyStep'; chainId: string; stepId: string; question: string; answer: string }
  | { type: 'removeWhyStep'; chainId: string; stepId: string }
  | { type: 'markRootCause'; chainId: string; stepId: string | null }
  // Actions and votes
  | { type: 'castVote'; noteId: string }
  | { type: 'retractVote'; noteId: string }
  | { type: 'setVoteLimit'; votes: number }
  | { type: 'revealVotes' }
  | { type: 'setTieBreakOrder'; noteIds: string[] }
  | { type: 'chooseAction'; noteId: string; chosen: boolean }
  | {
      type: 'setActionDetails';
      noteId: string;
      owner?: string;
      ownerParticipantId?: string;
      dueDate?: DateOnly;
      actionKind?: ActionKind;
      trackerUrl?: string;
      clear?: ActionDetailField[];
    }
  | { type: 'acknowledgeAction'; noteId: string }
  | { type: 'updateActionStatus'; noteId: string; status: ActionStatus }
  // Close
  | { type: 'setClose'; summary: string; impact: string; followUpDate?: DateOnly | null }
  | { type: 'signOff'; name: string };

export type CommandType = BoardCommand['type'];

// ---- Hub messages ------------------------------------------------------------------------------

export type EntryStatus = 'accepted' | 'rejected' | 'duplicate';

export interface ImportLineError {
  line: number;
  text: string;
  reason: string;
}

/** Server → client `entry`: one log entry's outcome, in sequence order, events filtered for this viewer. */
export interface EntryMessage {
  seq: number;
  at: Iso;
  actorId: string;
  clientOpId: string;
  commandType: string;
  status: EntryStatus;
  code?: string;
  message?: string;
  /** For a "duplicate" entry (R3): the seq at which the clientOpId was applied. */
  duplicateOf?: number;
  events: BoardEvent[];
}

export interface JoinRequest {
  boardId: string;
  lastSeq?: number;
}

export interface JoinResult {
  mode: 'snapshot' | 'entries';
  view?: BoardView;
  entries?: EntryMessage[];
  /** The seq the client is at once it has applied this result. */
  seq: number;
  /** Unix milliseconds. */
  serverTime: number;
  participantId: string;
  role: Role;
  /** Time the server spent on this Join (diagnostics). */
  serverMs?: number;
}

export interface SubmitRequest {
  clientOpId: string;
  command: BoardCommand;
}

export interface Ack {
  clientOpId: string;
  status: EntryStatus;
  seq?: number;
  code?: string;
  message?: string;
  warnings?: string[];
  importErrors?: ImportLineError[];
}

export interface PingResult {
  clientTime: number;
  /** Unix milliseconds. */
  serverTime: number;
}

export type PresenceKind = 'cursor' | 'drag' | 'typing' | 'idle';

export interface PresenceUpdate {
  kind: PresenceKind;
  x?: number;
  y?: number;
  noteId?: string;
}

export interface PresenceMessage extends PresenceUpdate {
  participantId: string;
}

/** What the server sends as `presence`: the latest update of each participant who moved (may include our own). */
export interface PresenceBatch {
  updates: PresenceMessage[];
}

export interface FatalMessage {
  code: string;
  message: string;
}

/** Codes after which the client stops: retrying cannot help (the user must act). */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  'participant_removed',
  'unauthorized',
  'wrong_board',
  'board_not_found',
]);

// ---- Write-up (Core WriteUp/WriteUpModel.cs) ---------------------------------------------------

export interface WriteUpTimelineRow {
  at: Iso;
  local: string;
  lane: NoteKind;
  text: string;
  keyMoment?: KeyMoment;
}

export interface WriteUpStep {
  question: string;
  answer: string;
  isRootCause: boolean;
}

export interface WriteUpChain {
  symptom: string;
  steps: WriteUpStep[];
  stoppedTooEarly: boolean;
}

export interface WriteUpAction {
  noteId: string;
  text: string;
  owner?: string;
  dueDate?: DateOnly;
  kind: ActionKind;
  status: ActionStatus;
  trackerUrl?: string;
  acknowledged: boolean;
  votes: number;
}

export interface WriteUpModel {
  boardId: string;
  title: string;
  incidentAt: Iso;
  incidentType: IncidentType;
  severity: number;
  timeZone: string;
  summary: string;
  impact: string;
  timeline: WriteUpTimelineRow[];
  gaps: TimelineGap[];
  largestGap?: string;
  rootCause?: string;
  chains: WriteUpChain[];
  contributingFactors: string[];
  actions: WriteUpAction[];
  followUpDate?: DateOnly;
  signOffs: SignOff[];
  closedAt?: Iso;
}
