import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { expect, vi } from 'vitest';
import { StandInNetRequest, type SessionRecord } from './stand-in-net';

/**
 * A recording stand-in for the parts of Electron the main process uses (the Electron binary cannot run here), for
 * the unit tests that run the BUILT main bundle (out/main/index.js) in Node: tests/unit/electron-hardening.test.ts and
 * tests/quiet/electron-core-process.test.ts. Anything it does not know is a harmless no-op.
 *
 * Its `utilityProcess.fork` runs the forked file (out/main/core-host.js) in a worker thread with an emulated
 * `process.parentPort`: a thread, unlike a child process, can receive real MessagePorts, so a window's port handed
 * over by the main bundle reaches the core exactly as Electron's MessagePortMain would, and the test talks to the
 * core through the other end. The thread has its own event loop, as the utility process has.
 */
export type Listener = (...args: unknown[]) => unknown;

/** The worker's bootstrap: `process.parentPort` as Electron's utility process has it, then the forked file. */
function bootstrap(modulePath: string): string {
  return `
    const { parentPort } = require('node:worker_threads');
    const { EventEmitter } = require('node:events');
    const port = new EventEmitter();
    port.postMessage = (message) => parentPort.postMessage(message);
    parentPort.on('message', ({ data, ports }) => port.emit('message', { data, ports }));
    process.parentPort = port;
    require(${JSON.stringify(modulePath)});
  `;
}

/** One fork, as the main bundle sees it (Electron's UtilityProcess): events, postMessage with ports, kill. */
export class FakeUtilityProcess extends EventEmitter {
  readonly received: { message: unknown; ports: number }[] = [];
  readonly sent: unknown[] = [];
  exitCode: number | null = null;
  private readonly worker: Worker;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.worker = new Worker(bootstrap(modulePath), { eval: true });
    this.worker.on('online', () => this.emit('spawn'));
    this.worker.on('message', (message: unknown) => {
      this.sent.push(message);
      this.emit('message', message);
    });
    this.worker.on('error', (error) => console.error('[stand-in] core host failed', error));
    this.worker.on('exit', (code) => {
      this.exitCode = code;
      this.emit('exit', code);
    });
  }

  postMessage(message: unknown, transfer: MessagePort[] = []): void {
    this.received.push({ message, ports: transfer.length });
    this.worker.postMessage({ data: message, ports: transfer }, transfer);
  }

  kill(): boolean {
    void this.worker.terminate();
    return true;
  }
}

