import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf, highestOf, Histogram, lowestOf } from '../src/lib/histogram.mjs';

test('every value falls inside the bounds of its bucket', () => {
  for (const v of [0, 1, 999, 1023, 1024, 1025, 2047, 2048, 4095, 4096, 65_537, 1_234_567, 2 ** 31 - 1]) {
    const b = bucketOf(v);
    assert.ok(lowestOf(b) <= v && v <= highestOf(b), `value ${v} in bucket ${b} [${lowestOf(b)}, ${highestOf(b)}]`);
  }
});

test('percentiles of 1..100000 µs are within 0.2 % of the exact ranks', () => {
  const h = new Histogram();
  for (let i = 1; i <= 100_000; i++) h.record(i);
  for (const [p, exact] of [[50, 50_000], [95, 95_000], [99, 99_000], [99.9, 99_900]]) {
    const got = h.percentile(p);
    assert.ok(Math.abs(got - exact) / exact <= 0.002, `p${p}: ${got} vs ${exact}`);
  }
  assert.equal(h.percentile(100), 100_000);
  assert.equal(h.max, 100_000);
  assert.equal(h.min, 1);
});

test('small values are exact and the maximum is never overstated', () => {
  const h = new Histogram();
  for (const v of [5, 7, 9]) h.record(v);
  assert.equal(h.percentile(50), 7);
  assert.equal(h.percentile(99), 9);
  const big = new Histogram();
  big.record(123_457);
  assert.equal(big.percentile(99.9), 123_457);
});

test('merged histograms give the percentiles of the combined values', () => {
  const a = new Histogram();
  const b = new Histogram();
  for (let i = 0; i < 900; i++) a.record(1000);
  for (let i = 0; i < 100; i++) b.record(50_000);
  const m = Histogram.from(JSON.parse(JSON.stringify(a))).merge(JSON.parse(JSON.stringify(b)));
  assert.equal(m.total, 1000);
  assert.equal(m.percentile(90), 1000);
  assert.ok(Math.abs(m.percentile(95) - 50_000) <= 100);
  assert.deepEqual(m.summaryMs().count, 1000);
});

test('an empty histogram reports no percentiles rather than zeros', () => {
  const s = new Histogram().summaryMs();
  assert.equal(s.count, 0);
  assert.equal(s.p99, null);
  assert.equal(s.max, null);
});
