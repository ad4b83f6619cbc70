import type { ConnectionStatus } from '../../sync/client';

/** Says plainly when the board is not live, and that nothing typed is lost. */
export function ConnectionBanner({ status, pending }: { status: ConnectionStatus; pending: number }) {
  if (status === 'connected' || status === 'idle' || status === 'stopped') return null;
  const kept = pending > 0 ? ` — your changes are kept (${pending} waiting to send)` : ' — your changes are kept';
  const text =
    status === 'connecting'
      ? 'Connecting…'
      : status === 'reconnecting'
        ? `Reconnecting${kept}`
        : `Offline${kept}. They will be sent when the connection returns.`;
  return (
    <div className={`connection-banner ${status}`} role="status" aria-live="polite" data-testid="connection-banner">
      {text}
    </div>
  );
}
