import { useEffect, useState } from 'react';
import type { CoachFlag } from '../../sync/protocol';
import { useBoard } from './BoardContext';

/** Debounced CheckText while someone types; stale answers are dropped. */
export function useCoach(text: string, delayMs = 400): CoachFlag[] {
  const { client } = useBoard();
  const [flags, setFlags] = useState<CoachFlag[]>([]);
  useEffect(() => {
    if (text.trim().length < 3) {
      setFlags([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void client.checkText(text).then((f) => {
        if (current) setFlags(f);
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, delayMs]);
  return flags;
}
