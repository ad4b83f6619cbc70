import { describe, expect, it } from 'vitest';
import { actionStatusOf } from './incidentLog';

describe('actionStatusOf', () => {
  it('reads the enum name the create response writes and the camelCase the protocol uses', () => {
    expect(actionStatusOf('InProgress')).toBe('inProgress');
    expect(actionStatusOf('WontDo')).toBe('wontDo');
    expect(actionStatusOf('done')).toBe('done');
  });

  it('reads anything unknown as open, so an action is never hidden as finished', () => {
    expect(actionStatusOf('Blocked')).toBe('open');
    expect(actionStatusOf('')).toBe('open');
  });
});
