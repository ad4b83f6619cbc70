// A log-linear (HDR-style) latency histogram over integer microseconds.
//
// Values below 2^SUB_BITS are counted exactly; above, each power-of-two range is split into
// 2^(SUB_BITS-1) equal buckets, so a reported percentile is within 1/2^(SUB_BITS-1) (~0.2%) of the
// true value. Counts are plain arrays so histograms from several load agents merge by addition and
// travel over IPC as sparse [index, count] pairs.

const SUB_BITS = 10;
const SUB_COUNT = 1 << SUB_BITS; // exact region: 0 .. 1023 µs
const HALF = SUB_COUNT >> 1;
const MAX_EXPONENT = 30; // values are clamped below 2^31 µs (~35 min): far beyond any bounded run
const MAX_VALUE = 2 ** 31 - 1;
const BUCKETS = SUB_COUNT + (MAX_EXPONENT - SUB_BITS + 1) * HALF;

/** Index of the bucket holding value v (a non-negative integer). */
export function bucketOf(v) {
  if (v < SUB_COUNT) return v;
  const x = Math.min(v, MAX_VALUE);
  const exponent = 31 - Math.clz32(x); // floor(log2(x)), >= SUB_BITS here
  const mantissa = x >>> (exponent - (SUB_BITS - 1)); // HALF .. SUB_COUNT-1
  return SUB_COUNT + (exponent - SUB_BITS) * HALF + (mantissa - HALF);
}

/** Smallest value that falls into bucket i. */
export function lowestOf(i) {
  if (i < SUB_COUNT) return i;
  const rel = i - SUB_COUNT;
  const exponent = Math.floor(rel / HALF) + SUB_BITS;
  const mantissa = (rel % HALF) + HALF;
  return mantissa * 2 ** (exponent - (SUB_BITS - 1));
}

/** Largest value that falls into bucket i. */
export function highestOf(i) {
  return i + 1 < BUCKETS ? lowestOf(i + 1) - 1 : Number.MAX_SAFE_INTEGER;
}

export class Histogram {
  constructor() {
    this.counts = new Float64Array(BUCKETS);
    this.total = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Records one value in µs; negative values (clock noise) count as 0. */
  record(us) {
    const v = us > 0 ? Math.round(us) : 0;
    this.counts[bucketOf(v)] += 1;
    this.total += 1;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** Adds every count of another histogram (or its serialised form) to this one. */
  merge(other) {
    const h = other instanceof Histogram ? other.toJSON() : other;
    if (!h || h.total === 0) return this;
    for (const [i, c] of h.buckets) this.counts[i] += c;
    this.total += h.total;
    this.sum += h.sum;
    this.min = Math.min(this.min, h.min);
    this.max = Math.max(this.max, h.max);
    return this;
  }

  /**
   * The value at percentile p (0..100): the highest value of the bucket where the cumulative count
   * first reaches p% of the total, clamped to the exact max so p100 is the true maximum.
   */
  percentile(p) {
    if (this.total === 0) return NaN;
    if (p >= 100) return this.max;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(highestOf(i), this.max);
    }
    return this.max;
  }

  mean() {
    return this.total === 0 ? NaN : this.sum / this.total;
  }

  /** Percentiles in milliseconds, the shape the report prints. */
  summaryMs() {
    const ms = (us) => (Number.isFinite(us) ? us / 1000 : null);
    return {
      count: this.total,
      p50: ms(this.percentile(50)),
      p95: ms(this.percentile(95)),
      p99: ms(this.percentile(99)),
      p999: ms(this.percentile(99.9)),
      max: ms(this.total ? this.max : NaN),
      mean: ms(this.mean()),
    };
  }

  toJSON() {
    const buckets = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i] !== 0) buckets.push([i, this.counts[i]]);
    return { total: this.total, sum: this.sum, min: this.min, max: this.max, buckets };
  }

  static from(json) {
    return new Histogram().merge(json);
  }
}
