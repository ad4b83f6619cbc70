import { describe, expect, it } from 'vitest';
import { normalizeWire } from './normalize';

describe('normalizeWire', () => {
  it('reads PascalCase enum values and enum-keyed maps as camelCase', () => {
    const input = {
      meta: { phase: 'RootCause', lockedPhases: ['SetTheRoom', 'Timeline'], incidentType: 'Deployment', timer: { status: 'Running' } },
      notes: [{ kind: 'ParkingLot', keyMoment: 'ImpactStart', action: { actionKind: 'LongTerm', status: 'InProgress' } }],
      derived: { coachCounts: { SetTheRoom: 2 }, gaps: [{ from: 'Trigger', to: 'ImpactStart' }] },
      role: 'Participant',
    };
    expect(normalizeWire(input)).toEqual({
      meta: { phase: 'rootCause', lockedPhases: ['setTheRoom', 'timeline'], incidentType: 'deployment', timer: { status: 'running' } },
      notes: [{ kind: 'parkingLot', keyMoment: 'impactStart', action: { actionKind: 'longTerm', status: 'inProgress' } }],
      derived: { coachCounts: { setTheRoom: 2 }, gaps: [{ from: 'trigger', to: 'impactStart' }] },
      role: 'participant',
    });
  });

  it('never touches user text, even when it looks like an enum', () => {
    const input = { note: { kind: 'Event', text: 'Timeline', flags: [{ rule: 'name', match: 'Dave', hint: 'Names', suggestion: 'The deploy' }] }, name: 'Participant' };
    expect(normalizeWire(input)).toEqual({ note: { kind: 'event', text: 'Timeline', flags: [{ rule: 'name', match: 'Dave', hint: 'Names', suggestion: 'The deploy' }] }, name: 'Participant' });
  });

  it('leaves camelCase input as it is', () => {
    const input = { phase: 'contributingFactors', tallies: { Abc: 1 } };
    expect(normalizeWire(input)).toEqual(input);
  });

  it('reads incident-log rows the same way: type, status and action kinds', () => {
    const input = [{ type: 'Integration', status: 'FollowUp', title: 'Deployment', recurringCauses: [{ reason: 'Root cause shares the words "Contract"' }], actions: [{ kind: 'ShortTerm', status: 'InProgress', text: 'Open' }] }];
    expect(normalizeWire(input)).toEqual([
      { type: 'integration', status: 'followUp', title: 'Deployment', recurringCauses: [{ reason: 'Root cause shares the words "Contract"' }], actions: [{ kind: 'shortTerm', status: 'inProgress', text: 'Open' }] },
    ]);
  });
});
