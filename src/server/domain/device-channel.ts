/**
 * The request channel (docs/protocol.md §6): one WebSocket (RFC 6455) per
 * enrolled extension, authenticated by its first frame — signed by the device
 * key for the action `channel`, fresh and replay-proof like every signed device
 * request. The server then sends the device's whole list of pending requests,
 * and again whenever it changes, on this instance or another (store events).
 */
import type { WebSocket } from 'ws';
import {
  CHANNEL_AUTH_MS,
  CHANNEL_MAX_FRAME_BYTES,
  CHANNEL_PING_MS,
  channelClientFrame,
  CLOSE,
  type ChannelServerFrame,
} from '../../core/push-api';
import type { Deps } from './deps';
import type { StoreEvent } from '../store/events';
import { checkSignedRequest } from './device-signature';
import { pendingViews } from './push-requests';

/** A device silent for this long (no ping, no frame) is gone: its socket is closed. */
export const CHANNEL_SILENT_MS = 3 * CHANNEL_PING_MS + 5_000;

interface Link {
  socket: WebSocket;
  deviceId: string | null;
  lastSeen: number;
}

export interface DeviceHub {
  attach(socket: WebSocket): void;
  /** Connected (authenticated) devices on this instance. */
  size(): number;
  close(): void;
}

export function createDeviceHub(deps: Deps): DeviceHub {
  const byDevice = new Map<string, Set<Link>>();
  const all = new Set<Link>();

  const send = (link: Link, frame: ChannelServerFrame) => {
    if (link.socket.readyState === link.socket.OPEN) link.socket.send(JSON.stringify(frame));
  };
  async function sendRequests(deviceId: string, links?: Set<Link>) {
    const targets = links ?? byDevice.get(deviceId);
    if (!targets?.size) return;
    const requests = await pendingViews(deps, deviceId);
    for (const link of targets) send(link, { type: 'requests', requests });
  }
  function onEvent(event: StoreEvent) {
    const failed = () => undefined; // a store error must not crash the hub; the device polls on reconnect
    if (event.kind === 'push-changed') void sendRequests(event.deviceId).catch(failed);
    else if (event.kind === 'device-removed') {
      for (const link of byDevice.get(event.deviceId) ?? []) link.socket.close(CLOSE.removed, 'device removed');
    } else for (const deviceId of byDevice.keys()) void sendRequests(deviceId).catch(failed);
  }
  const unsubscribe = deps.store.events.subscribe(onEvent);

  // One timer for every socket: close the silent ones (a peer that vanished without a FIN).
  const sweeper = setInterval(() => {
    const limit = Date.now() - CHANNEL_SILENT_MS;
    for (const link of all) if (link.lastSeen < limit) link.socket.terminate();
  }, CHANNEL_PING_MS);
  sweeper.unref();

  async function authenticate(link: Link, raw: string): Promise<void> {
    const frame = parseFrame(raw);
    if (frame?.type !== 'auth') return link.socket.close(CLOSE.refused, 'authenticate first');
    const device = await deps.store.devices.byId(frame.deviceId);
    const ok =
      device?.status === 'active' &&
      (await checkSignedRequest(deps.store, deps.now, 'channel', device, {
        timestamp: frame.timestamp,
        nonce: frame.nonce,
        signature: frame.signature,
      })) === 'ok';
    if (!ok || link.socket.readyState !== link.socket.OPEN)
      return link.socket.close(CLOSE.refused, 'not authenticated');
    link.deviceId = frame.deviceId;
    const links = byDevice.get(frame.deviceId) ?? new Set<Link>();
    links.add(link);
    byDevice.set(frame.deviceId, links);
    await sendRequests(frame.deviceId, new Set([link]));
    await deps.store.devices.touch(frame.deviceId);
  }

  return {
    attach(socket) {
      const link: Link = { socket, deviceId: null, lastSeen: Date.now() };
      all.add(link);
      const authTimer = setTimeout(() => socket.close(CLOSE.refused, 'authenticate first'), CHANNEL_AUTH_MS);
      let authenticating = false;
      socket.on('message', (data, isBinary) => {
        link.lastSeen = Date.now();
        const raw = isBinary ? null : String(data);
        if (raw === null || raw.length > CHANNEL_MAX_FRAME_BYTES) return socket.close(CLOSE.refused, 'bad frame');
        if (link.deviceId === null) {
          // One authentication per socket; frames before it completes are refused.
          if (authenticating) return socket.close(CLOSE.refused, 'authenticate first');
          authenticating = true;
          clearTimeout(authTimer);
          void authenticate(link, raw).catch(() => socket.close(1011, 'server error'));
          return;
        }
        const frame = parseFrame(raw);
        if (frame?.type === 'ping') send(link, { type: 'pong' });
        else socket.close(CLOSE.refused, 'bad frame');
      });
      socket.on('error', () => socket.terminate());
      socket.on('close', () => {
        clearTimeout(authTimer);
        all.delete(link);
        if (link.deviceId === null) return;
        const links = byDevice.get(link.deviceId);
        links?.delete(link);
        if (links?.size === 0) byDevice.delete(link.deviceId);
      });
    },
    size: () => [...byDevice.values()].reduce((n, links) => n + links.size, 0),
    close() {
      unsubscribe();
      clearInterval(sweeper);
      for (const link of all) link.socket.close(1001, 'server shutting down');
    },
  };
}

function parseFrame(raw: string) {
  try {
    const parsed = channelClientFrame.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
