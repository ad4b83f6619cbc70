import { useState, type FormEvent } from 'react';
import { newClientOpId } from '../../sync/client';
import type { WhyChain, WhyStep } from '../../sync/protocol';
import { CoachHints } from '../common/CoachHints';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';

export function WhyChainCard({ chain }: { chain: WhyChain }) {
  const { view, submit, readOnlyFor, myId, isFacilitator, nameOf } = useBoard();
  const readOnly = readOnlyFor('rootCause');
  const mayEdit = !readOnly && (chain.authorId === myId || isFacilitator);
  const stoppedEarly = view.derived.stoppedTooEarly.includes(chain.id);
  const lastAnswer = chain.steps.at(-1)?.answer ?? chain.symptom;
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) return;
    const q = question.trim() || `Why? (${lastAnswer})`;
    void submit({ type: 'addWhyStep', chainId: chain.id, stepId: newClientOpId(), question: q.slice(0, 1000), answer: answer.trim() });
    setQuestion('');
    setAnswer('');
  };

  return (
    <article className={`chain ${stoppedEarly ? 'stopped-early' : ''}`} data-testid="chain" aria-label={`Why chain: ${chain.symptom}`}>
      <header className="chain-head">
        <span className="eyebrow">Symptom</span>
        <p className="chain-symptom">{chain.symptom}</p>
        <CoachHints flags={chain.flags} compact />
        <span className="muted small-text">by {nameOf(chain.authorId)}</span>
        {mayEdit && (
          <button type="button" className="icon-button" onClick={() => void submit({ type: 'removeChain', chainId: chain.id })} aria-label={`Remove chain: ${chain.symptom}`}>
            Remove
          </button>
        )}
      </header>
      <ol className="steps">
        {chain.steps.map((s, i) => (
          <StepRow key={s.id} chain={chain} step={s} index={i} readOnly={readOnly} />
        ))}
      </ol>
      {stoppedEarly && (
        <p className="warning" role="status">
          This chain stopped too early: the last answer points at a person. Ask why once more — what about the system made that possible?
        </p>
      )}
      {!readOnly && (
        <form className="add-step" onSubmit={add}>
          <CoachedText label="Why?" value={question} onChange={setQuestion} placeholder={`Why: ${lastAnswer}`} />
          <CoachedText label="Because…" value={answer} onChange={setAnswer} placeholder="The answer, about the system" />
          <button type="submit" className="primary" disabled={!answer.trim()}>
            Add why
          </button>
        </form>
      )}
    </article>
  );
}

function StepRow({ chain, step, index, readOnly }: { chain: WhyChain; step: WhyStep; index: number; readOnly: boolean }) {
  const { submit } = useBoard();
  const isRoot = chain.rootCauseStepId === step.id;
  return (
    <li className={`step ${isRoot ? 'root' : ''}`} data-testid="why-step">
      <span className="step-num" aria-hidden="true">
        {index + 1}
      </span>
      <div className="step-body">
        <p className="step-q">{step.question}</p>
        <p className="step-a">{step.answer}</p>
        <CoachHints flags={step.flags} compact />
      </div>
      <div className="step-tools">
        {isRoot ? <span className="tag root">root cause</span> : null}
        {!readOnly && (
          <>
            <button type="button" className="small" aria-pressed={isRoot} onClick={() => void submit({ type: 'markRootCause', chainId: chain.id, stepId: isRoot ? null : step.id })} aria-label={isRoot ? `Clear root cause: ${step.answer}` : `Mark as root cause: ${step.answer}`}>
              {isRoot ? 'Unmark' : 'Mark root cause'}
            </button>
            <button type="button" className="icon-button" onClick={() => void submit({ type: 'removeWhyStep', chainId: chain.id, stepId: step.id })} aria-label={`Remove step: ${step.answer}`}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}
