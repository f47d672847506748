/** Exposes the StudioApi transport to the renderer, and nothing else of Node or Electron. */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod, JobEvent, RpcResponse, StudioTransport } from '../shared/api';
import { IPC_EVENT, IPC_INVOKE } from './channels';

let nextId = 1;

const transport: StudioTransport = {
  async invoke(method: ApiMethod, args: unknown[]) {
    const response = (await ipcRenderer.invoke(IPC_INVOKE, nextId++, method, args)) as RpcResponse;
    if (!response.ok) throw new Error(response.error);
    return response.result;
  },
  onEvent(listener: (event: JobEvent) => void) {
    const handler = (_e: unknown, event: JobEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('studioIpc', transport);
