// A small history router: the server answers every page path with index.html.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'new' }
  | { name: 'created'; boardId: string }
  | { name: 'board'; boardId: string }
  | { name: 'join'; boardId: string }
  | { name: 'facilitator'; boardId: string }
  | { name: 'preRead'; boardId: string }
  | { name: 'writeUp'; boardId: string }
  | { name: 'signOff'; boardId: string }
  | { name: 'incidents' }
  | { name: 'incident'; boardId: string }
  | { name: 'followUp' }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'new' && parts.length === 1) return { name: 'new' };
  if (parts[0] === 'incidents' && parts.length === 1) return { name: 'incidents' };
  if (parts[0] === 'incidents' && parts.length === 2) return { name: 'incident', boardId: parts[1]! };
  if (parts[0] === 'actions' && parts.length === 1) return { name: 'followUp' };
  if (parts[0] === 'b' && parts[1]) {
    const boardId = parts[1];
    switch (parts[2]) {
      case undefined:
        return { name: 'board', boardId };
      case 'created':
        return { name: 'created', boardId };
      case 'join':
        return { name: 'join', boardId };
      case 'facilitator':
        return { name: 'facilitator', boardId };
      case 'read':
        return { name: 'preRead', boardId };
      case 'writeup':
        return { name: 'writeUp', boardId };
      case 'signoff':
        return { name: 'signOff', boardId };
    }
  }
  return { name: 'notFound' };
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
