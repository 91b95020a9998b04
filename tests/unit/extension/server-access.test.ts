import { describe, expect, it } from 'vitest';
import { syncServerScripts, type ScriptRegistry } from '../../../src/extension/background/server-access';

/** An in-memory registry: what is registered, and what the user granted. */
function registry(granted: string[], registered: string[] = []) {
  const state = { registered: [...registered], calls: [] as string[] };
  const api: ScriptRegistry = {
    registered: async () => [...state.registered],
    register: async (origin) => {
      state.calls.push(`+${origin}`);
      state.registered.push(origin);
    },
    unregister: async (origin) => {
      state.calls.push(`-${origin}`);
      state.registered = state.registered.filter((o) => o !== origin);
    },
    granted: async (origin) => granted.includes(origin),
  };
  return { api, state };
}

describe('content scripts for enrolled servers', () => {
  it('registers an enrolled origin only once the user granted it', async () => {
    const { api, state } = registry(['https://a.example']);
    expect(await syncServerScripts(['https://a.example', 'https://b.example'], api)).toEqual({
      added: ['https://a.example'],
      removed: [],
    });
    expect(state.registered).toEqual(['https://a.example']);
  });

  it('unregisters an origin whose last account was removed or whose grant was withdrawn', async () => {
    const { api, state } = registry(['https://a.example'], ['https://a.example', 'https://gone.example']);
    expect(await syncServerScripts(['https://a.example'], api)).toEqual({
      added: [],
      removed: ['https://gone.example'],
    });
    const withdrawn = registry([], ['https://a.example']);
    await syncServerScripts(['https://a.example'], withdrawn.api);
    expect(withdrawn.state.registered).toEqual([]);
    expect(state.calls).toEqual(['-https://gone.example']);
  });

  it('does nothing when all is in step, and registers an origin with two accounts once', async () => {
    const { api, state } = registry(['https://a.example'], ['https://a.example']);
    await syncServerScripts(['https://a.example', 'https://a.example'], api);
    expect(state.calls).toEqual([]);
  });
});
