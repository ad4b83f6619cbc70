import { describe, expect, it } from 'vitest';
import { splitAttribution } from './primeDirective';

describe('splitAttribution', () => {
  it('separates the default text from its attribution and drops the outer quotes', () => {
    const text = '"Regardless of what we discover, we understand and truly believe that everyone did the best job they could." — Norm Kerth, Project Retrospectives: A Handbook for Team Reviews, 2001';
    expect(splitAttribution(text)).toEqual({
      quote: 'Regardless of what we discover, we understand and truly believe that everyone did the best job they could.',
      attribution: 'Norm Kerth, Project Retrospectives: A Handbook for Team Reviews, 2001',
    });
  });

  it('gives a team’s own wording no invented attribution', () => {
    expect(splitAttribution('We look at the system, not at people.')).toEqual({ quote: 'We look at the system, not at people.', attribution: null });
  });

  it('keeps a dash inside the sentence as part of the quote', () => {
    expect(splitAttribution('Learning — not blame — is the point of today.')).toEqual({ quote: 'Learning — not blame — is the point of today.', attribution: null });
  });
});
