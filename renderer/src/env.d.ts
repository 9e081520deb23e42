/** What the Electron preload exposes; absent in browser mode. */
interface Window {
  baydesk?: { shell: 'electron' };
}
