// Server clock offset, NTP-style: the server read its clock roughly half-way through the round trip.

export interface ClockSample {
  offsetMs: number;
  rttMs: number;
}

export function parseTime(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

export function clockSample(sentAtMs: number, receivedAtMs: number, serverTime: string | number): ClockSample {
  const serverMs = parseTime(serverTime);
  const midpoint = (sentAtMs + receivedAtMs) / 2;
  return { offsetMs: serverMs - midpoint, rttMs: Math.max(0, receivedAtMs - sentAtMs) };
}

/** Keeps the last few samples and trusts the one with the shortest round trip (least queueing noise). */
export class ClockOffset {
  private samples: ClockSample[] = [];

  constructor(private readonly keep = 5) {}

  add(sample: ClockSample): void {
    if (!Number.isFinite(sample.offsetMs)) return;
    this.samples = [...this.samples, sample].slice(-this.keep);
  }

  get offsetMs(): number {
    if (this.samples.length === 0) return 0;
    let best = this.samples[0]!;
    for (const s of this.samples) if (s.rttMs < best.rttMs) best = s;
    return best.offsetMs;
  }

  get hasSample(): boolean {
    return this.samples.length > 0;
  }
}
