// Delivery accounting, the same for every system: each operation carries a token
// "<sender>:<n>:<sendUs>" (n counts the sender's operations from 0), and each receiver checks, per
// sender, that n arrives exactly once and in order. Pure: no I/O, so it is unit-tested.
import { Histogram } from '../lib/histogram.mjs';

/** The token an operation carries: who sent it, its number, when (monotonic µs). */
export const formatToken = (sender, n, sendUs) => `${sender}:${n}:${sendUs}`;

/** Parses a token (possibly embedded after a prefix such as "bench:"), or null. */
export function parseToken(text, prefix = '') {
  if (typeof text !== 'string' || !text.startsWith(prefix)) return null;
  const end = text.indexOf(' ', prefix.length);
  const body = text.slice(prefix.length, end < 0 ? undefined : end);
  const parts = body.split(':');
  if (parts.length !== 3) return null;
  const n = Number(parts[1]);
  const sendUs = Number(parts[2]);
  if (!parts[0] || !Number.isInteger(n) || !Number.isFinite(sendUs)) return null;
  return { sender: parts[0], n, sendUs };
}

/**
 * How an operation number maps to the note it touches: the first `slots` operations add notes
 * 0..slots-1, later ones edit note n % slots. Both systems use it, so their documents match.
 */
export const slotOf = (n, slots) => n % slots;

export class Metrics {
  constructor() {
    // Totals over the agent's life: delivery ratio, gaps and duplicates are judged on them.
    this.delivered = 0; // unique deliveries to receivers other than the sender
    this.superseded = 0; // state-based sync merged an older edit of the same note into a newer one
    this.gaps = 0;
    this.duplicates = 0;
    this.seqGaps = 0;
    this.seqDuplicates = 0;
    this.opsSent = 0;
    this.presenceSent = 0;
    this.presenceIn = 0;
    this.rejected = 0;
    this.shed = 0; // acks 'unavailable' with a retry-after (PostMortem shedding load); each is sent again
    this.errors = 0;
    this.reset(0, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Starts a measurement window: latencies are kept for operations sent in [fromUs, toUs], and
   * arrivals and sends in it are counted for the rates. Totals are not touched.
   */
  reset(fromUs, toUs) {
    this.fromUs = fromUs;
    this.toUs = toUs;
    this.all = new Histogram();
    this.same = new Histogram();
    this.cross = new Histogram();
    this.ack = new Histogram(); // submit → the sender's own acknowledgement (systems that have one)
    this.arrivalsInWindow = 0;
    this.opsSentInWindow = 0;
    this.presenceInWindow = 0;
  }

  inWindow(us) {
    return us >= this.fromUs && us <= this.toUs;
  }

  noteSent(sendUs) {
    this.opsSent += 1;
    if (this.inWindow(sendUs)) this.opsSentInWindow += 1;
  }

  toJSON() {
    const { all, same, cross, ack, ...rest } = this;
    return { ...rest, all: all.toJSON(), same: same.toJSON(), cross: cross.toJSON(), ack: ack.toJSON() };
  }
}

/** Adds serialised Metrics together (one per load agent). */
export function mergeMetrics(list) {
  const out = new Metrics();
  for (const m of list) {
    for (const k of ['all', 'same', 'cross', 'ack']) out[k].merge(m[k]);
    for (const [k, v] of Object.entries(m)) {
      if (typeof v === 'number' && k !== 'fromUs' && k !== 'toUs') out[k] += v;
    }
  }
  return out;
}

/**
 * What one receiver knows about the operations it has seen. mode 'ordered' (a server-ordered log):
 * every operation of every sender must arrive, in order. mode 'state' (Yjs): a receiver may see a
 * merged update in which a newer edit of a note replaced an older one; the older one then counts as
 * superseded rather than lost.
 */
export class ReceiverState {
  constructor({ self, mode, slots }) {
    this.self = self;
    this.mode = mode;
    this.slots = slots;
    this.next = new Map(); // ordered: sender -> next expected n
    this.lastBySlot = new Map(); // state: sender -> Int32Array of last n seen per slot
    this.lastSeq = null;
  }

  /** Records one observed operation. Returns 'new' | 'duplicate' | 'self'. */
  observe(metrics, token, arrivalUs, sameInstance) {
    if (token.sender === this.self) return 'self';
    let fresh;
    if (this.mode === 'ordered') {
      const expected = this.next.get(token.sender) ?? 0;
      if (token.n < expected) {
        metrics.duplicates += 1;
        fresh = false;
      } else {
        if (token.n > expected) metrics.gaps += token.n - expected;
        this.next.set(token.sender, token.n + 1);
        fresh = true;
      }
    } else {
      let last = this.lastBySlot.get(token.sender);
      if (!last) {
        last = new Int32Array(this.slots);
        for (let j = 0; j < this.slots; j++) last[j] = j - this.slots; // "nothing seen yet"
        this.lastBySlot.set(token.sender, last);
      }
      const j = slotOf(token.n, this.slots);
      if (token.n <= last[j]) {
        metrics.duplicates += 1;
        fresh = false;
      } else {
        metrics.superseded += (token.n - last[j]) / this.slots - 1;
        last[j] = token.n;
        fresh = true;
      }
    }
    if (!fresh) return 'duplicate';
    metrics.delivered += 1;
    if (metrics.inWindow(arrivalUs)) metrics.arrivalsInWindow += 1;
    if (metrics.inWindow(token.sendUs)) {
      const latency = arrivalUs - token.sendUs;
      metrics.all.record(latency);
      (sameInstance ? metrics.same : metrics.cross).record(latency);
    }
    return 'new';
  }

  /** Board sequence continuity (ordered logs only): every seq after the first exactly once. */
  observeSeq(metrics, seq) {
    if (this.lastSeq !== null) {
      if (seq <= this.lastSeq) {
        metrics.seqDuplicates += 1;
        return false;
      }
      if (seq > this.lastSeq + 1) metrics.seqGaps += seq - this.lastSeq - 1;
    }
    this.lastSeq = seq;
    return true;
  }
}
