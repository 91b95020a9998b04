/**
 * One clock for the codes list, ticking once a second while anything shows time: each part of the
 * list subscribes with what it shows of the time (a code, the seconds left) and re-renders only
 * when that changes — the ring every second, a code once a period, the list itself only when its
 * codes run out and it must be asked again. 200 accounts no longer re-render 200 rows a second.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: (now: number) => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const l of listeners) l(now);
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * What `select` makes of the time now. The caller re-renders at a tick only when that changes
 * (Object.is); any render reads it afresh, so new props (a list asked again) show at once.
 */
export function useClock<T>(select: (now: number) => T): T {
  const [, setSeen] = useState(() => select(Date.now()));
  const latest = useRef(select);
  latest.current = select;
  useEffect(() => subscribe((now) => setSeen(latest.current(now))), []);
  return select(Date.now());
}
