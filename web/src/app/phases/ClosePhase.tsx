import { useEffect, useId, useState, type FormEvent } from 'react';
import { exportUrl } from '../../api/http';
import { phaseHint } from '../../lib/labels';
import { links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';
import { Link } from '../common/Link';
import { WriteUpDocument } from '../writeup/WriteUpDocument';
import type { WriteUpModel } from '../../sync/protocol';

export function ClosePhase() {
  const { client, view, submit, can } = useBoard();
  const { meta } = view;
  const [preview, setPreview] = useState<WriteUpModel | null>(null);
  // Core builds the write-up (top-three fallback, ranking order); the preview asks again whenever the board moves.
  useEffect(() => {
    let live = true;
    void client.writeUpPreview().then((m) => {
      if (live && m) setPreview(m);
    });
    return () => {
      live = false;
    };
  }, [client, view.seq]);
  const [summary, setSummary] = useState(meta.summary);
  const [impact, setImpact] = useState(meta.impact);
  const [followUp, setFollowUp] = useState(meta.followUpDate ?? '');
  const dateId = useId();
  const key = storage.readKey(meta.boardId);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit({ type: 'setClose', summary: summary.trim(), impact: impact.trim(), followUpDate: followUp || null });
  };
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Close and share</h2>
      <p className="phase-hint">{phaseHint.close}</p>
      {meta.boardLocked ? (
        <p className="success" role="status">
          Closed. This post-mortem is in the <Link to={`/incidents/${encodeURIComponent(meta.boardId)}`}>incident log</Link>; owners follow up their actions on the{' '}
          <Link to="/actions">follow-up page</Link>.
        </p>
      ) : (
        can.facilitates && <p className="notice">When the summary is saved, lock the board to close the meeting: that writes the incident-log row and starts the follow-up.</p>
      )}
      {can.facilitates && can.mayChange ? (
        <form className="close-form" onSubmit={save}>
          <CoachedText label="Summary — what happened (two sentences)" value={summary} onChange={setSummary} multiline maxLength={4000} />
          <CoachedText label="Impact, with numbers" value={impact} onChange={setImpact} multiline maxLength={4000} />
          <div className="field">
            <label htmlFor={dateId}>Follow-up date</label>
            <input id={dateId} type="date" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
          </div>
          <button type="submit" className="primary">
            Save summary
          </button>
        </form>
      ) : (
        <p className="muted">The facilitator writes the summary; the preview below updates live.</p>
      )}
      <div className="share-links">
        {key ? (
          <>
            <Link to={links.writeUp(meta.boardId, key)} className="button">
              Open printable write-up
            </Link>
            <a className="button" href={exportUrl(meta.boardId, key, 'md')} download>
              Markdown
            </a>
            <a className="button" href={exportUrl(meta.boardId, key, 'json')} download>
              JSON
            </a>
            <Link to={links.signOff(meta.boardId, key)} className="button">
              Sign-off link
            </Link>
          </>
        ) : (
          <p className="muted">The write-up and export links are on the facilitator's page of links.</p>
        )}
      </div>
      <h3>Write-up preview</h3>
      {preview ? <WriteUpDocument model={preview} /> : <p className="muted">Loading the preview…</p>}
    </section>
  );
}
