import { useEffect, useRef, useState } from 'react';
import { timerRemaining, type TimerState } from '../../shared/session/index.js';
import { useAnnounce } from '../ui/Announcer.js';

export const formatRemaining = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The countdown everyone sees, ticking against the server's clock; says once when time is up. */
export function SessionTimer({ timer, now }: { timer: TimerState; now: () => number }) {
  const [, tick] = useState(0);
  const announce = useAnnounce();
  const remaining = timerRemaining(timer, now());
  const running = timer.endsAt !== null && remaining > 0;
  useEffect(() => {
    if (!running) return;
    const t = window.setInterval(() => tick((n) => n + 1), 250);
    return () => window.clearInterval(t);
  }, [running]);
  const done = remaining === 0;
  const said = useRef(false);
  useEffect(() => {
    if (done && !said.current) announce('Time is up');
    said.current = done;
  }, [done, announce]);
  return (
    <p role="timer" className={`session-timer${done ? ' session-timer--done' : ''}`} aria-label={done ? 'Timer: time is up' : `Timer: ${formatRemaining(remaining)} left${timer.endsAt === null ? ', paused' : ''}`}>
      <span aria-hidden="true">{done ? 'Time is up' : formatRemaining(remaining)}</span>
      {!done && timer.endsAt === null ? <span className="session-timer__paused" aria-hidden="true"> (paused)</span> : null}
    </p>
  );
}
