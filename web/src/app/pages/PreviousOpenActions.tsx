import type { PreviousOpenAction } from '../../api/incidentLog';
import { actionStatusLabel } from '../../lib/labels';
import { Link } from '../common/Link';
import { OverdueTag } from '../incidents/ActionStatusControl';
import { incidentLink } from '../incidents/links';

/**
 * At the start of a new post-mortem: the actions the previous two left open. Reviewing them first
 * shows whether this incident is one they were meant to prevent.
 */
export function PreviousOpenActions({ actions }: { actions: readonly PreviousOpenAction[] }) {
  if (actions.length === 0) return null;
  const boards = [...new Set(actions.map((a) => a.boardId))];
  return (
    <section className="previous-actions" aria-labelledby="previous-title" data-testid="previous-actions">
      <h2 id="previous-title">Before you start: open actions from the previous post-mortems</h2>
      <p className="hint">Review them with the team. Is today’s incident one of these actions was meant to prevent?</p>
      {boards.map((boardId) => {
        const list = actions.filter((a) => a.boardId === boardId);
        return (
          <div key={boardId} className="previous-board">
            <h3>
              <Link to={incidentLink(boardId)}>{list[0]!.boardTitle}</Link>
            </h3>
            <ul>
              {list.map((a) => {
                return (
                  <li key={a.noteId} className={a.overdue ? 'overdue-item' : ''} data-testid="previous-action">
                    <span className="action-text">{a.text}</span>
                    <span className="muted small-text">
                      {' — '}
                      {a.owner ?? 'no owner'}
                      {a.dueDate && <>, due {a.dueDate}</>} · {actionStatusLabel[a.status]}
                    </span>
                    {a.overdue && <OverdueTag days={a.daysOverdue} />}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
