import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/server/platform/background';

describe('background jobs', () => {
  const logger = () => {
    const entries: { level: string; entry: unknown }[] = [];
    return {
      entries,
      log: {
        error: (entry: unknown) => entries.push({ level: 'error', entry }),
        warn: (entry: unknown) => entries.push({ level: 'warn', entry }),
      },
    };
  };

  it('runs jobs one at a time, after the caller, and logs a failure without stopping the queue', async () => {
    const { entries, log } = logger();
    const background = createBackground(log);
    const order: string[] = [];
    background.run('a', async () => void order.push('a'));
    background.run('b', async () => {
      throw new Error('smtp down');
    });
    background.run('c', async () => void order.push('c'));
    order.push('caller');
    await background.idle();
    expect(order).toEqual(['caller', 'a', 'c']);
    expect(entries).toMatchObject([{ level: 'error', entry: { job: 'b' } }]);
  });

  it('drops jobs beyond its bound, and says so', async () => {
    const { entries, log } = logger();
    const background = createBackground(log, { maxQueued: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: number[] = [];
    for (const n of [1, 2, 3]) background.run(`job ${n}`, () => gate.then(() => void ran.push(n)));
    release();
    await background.idle();
    expect(ran).toEqual([1, 2]);
    expect(entries).toEqual([{ level: 'warn', entry: { job: 'job 3', queued: 2 } }]);
    background.run('job 4', async () => void ran.push(4)); // room again
    await background.idle();
    expect(ran).toEqual([1, 2, 4]);
  });

  it('waits for the queue at shutdown no longer than its drain time', async () => {
    const { entries, log } = logger();
    const background = createBackground(log, { drainMs: 50 });
    background.run('stuck', () => new Promise<void>(() => undefined));
    await background.drain();
    expect(entries).toEqual([{ level: 'warn', entry: { abandoned: 1 } }]);
    const quick = createBackground(log, { drainMs: 50 });
    quick.run('quick', async () => undefined);
    await quick.drain();
    expect(entries).toHaveLength(1);
  });
});
