import { api } from '../../api/http';
import type { BoardView } from '../../sync/protocol';
import { incidentTypeLabel } from '../../lib/labels';
import { PrimeDirectiveQuote } from '../common/PrimeDirectiveQuote';
import { fragmentParam } from '../../lib/links';
import { storage } from '../../lib/storage';
import { formatInZone } from '../../lib/time';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { useFetch } from './useFetch';

function unwrap(r: BoardView | { view: BoardView }): BoardView {
  return 'view' in r ? r.view : r;
}

/** Read-only framing and draft timeline, for participants before the call. */
export function PreReadPage({ boardId }: { boardId: string }) {
  const key = fragmentParam('key') ?? storage.readKey(boardId) ?? '';
  if (key) storage.saveReadKey(boardId, key);
  const { state } = useFetch(() => api.read(boardId, key).then(unwrap), `${boardId}:${key}`);
  return (
    <>
      <AppHeader />
      <main className="page narrow pre-read">
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && <ErrorMessage error={state.error.status === 404 || state.error.status === 403 ? 'This pre-read link is not valid.' : state.error.message} />}
        {state.status === 'ok' && <PreRead view={state.data} />}
      </main>
    </>
  );
}

function PreRead({ view }: { view: BoardView }) {
  const { meta } = view;
  const timeline = view.notes.filter((n) => n.kind === 'event' || n.kind === 'signal').sort((a, b) => (a.occurredAt ?? '').localeCompare(b.occurredAt ?? ''));
  return (
    <article>
      <p className="eyebrow">
        Pre-read · {incidentTypeLabel[meta.incidentType] ?? meta.incidentType} · severity {meta.severity}
      </p>
      <h1>{meta.title}</h1>
      <p className="muted">
        Incident: {formatInZone(meta.incidentAt, meta.timeZone)} ({meta.timeZone})
      </p>
      <section className="framing">
        <h2>How we will work</h2>
        <p>This is a blameless post-mortem: we look for what about the system made the failure possible, and change that. Competent people made reasonable decisions with what they knew at the time.</p>
        <PrimeDirectiveQuote text={meta.primeDirective} />
        <p>We leave with a timeline, one structural root cause, and two or three actions with an owner and a date each.</p>
      </section>
      <section>
        <h2>Draft timeline</h2>
        {timeline.length === 0 ? (
          <p className="muted">No draft timeline yet.</p>
        ) : (
          <table className="writeup-timeline">
            <thead>
              <tr>
                <th scope="col">Time ({meta.timeZone})</th>
                <th scope="col">Lane</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {timeline.map((n) => (
                <tr key={n.id}>
                  <td className="nowrap">{formatInZone(n.occurredAt, meta.timeZone)}</td>
                  <td>{n.kind === 'signal' ? 'Signal' : 'Event'}</td>
                  <td>{n.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">Spot something missing or wrong? Bring it to the meeting — we build the timeline together.</p>
      </section>
    </article>
  );
}
