/**
 * A queue of changes that run alone, in the order asked: a change reads the vault's records and
 * writes them back, and two at once would lose one (two popups asking an HOTP code at the same
 * moment would both read counter n and hand out the same code — RFC 4226 §7.2 wants each value
 * used once; a merge from another browser's backup beside an edit would undo the edit).
 */
export function oneAtATime() {
  let queue: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = queue.then(change, change);
    queue = run.catch(() => undefined);
    return run;
  };
}
