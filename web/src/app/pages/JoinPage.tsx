import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/http';
import { fragmentParam, links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { navigate } from '../router';

export function JoinPage({ boardId }: { boardId: string }) {
  const id = useId();
  const code = fragmentParam('code');
  const [name, setName] = useState(storage.lastName() ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(code ? null : 'This join link is incomplete. Ask the facilitator for the link again.');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.join(boardId, code, name.trim());
      storage.saveAccess(boardId, { participantId: r.participantId, token: r.token, name: name.trim() });
      storage.saveLastName(name.trim());
      navigate(links.board(boardId), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not join. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page narrow">
        <h1>Join the post-mortem</h1>
        <p className="lead">This is a blameless review: we look at what in the system made the failure possible, not at who.</p>
        <form onSubmit={(e) => void onSubmit(e)} className="join-form">
          <div className="field">
            <label htmlFor={`${id}-name`}>Your name</label>
            <input id={`${id}-name`} required maxLength={60} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <ErrorMessage error={error} />
          <button type="submit" className="primary big" disabled={busy || !code || !name.trim()}>
            {busy ? 'Joining…' : 'Join'}
          </button>
        </form>
      </main>
    </>
  );
}
