import { useState, type FormEvent } from 'react';
import { newClientOpId } from '../../sync/client';
import { phaseHint } from '../../lib/labels';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';
import { WhyChainCard } from './WhyChainCard';

export function RootCausePhase() {
  const { view, submit, can } = useBoard();
  const [symptom, setSymptom] = useState('');
  const readOnly = !can.mayWorkOnChains;
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!symptom.trim()) return;
    void submit({ type: 'startChain', chainId: newClientOpId(), symptom: symptom.trim() });
    setSymptom('');
  };
  const parked = view.notes.filter((n) => n.kind === 'parkingLot');
  return (
    <section className="phase-content" aria-labelledby="phase-title">
      <h2 id="phase-title">Root cause — why chains</h2>
      <p className="phase-hint">{phaseHint.rootCause} Not exactly five. A chain that ends on a person has stopped too early.</p>
      {view.derived.rootCause && (
        <p className="root-cause-banner" data-testid="root-cause">
          <span className="eyebrow">Root cause</span> {view.derived.rootCause}
        </p>
      )}
      <div className="chains">
        {view.chains.map((c) => (
          <WhyChainCard key={c.id} chain={c} />
        ))}
      </div>
      <form className="start-chain" onSubmit={start}>
        <CoachedText label="Start a why chain from an observable symptom" value={symptom} onChange={setSymptom} placeholder="e.g. Customers received the wrong product" disabled={readOnly} />
        <button type="submit" className="primary" disabled={readOnly || !symptom.trim()}>
          Start chain
        </button>
      </form>
      {parked.length > 0 && (
        <aside className="parked-questions">
          <h3>From the parking lot</h3>
          <ul>
            {parked.map((n) => (
              <li key={n.id}>{n.text}</li>
            ))}
          </ul>
        </aside>
      )}
      {can.lookAt === 'rootCause' && can.screenPhases.includes('contributingFactors') && <p className="muted">60-minute agenda: contributing factors are folded into this phase (below).</p>}
    </section>
  );
}
