import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole bridge. The renderer posts `baydesk:connect` with one end of a MessageChannel; this forwards the port to
 * the main process, where the core answers on it. Nothing else of Electron reaches the page.
 */
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.data !== 'baydesk:connect') return;
  const [port] = event.ports;
  if (port) ipcRenderer.postMessage('baydesk:connect', null, [port]);
});

contextBridge.exposeInMainWorld('baydesk', { shell: 'electron' });
