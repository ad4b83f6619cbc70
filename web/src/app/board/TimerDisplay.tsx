import { useEffect, useRef, useState } from 'react';
import { playTimeUp } from '../../lib/beep';
import { formatDuration } from '../../lib/time';
import { useBoard } from './BoardContext';

/** The server-authoritative countdown, rendered against this client's estimate of the server clock. */
export function TimerDisplay() {
  const { view, client } = useBoard();
  const timer = view.meta.timer;
  // The interval only re-renders; the time is read fresh on every render so a new countdown never
  // shows a stale first frame.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.status !== 'running') return;
    const t = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [timer.status]);
  const now = client.serverNow();

  const remaining = timer.status === 'running' && timer.endsAt ? Date.parse(timer.endsAt) - now : timer.status === 'paused' ? timer.remainingMs : timer.durationMs;
  const timeUp = timer.status === 'running' && remaining <= 0;

  // Beep once per countdown, only when it crosses zero while this page watches.
  const beeped = useRef<string | null>(null);
  useEffect(() => {
    if (timeUp && timer.endsAt && beeped.current !== timer.endsAt) {
      if (beeped.current !== null || Date.parse(timer.endsAt) > client.serverNow() - 5000) playTimeUp();
      beeped.current = timer.endsAt;
    }
  }, [timeUp, timer.endsAt, client]);

  if (timer.status === 'idle') {
    return (
      <div className="timer idle" aria-label="Phase timer not started">
        <span className="timer-label">Timer</span>
        <span className="timer-value">—</span>
      </div>
    );
  }
  return (
    <div className={`timer ${timer.status} ${timeUp ? 'time-up' : ''}`} role="timer" aria-live={timeUp ? 'assertive' : 'off'} data-testid="timer">
      <span className="timer-label">{timeUp ? 'Time is up' : timer.status === 'paused' ? 'Paused' : 'Time left'}</span>
      <span className="timer-value">{timeUp ? `+${formatDuration(-remaining)}` : formatDuration(remaining)}</span>
      {timeUp && <span className="timer-note">Finish your thought — nobody is cut off.</span>}
    </div>
  );
}
