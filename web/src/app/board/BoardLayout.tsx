import { useRef, useState, type PointerEvent } from 'react';
import type { Phase } from '../../sync/protocol';
import { useBoard } from './BoardContext';
import { BoardHeader } from './BoardHeader';
import { ConnectionBanner } from './ConnectionBanner';
import { Cursors } from './Cursors';
import { FacilitatorPanel } from './FacilitatorPanel';
import { PeopleList } from './PeopleList';
import { PhaseBar } from './PhaseBar';
import { PhasePanel } from './PhasePanel';
import { PrimeDirectiveOverlay } from './PrimeDirectiveOverlay';
import { RejectionToast } from './RejectionToast';
import { RoleChangeNotice } from './RoleChangeNotice';
import { usePresence } from './usePresence';

export function BoardLayout() {
  const { client, snap, view, can } = useBoard();
  const [viewing, setViewing] = useState<Phase | null>(null);
  const presence = usePresence(client, snap.status === 'connected');
  const area = useRef<HTMLElement>(null);
  const phase = viewing ?? can.lookAt;

  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const box = area.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return;
    client.sendPresence({ kind: 'cursor', x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top + (area.current?.scrollTop ?? 0)) / box.height });
  };

  return (
    <div className={`board phase-${view.meta.phase}`} data-phase={view.meta.phase}>
      <ConnectionBanner status={snap.status} pending={snap.pending.length} />
      <BoardHeader />
      <RoleChangeNotice />
      <PhaseBar viewing={phase} onView={(p) => setViewing(p === can.lookAt ? null : p)} />
      <div className="board-body">
        <main ref={area} className={`phase-panel panel-${phase}`} onPointerMove={onPointerMove} aria-label={`Phase: ${phase}`}>
          {viewing !== null && viewing !== can.lookAt && (
            <p className="viewing-note">
              You are looking at another phase.{' '}
              <button type="button" className="link-button" onClick={() => setViewing(null)}>
                Back to the current phase
              </button>
            </p>
          )}
          <PhasePanel phase={phase} />
          <Cursors others={presence.others} />
        </main>
        <aside className="board-side" aria-label="People and controls">
          {can.facilitates && <FacilitatorPanel />}
          <PeopleList isOnline={presence.isOnline} />
        </aside>
      </div>
      <PrimeDirectiveOverlay />
      <RejectionToast />
    </div>
  );
}
