import { links, origin } from '../../lib/links';
import { storage } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { CopyField } from '../common/CopyField';
import { Link } from '../common/Link';
import { createdState } from './createdState';
import { PreviousOpenActions } from './PreviousOpenActions';

/** After creating: the links to share (and the one to keep). */
export function CreatedPage({ boardId }: { boardId: string }) {
  const stored = storage.links(boardId);
  const response = createdState.take(boardId);
  if (!stored) {
    return (
      <>
        <AppHeader />
        <main className="page narrow">
          <h1>Links not available here</h1>
          <p>The links of this post-mortem were shown in the browser that created it.</p>
        </main>
      </>
    );
  }
  const errors = response?.importErrors ?? [];
  const previous = response?.previousOpenActions ?? storage.previousActions(boardId);
  return (
    <>
      <AppHeader />
      <main className="page narrow">
        <h1>Your post-mortem is ready</h1>
        <CopyField label="Participant join link — share it in the call" value={origin() + links.join(boardId, stored.joinCode)} />
        <CopyField label="Pre-read link — framing and draft timeline, read-only" value={origin() + links.preRead(boardId, stored.readKey)} />
        <CopyField
          label="Your facilitator secret link — keep it to yourself"
          value={origin() + links.facilitator(boardId, stored.facilitatorSecret)}
          hint="Opening it in any browser gives you the facilitator role back."
        />
        {errors.length > 0 && (
          <section className="import-errors" role="alert">
            <h2>Some pre-work lines could not be read</h2>
            <ul>
              {errors.map((e) => (
                <li key={e.line}>
                  Line {e.line}: <code>{e.text}</code> — {e.reason}
                </li>
              ))}
            </ul>
            <p className="hint">The other lines are on the timeline. Add these on the board.</p>
          </section>
        )}
        <PreviousOpenActions actions={previous} />
        <p>
          <Link to={links.board(boardId)} className="button primary big">
            Open the board
          </Link>
        </p>
      </main>
    </>
  );
}
