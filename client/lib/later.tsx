import { Component, Suspense, use, useEffect, useState, type ComponentType, type ReactNode } from 'react';

/**
 * Code fetched after the page has drawn, not before. `load` fetches once and hands back
 * the same promise every time, as React's `use` needs. A failed fetch (the server out of
 * reach) stays failed, so nothing retries in a loop, until `retryFailed` says to try
 * again: a person pressing "try again", or coming back to write in a card.
 */
export interface Later<T> {
  load(): Promise<T>;
  /** What `load` gave, once it has; null before. */
  ready(): T | null;
}

/** A part's code could not be fetched; other errors are not this module's to explain. */
class FetchFailure extends Error {}

const failures = new Set<() => void>();

/** Let every part whose fetch failed be fetched again when next asked for. */
export function retryFailed(): void {
  for (const forget of failures) forget();
  failures.clear();
}

export function later<T>(fetch: () => Promise<T>): Later<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load() {
      pending ??= fetch().then(
        (v) => (value = v),
        (err: unknown) => {
          failures.add(() => (pending = null));
          throw new FetchFailure('A part of Cairn could not be fetched', { cause: err });
        },
      );
      return pending;
    },
    ready: () => value,
  };
}

/**
 * `part`'s code once it has arrived, fetching it when `wanted` first becomes true.
 * `failed` says the fetch did not work; a new `attempt` number fetches again.
 */
export function useLater<T>(part: Later<T>, wanted: boolean, attempt = 0): { value: T | null; failed: boolean } {
  const [, arrived] = useState(0);
  const [failed, setFailed] = useState(false);
  const value = part.ready();
  useEffect(() => {
    if (!wanted || value) return;
    let current = true;
    setFailed(false);
    if (attempt > 0) retryFailed();
    part.load().then(
      () => current && arrived((n) => n + 1),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [part, wanted, value, attempt]);
  return { value: wanted ? value : null, failed: wanted && !value && failed };
}

/** A component whose code comes later, with `load` to fetch it ahead of need. */
export type LaterComponent<P> = ComponentType<P> & { load(): Promise<unknown> };

/**
 * A screen or dialog used now and then. Once its code has arrived it renders at once;
 * before that, React suspends and the nearest <LaterBoundary> shows its waiting words.
 */
export function laterComponent<P extends object>(fetch: () => Promise<ComponentType<P>>): LaterComponent<P> {
  const part = later(fetch);
  function Part(props: P) {
    const Ready = part.ready() ?? use(part.load());
    return <Ready {...props} />;
  }
  return Object.assign(Part, { load: part.load });
}

interface BoundaryProps {
  /** Shown, and said politely, while the code is on its way: "Opening the history…". */
  waiting: string;
  children: ReactNode;
  className?: string;
}

/**
 * Where a part that comes later appears: words while it is fetched, and a message with
 * a way to try again if it cannot be (the server out of reach before it was ever used).
 */
export function LaterBoundary({ waiting, children, className = 'later-status' }: BoundaryProps) {
  return (
    <FetchFailed className={className}>
      <Suspense fallback={<Waiting words={waiting} className={className} />}>{children}</Suspense>
    </FetchFailed>
  );
}

function Waiting({ words, className }: { words: string; className: string }) {
  // Most of the time the code is already here or arrives at once; words that flash up
  // and vanish would only distract, so they wait a moment before appearing.
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShown(true), 300);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <p className={className} role="status">
      {shown ? words : ''}
    </p>
  );
}

class FetchFailed extends Component<{ className: string; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A fault in the part itself goes on to whatever handled it before parts came later.
    if (!(error instanceof FetchFailure)) throw error;
    return (
      <p className={this.props.className} role="alert">
        This part of Cairn could not be loaded. Check your connection, then{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            retryFailed();
            this.setState({ error: null });
          }}
        >
          try again
        </button>
        .
      </p>
    );
  }
}

/**
 * True from the first time `value` is true. A dialog whose code comes later is drawn
 * from its first opening on, and then stays, keeping what was chosen in it between
 * openings as it did when it was always there.
 */
export function useOnceTrue(value: boolean): boolean {
  const [once, setOnce] = useState(value);
  if (value && !once) setOnce(true);
  return once || value;
}
