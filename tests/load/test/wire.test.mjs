import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSs } from '../src/lib/wire.mjs';

test('ss output is read as local port and bytes sent per socket', () => {
  const text = [
    '0      0      127.0.0.1:43895 127.0.0.1:52894',
    '\t bbr wscale:10,10 rto:216 cwnd:18 bytes_sent:585444 bytes_acked:585444 bytes_received:5983 segs_out:1025',
    '0      0      [::ffff:127.0.0.1]:5080 [::ffff:127.0.0.1]:40000',
    '\t cubic rto:204 bytes_sent:12 bytes_received:7',
    '0      0      127.0.0.1:41000 127.0.0.1:6379',
    '\t cubic rto:204 bytes_received:7',
  ].join('\n');
  assert.deepEqual(parseSs(text), [
    { localPort: 43895, bytesSent: 585444 },
    { localPort: 5080, bytesSent: 12 },
    { localPort: 41000, bytesSent: 0 },
  ]);
});
