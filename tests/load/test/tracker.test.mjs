import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatToken, mergeMetrics, Metrics, parseToken, ReceiverState } from '../src/agent/tracker.mjs';

const tok = (sender, n, sendUs = 1000) => ({ sender, n, sendUs });

test('a token survives formatting and parsing, also behind a prefix and before text', () => {
  assert.deepEqual(parseToken(formatToken('0c12', 7, 123456789)), tok('0c12', 7, 123456789));
  assert.deepEqual(parseToken(`bench:${formatToken('1c3', 0, 5)} some note text`, 'bench:'), tok('1c3', 0, 5));
  assert.equal(parseToken('prep-1-advance'), null);
  assert.equal(parseToken('bench:x:y:z', 'bench:'), null);
});

test('an ordered receiver counts gaps and duplicates per sender and ignores its own operations', () => {
  const m = new Metrics();
  const r = new ReceiverState({ self: '0c0', mode: 'ordered', slots: 3 });
  assert.equal(r.observe(m, tok('0c0', 0), 2000, true), 'self');
  r.observe(m, tok('0c1', 0), 2000, true);
  r.observe(m, tok('0c1', 1), 2000, true);
  r.observe(m, tok('0c1', 4), 2000, true); // 2 and 3 missing
  assert.equal(r.observe(m, tok('0c1', 1), 2000, true), 'duplicate');
  assert.equal(m.delivered, 3);
  assert.equal(m.gaps, 2);
  assert.equal(m.duplicates, 1);
});

test('board sequence continuity flags gaps and repeats', () => {
  const m = new Metrics();
  const r = new ReceiverState({ self: 'a', mode: 'ordered', slots: 3 });
  for (const s of [10, 11, 13, 13, 14]) r.observeSeq(m, s);
  assert.equal(m.seqGaps, 1);
  assert.equal(m.seqDuplicates, 1);
  assert.equal(r.lastSeq, 14);
});

test('a state-based receiver counts an overwritten edit of the same note as superseded, not lost', () => {
  const m = new Metrics();
  const r = new ReceiverState({ self: 'x', mode: 'state', slots: 3 });
  for (const n of [0, 1, 2, 3]) r.observe(m, tok('s', n), 2000, false);
  r.observe(m, tok('s', 7), 2000, false); // slot 1: op 4 was merged into op 7
  r.observe(m, tok('s', 5), 2000, false);
  r.observe(m, tok('s', 6), 2000, false);
  assert.equal(m.delivered, 7);
  assert.equal(m.superseded, 1);
  assert.equal(m.gaps, 0);
  assert.equal(r.observe(m, tok('s', 4), 2000, false), 'duplicate');
});

test('latency is recorded only for operations sent inside the window, split by instance', () => {
  const m = new Metrics();
  m.reset(1000, 2000);
  const r = new ReceiverState({ self: 'me', mode: 'ordered', slots: 3 });
  r.observe(m, tok('0c1', 0, 500), 2500, true); // sent before the window
  r.observe(m, tok('0c1', 1, 1500), 3500, true);
  r.observe(m, tok('1c2', 0, 1600), 1900, false);
  assert.equal(m.all.total, 2);
  assert.equal(m.same.total, 1);
  assert.equal(m.cross.total, 1);
  assert.equal(m.same.max, 2000);
  assert.equal(m.arrivalsInWindow, 1);
  const merged = mergeMetrics([JSON.parse(JSON.stringify(m)), JSON.parse(JSON.stringify(m))]);
  assert.equal(merged.all.total, 4);
  assert.equal(merged.delivered, 6);
});
