/**
 * Where the one-time-code fill script runs and the context menu shows: the granted sites of the
 * accounts only, left as they are while the vault is locked (the sites are sealed then); the
 * keyboard shortcut and the menu entry reach the fill. The browser's APIs that WXT's fakeBrowser
 * lacks (contextMenus, commands, permissions events) are recorded here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  answerFillRequests,
  FILL_COMMAND,
  FILL_MENU_ID,
  startOtpFillAccess,
} from '../../../src/extension/otp/background/fill-access';
import type { ScriptRegistry } from '../../../src/extension/background/server-access';

type Listener = (...args: unknown[]) => void;
const events = () => {
  const listeners: Listener[] = [];
  return { listeners, addListener: (l: Listener) => listeners.push(l) };
};

describe('the fill script and menu follow the accounts’ granted sites', () => {
  let menus: { created: { documentUrlPatterns: string[]; id: string }[]; removed: number };
  let api: {
    contextMenus: { onClicked: ReturnType<typeof events> };
    commands: { onCommand: ReturnType<typeof events> };
    permissions: { onAdded: ReturnType<typeof events> };
  };
  let registered: string[];
  let granted: string[];
  const registry: ScriptRegistry = {
    registered: async () => [...registered],
    register: async (site) => void registered.push(site),
    unregister: async (site) => void (registered = registered.filter((s) => s !== site)),
    granted: async (site) => granted.includes(site),
  };

  beforeEach(() => {
    fakeBrowser.reset();
    registered = [];
    granted = ['bank.example', 'shop.example'];
    menus = { created: [], removed: 0 };
    api = {
      contextMenus: { onClicked: events() },
      commands: { onCommand: events() },
      permissions: { onAdded: events() },
    };
    Object.assign(fakeBrowser, {
      contextMenus: {
        removeAll: async () => {
          menus.removed++;
          menus.created = [];
        },
        create: (props: { documentUrlPatterns: string[]; id: string }) => void menus.created.push(props),
        onClicked: api.contextMenus.onClicked,
      },
      commands: { onCommand: api.commands.onCommand },
    });
    Object.assign(fakeBrowser.permissions, { onAdded: api.permissions.onAdded, onRemoved: events() });
  });

  it('registers granted sites only, shows the menu there only, and keeps both while locked', async () => {
    let sites: string[] | null = ['bank.example', 'other.example', ''];
    const sync = startOtpFillAccess(async () => sites, registry);
    await sync();
    expect(registered).toEqual(['bank.example']);
    expect(menus.created).toEqual([
      expect.objectContaining({
        id: FILL_MENU_ID,
        contexts: ['editable'],
        documentUrlPatterns: ['https://*.bank.example/*'],
      }),
    ]);
    // Locked: the sites cannot be read, so nothing registered is taken away.
    sites = null;
    await sync();
    expect(registered).toEqual(['bank.example']);
    expect(menus.created).toHaveLength(1);
    // The user grants another site: the permission event brings its script.
    sites = ['bank.example', 'shop.example'];
    api.permissions.onAdded.listeners.forEach((l) => l());
    await sync();
    expect(registered.sort()).toEqual(['bank.example', 'shop.example']);
    // The last account of a site removed: its script and menu go.
    sites = ['shop.example'];
    await sync();
    expect(registered).toEqual(['shop.example']);
    expect(menus.created[0]!.documentUrlPatterns).toEqual(['https://*.shop.example/*']);
    sites = [];
    await sync();
    expect(registered).toEqual([]);
    expect(menus.created).toEqual([]);
  });

  it('fills on the menu entry and on the shortcut, and on nothing else', async () => {
    const fill = vi.fn(async () => undefined);
    await startOtpFillAccess(async () => ['bank.example'], registry)();
    answerFillRequests(fill);
    const tab = { id: 4, url: 'https://bank.example/2fa' };
    api.contextMenus.onClicked.listeners.forEach((l) => l({ menuItemId: 'something-else' }, tab));
    api.commands.onCommand.listeners.forEach((l) => l('other-command', tab));
    expect(fill).not.toHaveBeenCalled();
    api.contextMenus.onClicked.listeners.forEach((l) => l({ menuItemId: FILL_MENU_ID }, tab));
    api.commands.onCommand.listeners.forEach((l) => l(FILL_COMMAND, tab));
    await vi.waitFor(() => expect(fill).toHaveBeenCalledTimes(2));
    expect(fill).toHaveBeenCalledWith(tab);
  });
});
