/** Exposes the StudioApi's responses and events to the renderer, and nothing else of Node or Electron. */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod, IpcBridge, JobEvent, RpcResponse } from '../shared/api';
import { IPC_EVENT, IPC_INVOKE } from './channels';

let nextId = 1;

const bridge: IpcBridge = {
  invoke: (method: ApiMethod, args: unknown[]) => ipcRenderer.invoke(IPC_INVOKE, nextId++, method, args) as Promise<RpcResponse>,
  onEvent(listener: (event: JobEvent) => void) {
    const handler = (_e: unknown, event: JobEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('studioIpc', bridge);
