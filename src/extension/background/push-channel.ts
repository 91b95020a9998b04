/**
 * One request channel to one server for one enrolled device (docs/protocol.md
 * §6): a WebSocket that authenticates with the device key, receives the list
 * of pending requests, pings every 20 s (traffic is what keeps an MV3 service
 * worker alive, Chrome 116+; it also finds a dead link), and reconnects with
 * exponential backoff and jitter when the link drops or the server restarts.
 */
import type { SignedDeviceRequest } from '../../core/enrolment-api';
import {
  CHANNEL_PING_MS,
  channelServerFrame,
  CLOSE,
  type ChannelClientFrame,
  type PushRequestView,
} from '../../core/push-api';

export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 60_000;
/** After the server refused our signature (a clock far off, say): try again much later. */
export const RETRY_REFUSED_MS = 5 * 60_000;

export interface ChannelOptions {
  origin: string;
  deviceId: string;
  /** A fresh signed request for the action `channel`. */
  sign: () => Promise<SignedDeviceRequest>;
  onRequests: (requests: PushRequestView[]) => void;
  /** The server removed this device (close code 4404): the channel stops for good. */
  onRemoved: () => void;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

export interface Channel {
  readonly connected: boolean;
  /** Reconnect now if waiting for a retry (the user or a page asked). */
  wake(): void;
  close(): void;
}

export function channelUrl(origin: string): string {
  const url = new URL('/api/devices/channel', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function openChannel(options: ChannelOptions): Channel {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const random = options.random ?? (() => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32);
  let socket: WebSocket | undefined;
  let connected = false;
  let stopped = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pinger: ReturnType<typeof setInterval> | undefined;
  let awaitingPong = false;

  const send = (frame: ChannelClientFrame) => socket?.send(JSON.stringify(frame));

  function schedule(delay: number) {
    clearTimeout(retry);
    retry = setTimeout(connect, delay);
  }

  function backoff(): number {
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** failures);
    failures++;
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  function connect() {
    if (stopped) return;
    clearTimeout(retry);
    let ws: WebSocket;
    try {
      ws = new Impl(channelUrl(options.origin));
    } catch {
      return schedule(backoff());
    }
    socket = ws;
    ws.onopen = () => {
      void options.sign().then(
        (signed) => {
          if (socket === ws) send({ type: 'auth', deviceId: options.deviceId, ...signed });
        },
        () => ws.close(),
      );
    };
    ws.onmessage = (event) => {
      let frame;
      try {
        frame = channelServerFrame.parse(JSON.parse(String(event.data)));
      } catch {
        return; // a frame we do not understand changes nothing
      }
      awaitingPong = false;
      if (frame.type !== 'requests') return;
      if (!connected) {
        connected = true;
        failures = 0;
        clearInterval(pinger);
        pinger = setInterval(() => {
          // No pong since the last ping: the link is dead even if the socket does not know yet.
          if (awaitingPong) return ws.close();
          awaitingPong = true;
          send({ type: 'ping' });
        }, CHANNEL_PING_MS);
      }
      options.onRequests(frame.requests);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      connected = false;
      awaitingPong = false;
      clearInterval(pinger);
      if (stopped) return;
      if (event.code === CLOSE.removed) {
        stopped = true;
        return options.onRemoved();
      }
      schedule(event.code === CLOSE.refused ? RETRY_REFUSED_MS : backoff());
    };
    ws.onerror = () => undefined; // onclose follows and decides
  }

  connect();
  return {
    get connected() {
      return connected;
    },
    wake() {
      if (!stopped && !socket) {
        failures = 0;
        connect();
      }
    },
    close() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(pinger);
      socket?.close(1000);
      socket = undefined;
    },
  };
}
