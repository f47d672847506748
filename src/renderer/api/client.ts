/** The renderer's StudioApi: a typed proxy over whichever transport the app runs on. */
import type { ApiMethod, JobEvent, RpcRequest, ServerMessage, StudioApi, StudioTransport } from '../../shared/api';
import { decodeMessage, encodeMessage } from '../../shared/wire';

declare global {
  interface Window {
    /** Set by the Electron preload script. */
    studioIpc?: StudioTransport;
  }
}

export function createApiClient(transport: StudioTransport): StudioApi {
  return new Proxy({} as StudioApi, {
    get:
      (_target, method: string) =>
      (...args: unknown[]) =>
        transport.invoke(method as ApiMethod, args),
  });
}

/** Browser host transport: one WebSocket, requests matched to replies by id, events fanned out. */
export function webSocketTransport(url: string): StudioTransport {
  const listeners = new Set<(event: JobEvent) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot reach the Studio host. Is it still running?'));
      ws.onclose = () => {
        socket = null;
        for (const p of pending.values()) p.reject(new Error('Connection to the Studio host was lost.'));
        pending.clear();
      };
      ws.onmessage = (msg) => {
        const data = decodeMessage(new Uint8Array(msg.data as ArrayBuffer)) as ServerMessage;
        if ('event' in data) {
          for (const l of listeners) l(data.event);
          return;
        }
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        if (data.ok) p.resolve(data.result);
        else p.reject(new Error(data.error));
      };
    });

  return {
    async invoke(method, args) {
      socket ??= connect().catch((err: Error) => {
        socket = null;
        throw err;
      });
      const ws = await socket;
      const id = nextId++;
      const request: RpcRequest = { id, method, args };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(encodeMessage(request));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Electron's preload bridge when present, else the browser host this page was served from. */
export function defaultTransport(): StudioTransport {
  if (window.studioIpc) return window.studioIpc;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
}
