import { useEffect, useRef } from 'react';
import { PRIME_DIRECTIVE_ATTRIBUTION } from '../../lib/labels';
import { useBoard } from './BoardContext';

/** The facilitator can put the Prime Directive on every screen at any moment. */
export function PrimeDirectiveOverlay() {
  const { view, isFacilitator, submit } = useBoard();
  const ref = useRef<HTMLDivElement>(null);
  const shown = view.meta.primeDirectiveShown;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pd-title">
      <div className="overlay-card" ref={ref} tabIndex={-1}>
        <h2 id="pd-title">The Prime Directive</h2>
        <blockquote className="prime-directive">{view.meta.primeDirective}</blockquote>
        <p className="attribution">— {PRIME_DIRECTIVE_ATTRIBUTION}</p>
        {isFacilitator ? (
          <button type="button" className="primary" onClick={() => void submit({ type: 'showPrimeDirective', shown: false })}>
            Hide it for everyone
          </button>
        ) : (
          <p className="muted">The facilitator will close this.</p>
        )}
      </div>
    </div>
  );
}
