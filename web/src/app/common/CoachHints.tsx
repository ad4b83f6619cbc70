import type { CoachFlag } from '../../sync/protocol';

/** The blameless language coach's findings: a hint, never a block. */
export function CoachHints({ flags, onUseSuggestion, compact = false }: { flags: readonly CoachFlag[]; onUseSuggestion?: (text: string) => void; compact?: boolean }) {
  if (flags.length === 0) return null;
  const suggestion = flags.find((f) => f.suggestion)?.suggestion;
  if (compact) {
    return (
      <span className="coach-badge" title={flags.map((f) => `“${f.match}”: ${f.hint}`).join('\n')}>
        <span aria-hidden="true">◆</span> coach: {flags.map((f) => f.match).join(', ')}
      </span>
    );
  }
  return (
    <div className="coach" role="status" aria-live="polite">
      <p className="coach-title">Blameless language coach</p>
      <ul>
        {flags.map((f, i) => (
          <li key={`${f.rule}-${f.start}-${i}`}>
            <mark>{f.match}</mark> — {f.hint}
          </li>
        ))}
      </ul>
      {suggestion && (
        <p className="coach-suggestion">
          Try: <q>{suggestion}</q>{' '}
          {onUseSuggestion && (
            <button type="button" className="link-button" onClick={() => onUseSuggestion(suggestion)}>
              Use this wording
            </button>
          )}
        </p>
      )}
    </div>
  );
}
