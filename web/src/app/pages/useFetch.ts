import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/http';

export type FetchState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ApiError };

/** Loads once per key; `reload` fetches again. */
export function useFetch<T>(load: () => Promise<T>, key: string): { state: FetchState<T>; reload: () => void } {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }));
    load()
      .then((data) => live && setState({ status: 'ok', data }))
      .catch((err: unknown) => live && setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'unknown', 'Something went wrong.') }));
    return () => {
      live = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { state, reload };
}
