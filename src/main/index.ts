/** Electron's main process: a window and the IPC end of the StudioApi; the work is in plain Node modules. */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { defaultAutosaveDir } from './project/autosave';
import { StudioService } from './services/studio-service';
import { dispatch } from './services/dispatch';
import { IPC_EVENT, IPC_INVOKE } from '../preload/channels';

let window: BrowserWindow | null = null;

const service = new StudioService({ emit: (event) => window?.webContents.send(IPC_EVENT, event), autosaveDir: defaultAutosaveDir() });

ipcMain.handle(IPC_INVOKE, (_event, id: number, method: unknown, args: unknown) => dispatch(service, id, method, args));

function createWindow(): void {
  window = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#16181d',
    title: 'SAM2Matting Studio',
    webPreferences: { preload: join(import.meta.dirname, '../preload/index.mjs'), contextIsolation: true, sandbox: false },
  });
  window.on('closed', () => (window = null));
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => {
  // Closing writes the last autosave of unsaved work before the process goes.
  void service.close().finally(() => app.quit());
});
