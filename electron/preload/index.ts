import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole bridge. The renderer posts `baydesk:connect` with one end of a MessageChannel; this forwards the port to
 * the main process, where the core answers on it. Besides Save as PDF (one invoke with a file name), nothing else of
 * Electron reaches the page.
 */
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.data !== 'baydesk:connect') return;
  const [port] = event.ports;
  if (port) ipcRenderer.postMessage('baydesk:connect', null, [port]);
});

contextBridge.exposeInMainWorld('baydesk', {
  shell: 'electron',
  // The main side prints the sender's own page (electron/main/print.ts); only the file name crosses.
  printToPdf: (fileName: string) => ipcRenderer.invoke('baydesk:print-to-pdf', String(fileName)),
});
