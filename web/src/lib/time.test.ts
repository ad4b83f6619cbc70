import { describe, expect, it } from 'vitest';
import { formatDuration, utcToZonedInput, zonedToUtcIso } from './time';

describe('incident time zone conversion', () => {
  it('reads a wall time in the incident zone as UTC, across daylight saving', () => {
    expect(zonedToUtcIso('2026-03-03T16:47', 'Europe/London')).toBe('2026-03-03T16:47:00.000Z');
    expect(zonedToUtcIso('2026-07-01T09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedToUtcIso('2026-03-04T05:30', 'America/New_York')).toBe('2026-03-04T10:30:00.000Z');
  });

  it('shows a UTC instant as wall time in the zone', () => {
    expect(utcToZonedInput('2026-07-01T08:00:00Z', 'Europe/London')).toBe('2026-07-01T09:00');
  });

  it('refuses text that is not a date and time', () => {
    expect(zonedToUtcIso('next tuesday', 'UTC')).toBeNull();
  });
});

describe('formatDuration', () => {
  it('rounds up to whole seconds and never goes negative', () => {
    expect(formatDuration(299_001)).toBe('5:00');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
