import type { Note } from '../../sync/protocol';
import { keyMomentLabel } from '../../lib/labels';
import { formatInZone } from '../../lib/time';
import { useBoard } from '../board/BoardContext';

/** A proportional time axis from the first note to the last: long silences show as long stretches. */
export function TimelineAxis({ notes }: { notes: readonly Note[] }) {
  const { view } = useBoard();
  const zone = view.meta.timeZone;
  const placed = notes.filter((n) => n.occurredAt).map((n) => ({ note: n, t: Date.parse(n.occurredAt!) }));
  if (placed.length < 2) return null;
  const min = Math.min(...placed.map((p) => p.t));
  const max = Math.max(...placed.map((p) => p.t));
  const span = Math.max(1, max - min);
  const at = (t: number) => `${((t - min) / span) * 100}%`;
  const largest = view.derived.gaps.find((g) => g.name === view.derived.largestGap);
  return (
    <figure className="axis" aria-label={`Time axis from ${formatInZone(new Date(min).toISOString(), zone)} to ${formatInZone(new Date(max).toISOString(), zone)}`}>
      <div className="axis-track">
        {largest && <div className="axis-gap largest" style={{ left: at(Date.parse(largest.fromAt)), width: `${((Date.parse(largest.toAt) - Date.parse(largest.fromAt)) / span) * 100}%` }} title="Largest gap" />}
        <div className="axis-line" />
        {placed.map(({ note, t }) => (
          <span key={note.id} className={`axis-dot ${note.kind} ${note.keyMoment ? 'key' : ''}`} style={{ left: at(t) }} title={`${formatInZone(note.occurredAt, zone, 'time')} ${note.text}`} />
        ))}
        {placed
          .filter((p) => p.note.keyMoment)
          .map(({ note, t }) => (
            <span key={`k-${note.id}`} className="axis-flag" style={{ left: at(t) }}>
              {keyMomentLabel[note.keyMoment!]}
            </span>
          ))}
      </div>
      <figcaption className="axis-ends">
        <span>{formatInZone(new Date(min).toISOString(), zone)}</span>
        <span>{formatInZone(new Date(max).toISOString(), zone)}</span>
      </figcaption>
    </figure>
  );
}
