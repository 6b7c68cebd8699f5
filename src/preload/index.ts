import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, CHANNELS, EVENTS } from 'virtual:ipc-names';
import { createBridge } from './bridge';

// The page gets the typed API only: never ipcRenderer itself, which would let it pick any channel.
contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge((channel, payload, callId) => ipcRenderer.invoke(channel, payload, callId), CHANNELS, {
    channels: EVENTS,
    listen(channel, listener) {
      ipcRenderer.on(channel, listener);
      return () => void ipcRenderer.removeListener(channel, listener);
    },
  }),
);
