import { join } from 'node:path';
import { BrowserWindow } from 'electron';

/**
 * The one main window. Its security settings are written out here as literals, in the constructor call itself, so
 * that the electronegativity scan (scripts/electronegativity.ts) sees them in the source and the hardening test
 * (tests/unit/electron-hardening.test.ts) reads them back from the built bundle: keep them that way, no spread.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'BayDesk',
    webPreferences: {
      // The page gets no Node and no Electron: only the preload's one bridge object, in its own world.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle click would ask for a new window; the window-open handler refuses those anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      preload: join(__dirname, '../preload/index.js'),
    },
  });
  window.once('ready-to-show', () => window.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}
