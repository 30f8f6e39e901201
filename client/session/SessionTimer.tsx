import { useEffect, useRef, useState } from 'react';
import { timerRemaining, type Phase, type TimerState } from '../../shared/session/index.js';
import { useAnnounce } from '../ui/Announcer.js';
import { useSession } from './SessionContext.js';
import '../styles/sessionDetails.css';

export const formatRemaining = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** How long "Time is up" stays on screen once a timer has run out. */
export const TIME_UP_SHOWN_MS = 60_000;

// When and in which phase each timer ran out, as this page first saw it: shared by the
// header's timer and the presentation's, so one opened later agrees with the other.
const ended = new Map<string, { at: number; phase: Phase }>();
const timerKey = (t: TimerState) => `${t.durationMs}:${t.endsAt ?? 'paused'}`;

/**
 * The countdown everyone sees, ticking against the server's clock; says once when time is
 * up. "Time is up" then goes by itself after a minute, or as soon as the session moves to
 * another phase, whichever comes first.
 */
export function SessionTimer({ timer, now }: { timer: TimerState; now: () => number }) {
  const { state } = useSession();
  const [, tick] = useState(0);
  const announce = useAnnounce();
  const at = now();
  const remaining = timerRemaining(timer, at);
  const running = timer.endsAt !== null && remaining > 0;
  useEffect(() => {
    if (!running) return;
    const t = window.setInterval(() => tick((n) => n + 1), 250);
    return () => window.clearInterval(t);
  }, [running]);
  const done = remaining === 0;
  const key = timerKey(timer);
  if (done && !ended.has(key)) ended.set(key, { at: timer.endsAt ?? at, phase: state.phase });
  const end = done ? ended.get(key) : undefined;
  const gone = end !== undefined && (end.phase !== state.phase || at - end.at >= TIME_UP_SHOWN_MS);
  // Wake once more when "Time is up" has been shown long enough.
  useEffect(() => {
    if (!end || gone) return;
    const t = window.setTimeout(() => tick((n) => n + 1), Math.max(0, end.at + TIME_UP_SHOWN_MS - now()) + 50);
    return () => window.clearTimeout(t);
  }, [end, gone, now]);
  const said = useRef(false);
  useEffect(() => {
    if (done && !gone && !said.current) announce('Time is up');
    said.current = done;
  }, [done, gone, announce]);
  if (gone) return null;
  return (
    <p role="timer" className={`session-timer${done ? ' session-timer--done' : ''}`} aria-label={done ? 'Timer: time is up' : `Timer: ${formatRemaining(remaining)} left${timer.endsAt === null ? ', paused' : ''}`}>
      <span aria-hidden="true">{done ? 'Time is up' : formatRemaining(remaining)}</span>
      {!done && timer.endsAt === null ? <span className="session-timer__paused" aria-hidden="true"> (paused)</span> : null}
    </p>
  );
}
