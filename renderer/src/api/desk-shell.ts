/**
 * Whether this page talks to a core on this PC through the Electron preload's MessagePort: a standalone desktop desk.
 * A browser desk, and a desktop desk joined to the server (its window shows the server's pages), talk HTTP to the
 * server the page came from.
 */
export function usesDesktopCore(): boolean {
  const bridge = window.baydesk;
  return bridge?.shell === 'electron' && bridge.desk.mode === 'standalone';
}
