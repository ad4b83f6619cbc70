import { describe, expect, it } from 'vitest';
import { applyEntry, applyEvent } from './applyEvents';
import type { BoardEvent, BoardView } from './protocol';
import { derived, entry, meta, note, participant, view } from './testing/fixtures';

const chain = { id: 'c1', symptom: 'Wrong product delivered', authorId: 'p1', createdAt: '2026-03-04T12:00:00+00:00', steps: [], flags: [] };

// Each row: an event and what the view must show after it. Events are replacements computed by Core.
const cases: { name: string; start: BoardView; event: BoardEvent; check: (v: BoardView) => unknown; expected: unknown }[] = [
  { name: 'meta replaces the meta', start: view(), event: { type: 'meta', meta: meta({ phase: 'timeline' }) }, check: (v) => v.meta.phase, expected: 'timeline' },
  { name: 'participant adds a new participant', start: view(), event: { type: 'participant', participant: participant('p2', { name: 'Ana' }) }, check: (v) => v.participants.map((p) => p.name), expected: ['fac', 'p1', 'Ana'] },
  { name: 'participant replaces a known participant in place', start: view(), event: { type: 'participant', participant: participant('p1', { ready: true }) }, check: (v) => v.participants.map((p) => `${p.id}:${p.ready}`), expected: ['fac:false', 'p1:true'] },
  { name: 'note adds a note', start: view(), event: { type: 'note', note: note('n1', 'API change deployed') }, check: (v) => v.notes.map((n) => n.text), expected: ['API change deployed'] },
  { name: 'note replaces an edited note', start: view(0, { notes: [note('n1', 'old'), note('n2', 'other')] }), event: { type: 'note', note: note('n1', 'new') }, check: (v) => v.notes.map((n) => n.text), expected: ['new', 'other'] },
  { name: 'noteRemoved removes the note', start: view(0, { notes: [note('n1', 'a'), note('n2', 'b')] }), event: { type: 'noteRemoved', noteId: 'n1' }, check: (v) => v.notes.map((n) => n.id), expected: ['n2'] },
  { name: 'chain adds a chain', start: view(), event: { type: 'chain', chain }, check: (v) => v.chains.map((c) => c.symptom), expected: ['Wrong product delivered'] },
  { name: 'chain replaces a chain', start: view(0, { chains: [chain] }), event: { type: 'chain', chain: { ...chain, rootCauseStepId: 's1' } }, check: (v) => v.chains.map((c) => c.rootCauseStepId), expected: ['s1'] },
  { name: 'chainRemoved removes the chain', start: view(0, { chains: [chain] }), event: { type: 'chainRemoved', chainId: 'c1' }, check: (v) => v.chains.length, expected: 0 },
  { name: 'myVotes replaces my votes', start: view(0, { myVotes: ['a'] }), event: { type: 'myVotes', noteIds: ['a', 'b', 'b'] }, check: (v) => v.myVotes, expected: ['a', 'b', 'b'] },
  { name: 'tallies sets the revealed totals', start: view(), event: { type: 'tallies', tallies: { a: 3, b: 1 } }, check: (v) => v.tallies, expected: { a: 3, b: 1 } },
  { name: 'derived replaces the derived figures', start: view(), event: { type: 'derived', derived: derived({ largestGap: 'changeToSymptom', rootCause: 'No mechanism' }) }, check: (v) => [v.derived.largestGap, v.derived.rootCause], expected: ['changeToSymptom', 'No mechanism'] },
  { name: 'signOff appends a sign-off', start: view(), event: { type: 'signOff', signOff: { name: 'Sam', actorId: 'r1', at: '2026-03-05T09:00:00+00:00' } }, check: (v) => v.signOffs.map((s) => s.name), expected: ['Sam'] },
];

describe('applyEvent', () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = structuredClone(c.start);
      expect(c.check(applyEvent(c.start, c.event))).toEqual(c.expected);
      // Pure: the input view is not touched (React relies on new objects for changes).
      expect(c.start).toEqual(before);
    });
  }

  it('skips an event type it does not know', () => {
    const start = view();
    const unknown = { type: 'somethingNew' } as unknown as BoardEvent;
    expect(applyEvent(start, unknown)).toBe(start);
  });
});

describe('applyEntry', () => {
  it('advances seq and applies the events of an accepted entry', () => {
    const v = applyEntry(view(4), entry(5));
    expect(v.seq).toBe(5);
    expect(v.notes.map((n) => n.text)).toEqual(['note 5']);
  });

  it('advances seq and changes nothing else for a rejected entry', () => {
    const v = applyEntry(view(4), entry(5, { status: 'rejected', code: 'phase_locked' }));
    expect(v.seq).toBe(5);
    expect(v.notes).toEqual([]);
  });
});
