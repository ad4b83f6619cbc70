import type { ReactNode } from 'react';
import { Link } from './Link';

export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="PostMortem home">
        PostMortem
      </Link>
      <nav aria-label="Main" className="app-nav">
        <Link to="/new">New post-mortem</Link>
        <Link to="/incidents">Incident log</Link>
        <Link to="/actions">Action follow-up</Link>
      </nav>
      {children}
    </header>
  );
}
