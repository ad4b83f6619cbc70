import { useEffect, useRef, type KeyboardEvent } from 'react';
import { PrimeDirectiveQuote } from '../common/PrimeDirectiveQuote';
import { useBoard } from './BoardContext';

/** The facilitator can put the Prime Directive on every screen at any moment — the tool to point back at. */
export function PrimeDirectiveOverlay() {
  const { view, can, submit } = useBoard();
  const ref = useRef<HTMLDivElement>(null);
  const shown = view.meta.primeDirectiveShown;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  const hide = () => void submit({ type: 'showPrimeDirective', shown: false });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && can.facilitates) hide();
  };
  return (
    <div className="overlay prime-overlay" role="dialog" aria-modal="true" aria-labelledby="pd-title" onKeyDown={onKeyDown} data-testid="prime-overlay">
      <div className="overlay-card" ref={ref} tabIndex={-1}>
        <p className="eyebrow">A pause from the facilitator</p>
        <h2 id="pd-title">The Prime Directive</h2>
        <PrimeDirectiveQuote text={view.meta.primeDirective} large />
        <p className="overlay-why">We are looking for what in the system made this possible — not for who to blame.</p>
        {can.facilitates ? (
          <button type="button" className="primary big" onClick={hide}>
            Hide it for everyone
          </button>
        ) : (
          <p className="muted">The facilitator will close this when the room is ready to go on.</p>
        )}
      </div>
    </div>
  );
}
