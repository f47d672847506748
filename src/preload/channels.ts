/** IPC channel names shared by the main process and the preload script. */
export const IPC_INVOKE = 'studio:invoke';
export const IPC_EVENT = 'studio:event';
