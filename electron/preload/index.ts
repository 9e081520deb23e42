import { contextBridge, ipcRenderer } from 'electron';

/**
 * The whole bridge. The renderer posts `baydesk:connect` with one end of a MessageChannel; this forwards the port to
 * the main process, where the core answers on it. Besides what the desk is (standalone, joined to a server, or at its
 * first run, with that run's two choices), Save as PDF (one invoke with a file name) and an import file's upload (its
 * slices and the session token), nothing else of Electron reaches the page. The main side checks which page asks.
 */
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.data !== 'baydesk:connect') return;
  const [port] = event.ports;
  if (port) ipcRenderer.postMessage('baydesk:connect', null, [port]);
});

contextBridge.exposeInMainWorld('baydesk', {
  shell: 'electron',
  // Asked once as the page loads (electron/main/desk-setup.ts); the page reloads when it changes.
  desk: ipcRenderer.sendSync('baydesk:desk-info'),
  keepDatabaseHere: () => ipcRenderer.invoke('baydesk:keep-database-here'),
  connectToServer: (input: unknown) => ipcRenderer.invoke('baydesk:connect-to-server', input),
  // The main side prints the sender's own page (electron/main/print.ts); only the file name crosses.
  printToPdf: (fileName: string) => ipcRenderer.invoke('baydesk:print-to-pdf', String(fileName)),
  // One step of an import file's upload in slices (electron/main/upload.ts checks it), with the session that sends it.
  importUpload: (token: string, step: unknown) => ipcRenderer.invoke('baydesk:import-upload', String(token), step),
});
