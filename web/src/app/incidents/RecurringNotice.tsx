import type { RecurringCause } from '../../api/incidentLog';
import { Link } from '../common/Link';
import { incidentLink } from './links';

/** "This cause was seen before": the earlier incident, what matched, and why the log thinks so. */
export function RecurringNotice({ causes, compact = false }: { causes: readonly RecurringCause[]; compact?: boolean }) {
  if (causes.length === 0) return null;
  return (
    <div className={`recurring ${compact ? 'compact' : ''}`} role="note" aria-label="Recurring cause" data-testid="recurring">
      <p className="recurring-title">
        <span aria-hidden="true">↻ </span>Recurring cause — seen before in {causes.length === 1 ? 'one earlier incident' : `${causes.length} earlier incidents`}
      </p>
      <ul>
        {causes.map((c) => (
          <li key={c.boardId}>
            <Link to={incidentLink(c.boardId)}>{c.title}</Link> <span className="muted">({c.date})</span>
            {!compact && (
              <>
                <blockquote className="recurring-pair">
                  <span>Now: “{c.text}”</span>
                  <span>Then: “{c.earlierText}”</span>
                </blockquote>
              </>
            )}
            <p className="recurring-reason" data-testid="recurring-reason">
              {c.reason}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
