import { useId, useState } from 'react';

import { phaseHint } from '../../lib/labels';
import { utcToZonedInput, zonedToUtcIso } from '../../lib/time';
import { useBoard } from '../board/BoardContext';
import { AddNoteForm } from './AddNoteForm';
import { GapSummary } from './GapSummary';
import { ParkingLot } from './ParkingLot';
import { TimelineAxis } from './TimelineAxis';
import { TimelineLanes } from './TimelineLanes';

export function TimelinePhase() {
  const { view } = useBoard();
  const zone = view.meta.timeZone;
  const timeline = view.notes.filter((n) => n.kind === 'event' || n.kind === 'signal');
  const latest = timeline.reduce<string | undefined>((acc, n) => (n.occurredAt && (!acc || n.occurredAt > acc) ? n.occurredAt : acc), undefined);
  const [lane, setLane] = useState<'event' | 'signal'>('event');
  const [when, setWhen] = useState(() => utcToZonedInput(latest ?? view.meta.incidentAt, zone));
  const whenId = useId();
  const laneId = useId();
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Timeline</h2>
      <p className="phase-hint">
        {phaseHint.timeline} Times are shown in <strong>{zone}</strong>.
      </p>
      <AddNoteForm
        kind={lane}
        label="What happened?"
        buttonLabel="Add to timeline"
        placeholder="e.g. API change deployed"
        occurredAt={() => zonedToUtcIso(when, zone) ?? undefined}
        extra={
          <>
            <div className="field">
              <label htmlFor={whenId}>When ({zone})</label>
              <input id={whenId} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor={laneId}>Lane</label>
              <select id={laneId} value={lane} onChange={(e) => setLane(e.target.value === 'signal' ? 'signal' : 'event')}>
                <option value="event">Event</option>
                <option value="signal">Signal (noticed or missed)</option>
              </select>
            </div>
          </>
        }
      />
      <TimelineAxis notes={timeline} />
      <GapSummary />
      <TimelineLanes notes={timeline} />
      <ParkingLot />
    </section>
  );
}
