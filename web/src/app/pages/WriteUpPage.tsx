import { api, exportUrl } from '../../api/http';
import type { WriteUpModel } from '../../sync/protocol';
import { fragmentParam, links } from '../../lib/links';
import { storage } from '../../lib/storage';
import { AppHeader } from '../common/AppHeader';
import { ErrorMessage } from '../common/ErrorMessage';
import { Link } from '../common/Link';
import { WriteUpDocument } from '../writeup/WriteUpDocument';
import { useFetch } from './useFetch';

/** The published write-up: a page, printable (print CSS), and exportable. */
export function WriteUpPage({ boardId }: { boardId: string }) {
  const key = fragmentParam('key') ?? storage.readKey(boardId) ?? '';
  if (key) storage.saveReadKey(boardId, key);
  const { state } = useFetch(() => api.writeUp<WriteUpModel>(boardId, key), `${boardId}:${key}`);
  return (
    <>
      <AppHeader />
      <main className="page writeup-page">
        <div className="writeup-tools no-print">
          <button type="button" className="primary" onClick={() => window.print()}>
            Print
          </button>
          <a className="button" href={exportUrl(boardId, key, 'md')} download>
            Export Markdown
          </a>
          <a className="button" href={exportUrl(boardId, key, 'json')} download>
            Export JSON
          </a>
          <Link to={links.signOff(boardId, key)} className="button">
            Sign-off page
          </Link>
        </div>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && <ErrorMessage error={state.error.status === 404 || state.error.status === 403 ? 'This write-up link is not valid.' : state.error.message} />}
        {state.status === 'ok' && <WriteUpDocument model={state.data} />}
      </main>
    </>
  );
}
