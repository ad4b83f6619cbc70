import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/http';
import type { WriteUpModel } from '../../sync/protocol';
import { fragmentParam } from '../../lib/links';
import { storage } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { WriteUpDocument } from '../writeup/WriteUpDocument';
import { useFetch } from './useFetch';

/** For people who could not attend: read the write-up, then agree to the actions by name. */
export function SignOffPage({ boardId }: { boardId: string }) {
  const id = useId();
  const key = fragmentParam('key') ?? storage.readKey(boardId) ?? '';
  const { state, reload } = useFetch(() => api.writeUp<WriteUpModel>(boardId, key), `${boardId}:${key}`);
  const [name, setName] = useState(storage.lastName() ?? '');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.signOff(boardId, key, name.trim());
      storage.saveLastName(name.trim());
      setDone(name.trim());
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not sign off. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page writeup-page">
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && <ErrorMessage error={state.error.status === 404 || state.error.status === 403 ? 'This sign-off link is not valid.' : state.error.message} />}
        {state.status === 'ok' && (
          <>
            <section className="signoff-box no-print" aria-labelledby="signoff-title">
              <h1 id="signoff-title">Sign off on the actions</h1>
              <p>Could not attend? Read the write-up below. If you agree with the actions, sign with your name — the write-up shows who signed and when.</p>
              {!state.data.closedAt && <p className="notice">The meeting has not closed yet: the actions may still change.</p>}
              {done ? (
                <p className="success" role="status">
                  Thank you, {done} — your sign-off is recorded.
                </p>
              ) : (
                <form onSubmit={(e) => void onSubmit(e)} className="row">
                  <div className="field">
                    <label htmlFor={`${id}-name`}>Your name</label>
                    <input id={`${id}-name`} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
                  </div>
                  <button type="submit" className="primary" disabled={busy || !name.trim()}>
                    I agree to the actions
                  </button>
                </form>
              )}
              <ErrorMessage error={error} />
            </section>
            <WriteUpDocument model={state.data} />
          </>
        )}
      </main>
    </>
  );
}