export function fakeElectron(userData: string, options: { packaged?: boolean } = {}) {
  const appListeners = new Map<string, Listener[]>();
  const ipcListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const windows: {
    options: Record<string, unknown>;
    loaded: string[];
    bounds: unknown[];
    /** The window's webContents listeners by event ('did-fail-load', ...), for a test to fire. */
    contents: Map<string, Listener[]>;
  }[] = [];
  /** What the bundle set on a session: the certificate check and the header rewriter, by session. */
  const sessions = new Map<string, SessionRecord>();
  const sessionObjects = new Map<string, object>();
  const recordOf = new WeakMap<object, SessionRecord>();
  const sessionStandIn = (name: string) => {
    const known = sessionObjects.get(name);
    if (known) return known;
    const recorded: SessionRecord = {};
    sessions.set(name, recorded);
    const session = {
      setPermissionRequestHandler: (handler: Listener) => (permissions.request = handler),
      setPermissionCheckHandler: (handler: Listener) => (permissions.check = handler),
      setCertificateVerifyProc: (proc: Listener) => (recorded.verify = proc),
      webRequest: {
        onBeforeSendHeaders: (filter: unknown, listener: Listener) => (recorded.beforeSendHeaders = { filter, listener }),
      },
    };
    sessionObjects.set(name, session);
    recordOf.set(session, recorded);
    return session;
  };
  const errors: string[] = [];
  const menus: unknown[] = [];
  const forks: FakeUtilityProcess[] = [];
  const quits: string[] = [];
  const permissions: { request?: Listener; check?: Listener } = {};
  const noop = (): unknown => new Proxy(() => undefined, { get: (_t, key) => (key === 'then' ? undefined : noop()) });
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };

  class BrowserWindow {
    static getAllWindows = () => [];
    static getFocusedWindow = () => null;
    static fromWebContents = () => ({ webContents: { printToPDF: async () => Buffer.from('') } });
    webContents: { on: Listener; getURL: () => string };
    constructor(options: Record<string, unknown>) {
      const record = { options, loaded: [] as string[], bounds: [] as unknown[], contents: new Map<string, Listener[]>() };
      windows.push(record);
      this.webContents = {
        on: (name: unknown, listener: unknown) =>
          void record.contents.set(name as string, [...(record.contents.get(name as string) ?? []), listener as Listener]),
        getURL: () => '',
      };
      Object.assign(this, {
        once: () => undefined,
        on: () => undefined,
        show: () => undefined,
        isDestroyed: () => false,
        setBounds: (bounds: unknown) => record.bounds.push(bounds),
        loadFile: async (file: string) => void record.loaded.push(pathToFileURL(file).href),
        loadURL: async (url: string) => void record.loaded.push(url),
      });
    }
  }
  const electron = {
    app: {
      name: 'BayDesk',
      isPackaged: options.packaged ?? false,
      on: (name: string, listener: Listener) => appListeners.set(name, [...(appListeners.get(name) ?? []), listener]),
      once: (name: string, listener: Listener) => appListeners.set(name, [...(appListeners.get(name) ?? []), listener]),
      off: () => undefined,
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      getName: () => 'BayDesk',
      getPath: () => userData,
      setPath: () => undefined,
      getAppPath: () => userData,
      getVersion: () => '0.0.0-test',
      getPreferredSystemLanguages: () => ['en-US'],
      requestSingleInstanceLock: () => true,
      quit: () => void quits.push('quit'),
      exit: (code: number) => void quits.push(`exit ${code}`),
    },
    BrowserWindow,
    // "A new version is ready" (electron-updater's checkForUpdatesAndNotify), shown nowhere here.
    Notification: class {
      static isSupported = () => true;
      show(): void {}
    },
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    session: { defaultSession: sessionStandIn('default'), fromPartition: (name: string) => sessionStandIn(name) },
    // Requests of the main process (electron-updater's), through the session they name (tests/electron/stand-in-net.ts).
    net: {
      request: (request: Record<string, unknown>) =>
        new StandInNetRequest(request, recordOf.get(request.session as object) ?? sessions.get('default')!),
    },
    dialog: {
      showErrorBox: (_title: string, message: string) => errors.push(message),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0 }),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template, getMenuItemById: () => null }),
      setApplicationMenu: (menu: unknown) => void menus.push(menu),
    },
    ipcMain: {
      on: (channel: string, listener: Listener) => ipcListeners.set(channel, listener),
      handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler),
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
        const child = new FakeUtilityProcess(modulePath, args, options);
        forks.push(child);
        return child;
      },
    },
  };
  // What only a renderer has is absent in the main process (electron-log/main looks for ipcRenderer).
  const rendererOnly = new Set(['ipcRenderer', 'contextBridge', 'webFrame']);
  const module = new Proxy(electron as Record<string, unknown>, {
    get: (target, key: string) => (rendererOnly.has(key) ? undefined : (target[key] ?? noop())),
  });
  return { module, appListeners, ipcListeners, ipcHandlers, windows, errors, menus, forks, quits, permissions, sessions };
}

export type FakeElectron = ReturnType<typeof fakeElectron>;

/** Requires the built main bundle with `electron` answered by the stand-in (electron-log/main requires it too). */
export function loadMainBundle(bundle: string, electron: FakeElectron): void {
  const modules = Module as unknown as { _load: Listener };
  const realLoad = modules._load;
  modules._load = function (this: unknown, request: unknown, ...rest: unknown[]) {
    return request === 'electron' ? electron.module : realLoad.call(this, request, ...rest);
  };
  try {
    createRequire(__filename)(bundle);
  } finally {
    modules._load = realLoad;
  }
}

/** Quits as Electron would: `will-quit` with a preventable event, again after the bundle calls app.quit(). */
export async function quitDesk(electron: FakeElectron, timeoutMs = 30_000): Promise<void> {
  const fire = () => {
    let prevented = false;
    for (const listener of electron.appListeners.get('will-quit') ?? []) listener({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  if (!fire()) return;
  await vi.waitFor(() => expect(electron.quits).toContain('quit'), { timeout: timeoutMs, interval: 50 });
  fire();
}

/**
 * Answers every `require('electron')` with the stand-in until the returned undo is called: for modules that ask for
 * Electron only when used (electron-updater's app adapter and network session), long after the bundle loaded.
 */
export function answerElectronWithStandIn(electron: FakeElectron): () => void {
  const modules = Module as unknown as { _load: Listener };
  const realLoad = modules._load;
  modules._load = function (this: unknown, request: unknown, ...rest: unknown[]) {
    return request === 'electron' ? electron.module : realLoad.call(this, request, ...rest);
  };
  return () => {
    modules._load = realLoad;
  };
}
