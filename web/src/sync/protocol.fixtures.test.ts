// The client's wire types against the server's golden messages (docs/protocol/*.json, written byte for byte by
// tests/PostMortem.Server.Tests/ProtocolFixtureTests). Each Shape below must list exactly the properties of its
// TypeScript type with the JSON kind of their values — the compiler checks that — and each fixture may carry
// only those properties, with those kinds — this test checks that. So a property the server sends that a type
// lacks (say `duplicateOf`), or a type that says text where the server sends a number (`serverTime`), fails here.
import { describe, expect, it } from 'vitest';
import type { Ack, Affordances, BoardMeta, BoardView, Derived, EntryMessage, FatalMessage, JoinResult, Note, Participant, PingResult, TimerState } from './protocol';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';
type KindOf<V> = [V] extends [string] ? 'string' : [V] extends [number] ? 'number' : [V] extends [boolean] ? 'boolean' : [V] extends [readonly unknown[]] ? 'array' : 'object';
type Shape<T> = { [K in keyof T]-?: KindOf<NonNullable<T[K]>> };

const ack: Shape<Ack> = { clientOpId: 'string', status: 'string', seq: 'number', code: 'string', message: 'string', warnings: 'array', importErrors: 'array' };
const ping: Shape<PingResult> = { clientTime: 'number', serverTime: 'number' };
const fatal: Shape<FatalMessage> = { code: 'string', message: 'string' };
const join: Shape<JoinResult> = { mode: 'string', view: 'object', entries: 'array', seq: 'number', serverTime: 'number', participantId: 'string', role: 'string', serverMs: 'number' };
const entry: Shape<EntryMessage> = { seq: 'number', at: 'string', actorId: 'string', clientOpId: 'string', commandType: 'string', status: 'string', code: 'string', message: 'string', duplicateOf: 'number', events: 'array' };
const view: Shape<BoardView> = { seq: 'number', meta: 'object', participants: 'array', notes: 'array', chains: 'array', myVotes: 'array', tallies: 'object', signOffs: 'array', derived: 'object', role: 'string', affordances: 'object' };
const meta: Shape<BoardMeta> = {
  boardId: 'string', seq: 'number', created: 'boolean', title: 'string', incidentAt: 'string', incidentType: 'string', severity: 'number', timeZone: 'string',
  createdAt: 'string', updatedAt: 'string', creatorId: 'string', facilitatorId: 'string', agendaPreset: 'string', agenda: 'array', phase: 'string', lockedPhases: 'array',
  boardLocked: 'boolean', primeDirective: 'string', primeDirectiveShown: 'boolean', timer: 'object', votesPerParticipant: 'number', votesRevealed: 'boolean',
  tieBreakOrder: 'array', summary: 'string', impact: 'string', followUpDate: 'string', closedAt: 'string',
};
const timer: Shape<TimerState> = { status: 'string', phase: 'string', durationMs: 'number', endsAt: 'string', remainingMs: 'number' };
const participant: Shape<Participant> = { id: 'string', name: 'string', role: 'string', joinedAt: 'string', agreedPrimeDirective: 'boolean', ready: 'boolean', left: 'boolean', removed: 'boolean' };
const note: Shape<Note> = {
  id: 'string', kind: 'string', text: 'string', authorId: 'string', createdAt: 'string', updatedAt: 'string', occurredAt: 'string', keyMoment: 'string',
  position: 'number', flags: 'array', action: 'object',
};
const derived: Shape<Derived> = {
  gaps: 'array', largestGap: 'string', ranking: 'array', ties: 'array', chosenActions: 'number', tooManyActions: 'boolean', notReadyActions: 'array', stoppedTooEarly: 'array',
  coachCounts: 'object', voters: 'number', lateMeeting: 'boolean', rootCause: 'string', present: 'number', ready: 'number', actionProblems: 'object',
};
const affordances: Shape<Affordances> = {
  role: 'string', facilitates: 'boolean', mayChange: 'boolean', removed: 'boolean', boardLocked: 'boolean', mayReclaim: 'boolean', lockedPhases: 'array',
  lookAt: 'string', screenPhases: 'array', mayGoBack: 'boolean', mayAdvance: 'boolean', maySetReady: 'boolean', addableNoteKinds: 'array', mayMarkKeyMoments: 'boolean', mayWorkOnChains: 'boolean',
  votingOpen: 'boolean', votesRevealed: 'boolean', votesLeft: 'number', retractableVotes: 'array', mayEditAnyNote: 'boolean', editableNotes: 'array', editableChains: 'array', editableSteps: 'array',
  followUpActions: 'array', acknowledgeableActions: 'array', removableParticipants: 'array', handOverCandidates: 'array',
};

const files = import.meta.glob<string>('../../../docs/protocol/*.json', { eager: true, query: '?raw', import: 'default' });

function fixture(name: string): Record<string, unknown> {
  const key = Object.keys(files).find((k) => k.endsWith(`/${name}.json`));
  if (!key) throw new Error(`no fixture docs/protocol/${name}.json`);
  return JSON.parse(files[key]!) as Record<string, unknown>;
}

function kindOf(value: unknown): Kind {
  return Array.isArray(value) ? 'array' : (typeof value as Kind);
}

function conforms(where: string, value: unknown, shape: Record<string, Kind>): void {
  expect(kindOf(value), where).toBe('object');
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    expect(shape, `${where}.${key} is sent but not in the client's type`).toHaveProperty(key);
    expect(kindOf(v), `${where}.${key}`).toBe(shape[key]);
  }
}

function conformsEntry(where: string, value: unknown): void {
  conforms(where, value, entry);
  for (const [i, e] of ((value as EntryMessage).events ?? []).entries()) {
    if (e.type === 'note') conforms(`${where}.events[${i}].note`, e.note, note);
    if (e.type === 'affordances') conforms(`${where}.events[${i}].affordances`, e.affordances, affordances);
  }
}

describe('wire fixtures', () => {
  it('has a fixture for every message this test knows', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(10);
  });

  it.each(['ack.accepted', 'ack.duplicate', 'ack.rejected'])('%s matches Ack', (name) => conforms(name, fixture(name), ack));

  it('ping-result matches PingResult (times are Unix milliseconds)', () => conforms('ping-result', fixture('ping-result'), ping));

  it('fatal matches FatalMessage', () => conforms('fatal', fixture('fatal'), fatal));

  it.each(['entry.accepted', 'entry.duplicate', 'entry.rejected'])('%s matches EntryMessage', (name) => conformsEntry(name, fixture(name)));

  it('join-result.entries matches JoinResult with its entries', () => {
    const result = fixture('join-result.entries');
    conforms('join-result.entries', result, join);
    for (const [i, e] of (result.entries as unknown[]).entries()) conformsEntry(`entries[${i}]`, e);
  });

  it('join-result.snapshot matches JoinResult and the whole BoardView', () => {
    const result = fixture('join-result.snapshot');
    conforms('join-result.snapshot', result, join);
    const v = result.view as BoardView;
    conforms('view', v, view);
    conforms('view.meta', v.meta, meta);
    conforms('view.meta.timer', v.meta.timer, timer);
    conforms('view.derived', v.derived, derived);
    conforms('view.affordances', v.affordances, affordances);
    v.participants.forEach((p, i) => conforms(`view.participants[${i}]`, p, participant));
    v.notes.forEach((n, i) => conforms(`view.notes[${i}]`, n, note));
  });
});
