import { useEffect, useRef, useState } from 'react';
import { useBoard } from './BoardContext';

/** Says so when the facilitator role moves, above all to the two people it moved between. */
export function RoleChangeNotice() {
  const { view, myId, nameOf } = useBoard();
  const facilitatorId = view.meta.facilitatorId;
  const previous = useRef(facilitatorId);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    if (before === facilitatorId) return;
    previous.current = facilitatorId;
    if (facilitatorId === myId) setMessage('You are now the facilitator. Your controls are on the right.');
    else if (before === myId) setMessage(`You handed the facilitator role to ${nameOf(facilitatorId)}.`);
    else setMessage(`${nameOf(facilitatorId)} is now the facilitator.`);
  }, [facilitatorId, myId, nameOf]);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 10000);
    return () => clearTimeout(t);
  }, [message]);
  if (!message) return null;
  return (
    <div className="role-notice" role="status" data-testid="role-notice">
      {message}
      <button type="button" className="link-button" onClick={() => setMessage(null)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
