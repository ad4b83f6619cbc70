import type { WriteUpModel } from '../../sync/protocol';
import { actionKindLabel, actionStatusLabel, gapName, incidentTypeLabel, keyMomentLabel } from '../../lib/labels';
import { formatInZone, formatMinutes } from '../../lib/time';
import { DueCell, FactorList, OwnerCell, TicketLink } from '../incidents/ActionCells';

/** The one-page write-up. Every string is rendered as text. */
export function WriteUpDocument({ model }: { model: WriteUpModel }) {
  const zone = model.timeZone;
  return (
    <article className="writeup" data-testid="writeup">
      <header>
        <p className="eyebrow">
          Blameless post-mortem · {incidentTypeLabel[model.incidentType] ?? model.incidentType} · severity {model.severity}
        </p>
        <h1>{model.title}</h1>
        <p className="muted">
          Incident: {formatInZone(model.incidentAt, zone)} ({zone})
          {model.closedAt && <> · closed {formatInZone(model.closedAt, zone, 'date')}</>}
        </p>
      </header>
      <section>
        <h2>Summary</h2>
        <p>{model.summary || <span className="muted">No summary yet.</span>}</p>
        {model.impact && (
          <p>
            <strong>Impact:</strong> {model.impact}
          </p>
        )}
      </section>
      <section>
        <h2>Timeline</h2>
        {model.timeline.length === 0 ? (
          <p className="muted">No timeline yet.</p>
        ) : (
          <table className="writeup-timeline" data-testid="writeup-timeline">
            <thead>
              <tr>
                <th scope="col">Time ({zone})</th>
                <th scope="col">Lane</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {model.timeline.map((r, i) => (
                <tr key={`${r.at}-${i}`} className={r.keyMoment ? 'key' : ''}>
                  <td className="nowrap">{r.local}</td>
                  <td>{r.lane === 'signal' ? 'Signal' : 'Event'}</td>
                  <td>
                    {r.text}
                    {r.keyMoment && <span className="tag soft">{keyMomentLabel[r.keyMoment]}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.gaps.length > 0 && (
          <ul className="writeup-gaps">
            {model.gaps.map((g) => (
              <li key={g.name} className={g.name === model.largestGap ? 'largest' : ''}>
                {gapName(g.name)}: <strong>{formatMinutes(g.minutes)}</strong>
                {g.name === model.largestGap && ' — the largest gap'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Root cause</h2>
        <p className="writeup-root" data-testid="writeup-root-cause">
          {model.rootCause ?? <span className="muted">Not marked yet.</span>}
        </p>
        {model.chains.map((c, i) => (
          <details key={i} className="writeup-chain">
            <summary>
              Why chain from “{c.symptom}”{c.stoppedTooEarly ? ' (stopped too early)' : ''}
            </summary>
            <ol>
              {c.steps.map((s, j) => (
                <li key={j} className={s.isRootCause ? 'root' : ''}>
                  {s.question} — <strong>{s.answer}</strong>
                  {s.isRootCause && <span className="tag root">root cause</span>}
                </li>
              ))}
            </ol>
          </details>
        ))}
      </section>
      <section>
        <h2>Contributing factors</h2>
        <FactorList factors={model.contributingFactors} />
      </section>
      <section>
        <h2>Actions</h2>
        <table className="writeup-actions" data-testid="writeup-actions">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {model.actions.map((a) => (
              <tr key={a.noteId} data-testid="writeup-action">
                <td>
                  {a.text}
                  <TicketLink url={a.trackerUrl} />
                </td>
                <OwnerCell owner={a.owner} acknowledged={a.acknowledged} />
                <DueCell dueDate={a.dueDate} />
                <td>{actionKindLabel[a.kind] ?? a.kind}</td>
                <td>{actionStatusLabel[a.status] ?? a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Follow-up</h2>
        <p>{model.followUpDate ? `Follow-up on ${model.followUpDate}.` : <span className="muted">No follow-up date yet.</span>}</p>
      </section>
      <section aria-labelledby="writeup-signoff-title">
        <h2 id="writeup-signoff-title">Sign-off</h2>
        {model.signOffs.length === 0 ? (
          <p className="muted">Nobody has signed off on the actions yet.</p>
        ) : (
          <ul className="writeup-signoffs" data-testid="signoffs">
            {model.signOffs.map((s, i) => (
              <li key={i} data-testid="signoff">
                ✓ <strong>{s.name}</strong> agreed to the actions on <time dateTime={s.at}>{formatInZone(s.at, zone)}</time> ({zone})
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
