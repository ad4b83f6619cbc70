import { useState, type FormEvent } from 'react';
import { newClientOpId } from '../../sync/client';
import type { WhyChain, WhyStep } from '../../sync/protocol';
import { LINE_EDIT_HINT, editKeys } from '../../lib/editKeys';
import { CoachHints } from '../common/CoachHints';
import { EditRemoveButtons, SaveCancel, useInlineEdit } from '../common/InlineEdit';
import { useBoard } from '../board/BoardContext';
import { CoachedText } from '../board/CoachedText';

export function WhyChainCard({ chain }: { chain: WhyChain }) {
  const { view, submit, can } = useBoard();
  const readOnly = !can.mayWorkOnChains;
  const mayEdit = can.editableChains.includes(chain.id);
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
      <ChainHead chain={chain} mayEdit={mayEdit} />
      <ol className="steps">
        {chain.steps.map((s, i) => (
          <StepRow key={s.id} chain={chain} step={s} index={i} />
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

function ChainHead({ chain, mayEdit }: { chain: WhyChain; mayEdit: boolean }) {
  const { submit, nameOf } = useBoard();
  const { editing, open, close, editButton } = useInlineEdit();
  const [draft, setDraft] = useState(chain.symptom);
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    const symptom = draft.trim();
    if (symptom && symptom !== chain.symptom) void submit({ type: 'editChain', chainId: chain.id, symptom });
    close();
  };
  if (editing) {
    return (
      <form className="chain-head editing" onSubmit={save} aria-label={`Edit symptom: ${chain.symptom}`}>
        <CoachedText label="Symptom" value={draft} onChange={setDraft} autoFocus onKeyDown={editKeys(save, close)} hint={LINE_EDIT_HINT} />
        <SaveCancel disabled={!draft.trim()} onCancel={close} />
      </form>
    );
  }
  return (
    <header className="chain-head">
      <span className="eyebrow">Symptom</span>
      <p className="chain-symptom">{chain.symptom}</p>
      <CoachHints flags={chain.flags} compact />
      <span className="muted small-text">by {nameOf(chain.authorId)}</span>
      {mayEdit && (
        <span className="chain-tools">
          <EditRemoveButtons
            editButton={editButton}
            editAriaLabel={`Edit symptom: ${chain.symptom}`}
            onEdit={() => {
              setDraft(chain.symptom);
              open();
            }}
            removeLabel="Remove"
            removeAriaLabel={`Remove chain: ${chain.symptom}`}
            question="Remove this chain and its steps?"
            confirmLabel="Remove chain"
            onRemove={() => void submit({ type: 'removeChain', chainId: chain.id })}
          />
        </span>
      )}
    </header>
  );
}

function StepRow({ chain, step, index }: { chain: WhyChain; step: WhyStep; index: number }) {
  const { submit, can } = useBoard();
  const isRoot = chain.rootCauseStepId === step.id;
  const mayMark = can.editableChains.includes(chain.id);
  const mayEdit = mayMark || can.editableSteps.some((k) => k.chainId === chain.id && k.stepId === step.id);
  const { editing, open, close, editButton } = useInlineEdit();
  const [question, setQuestion] = useState(step.question);
  const [answer, setAnswer] = useState(step.answer);
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    const q = question.trim();
    const a = answer.trim();
    if ((q || a) && (q !== step.question || a !== step.answer)) void submit({ type: 'editWhyStep', chainId: chain.id, stepId: step.id, question: q, answer: a });
    close();
  };
  return (
    <li className={`step ${isRoot ? 'root' : ''} ${editing ? 'editing' : ''}`} data-testid="why-step">
      <span className="step-num" aria-hidden="true">
        {index + 1}
      </span>
      {editing ? (
        <form className="step-body step-edit" onSubmit={save} aria-label={`Edit step ${index + 1}`}>
          <CoachedText label="Edit question" value={question} onChange={setQuestion} autoFocus onKeyDown={editKeys(save, close)} />
          <CoachedText label="Edit answer" value={answer} onChange={setAnswer} onKeyDown={editKeys(save, close)} hint={LINE_EDIT_HINT} />
          <SaveCancel saveLabel="Save step" disabled={!question.trim() && !answer.trim()} onCancel={close} />
        </form>
      ) : (
        <div className="step-body">
          <p className="step-q">{step.question}</p>
          <p className="step-a">{step.answer}</p>
          <CoachHints flags={step.flags} compact />
        </div>
      )}
      {!editing && (
        <div className="step-tools">
          {isRoot ? <span className="tag root">root cause</span> : null}
          {mayMark && (
            <button
              type="button"
              className="small"
              aria-pressed={isRoot}
              onClick={() => void submit({ type: 'markRootCause', chainId: chain.id, stepId: isRoot ? null : step.id })}
              aria-label={isRoot ? `Clear root cause: ${step.answer}` : `Mark as root cause: ${step.answer}`}
            >
              {isRoot ? 'Unmark' : 'Mark root cause'}
            </button>
          )}
          {mayEdit && (
            <EditRemoveButtons
              editButton={editButton}
              editAriaLabel={`Edit step: ${step.answer}`}
              onEdit={() => {
                setQuestion(step.question);
                setAnswer(step.answer);
                open();
              }}
              removeLabel="Remove"
              removeAriaLabel={`Remove step: ${step.answer}`}
              question="Remove this step?"
              confirmLabel="Remove step"
              onRemove={() => void submit({ type: 'removeWhyStep', chainId: chain.id, stepId: step.id })}
            />
          )}
        </div>
      )}
    </li>
  );
}
