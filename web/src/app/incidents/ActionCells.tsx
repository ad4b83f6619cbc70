import { isHttpUrl } from '../../lib/urls';
import { OverdueTag } from './ActionStatusControl';

/** The owner, with a tick once they have said yes. */
export function OwnerCell({ owner, acknowledged }: { owner?: string | null; acknowledged: boolean }) {
  return (
    <td>
      {owner ?? '—'}
      {acknowledged && <span title="The owner said yes"> ✓</span>}
    </td>
  );
}

/** The due date, flagged when the server says it has passed. */
export function DueCell({ dueDate, overdue = false, daysOverdue = 0 }: { dueDate?: string | null; overdue?: boolean; daysOverdue?: number }) {
  return (
    <td className="nowrap">
      {dueDate ?? '—'}
      {overdue && <OverdueTag days={daysOverdue} />}
    </td>
  );
}

/** A link to the action's ticket, only for http(s) addresses. */
export function TicketLink({ url, className }: { url?: string | null; className?: string }) {
  if (!url || !isHttpUrl(url)) return null;
  return (
    <>
      {' '}
      <a href={url} rel="noopener noreferrer" target="_blank" className={className}>
        ticket
      </a>
    </>
  );
}

/** The contributing factors of a post-mortem, or a line saying there are none. */
export function FactorList({ factors }: { factors: readonly string[] }) {
  return factors.length === 0 ? (
    <p className="muted">None recorded.</p>
  ) : (
    <ul>
      {factors.map((f, i) => (
        <li key={i}>{f}</li>
      ))}
    </ul>
  );
}
