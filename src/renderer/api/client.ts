/** The renderer's StudioApi: a typed proxy over whichever transport the app runs on. */
import type { ApiMethod, IpcBridge, JobEvent, RpcRequest, RpcResponse, ServerMessage, StudioApi, StudioTransport } from '../../shared/api';
import { fromErrorInfo } from '../../shared/errors';
import { decodeMessage, encodeMessage } from '../../shared/wire';

declare global {
  interface Window {
    /** Set by the Electron preload script. */
    studioIpc?: IpcBridge;
  }
}

/** A call's result, or its error as a StudioError with the code main gave it. */
export function unwrapResponse(response: RpcResponse): unknown {
  if (response.ok) return response.result;
  throw fromErrorInfo(response.error);
}

/** Electron's preload bridge as a transport. */
export function ipcTransport(bridge: IpcBridge): StudioTransport {
  return {
    invoke: async (method, args) => unwrapResponse(await bridge.invoke(method, args)),
    onEvent: (listener) => bridge.onEvent(listener),
  };
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
  const pending = new Map<number, { resolve: (response: RpcResponse) => void; reject: (e: Error) => void }>();
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
        p.resolve(data);
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
      const response = await new Promise<RpcResponse>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(encodeMessage(request));
      });
      return unwrapResponse(response);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Electron's preload bridge when present, else the browser host this page was served from. */
export function defaultTransport(): StudioTransport {
  if (window.studioIpc) return ipcTransport(window.studioIpc);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
}
