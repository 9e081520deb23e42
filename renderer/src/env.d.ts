/** What the Electron preload exposes; absent in browser mode. */
interface Window {
  baydesk?: {
    shell: 'electron';
    /** What this desk is: standalone (its own core), joined to a server (the page is the server's), or at its first run. */
    desk: import('../../shared/contract/desks').DeskInfo;
    /** First run: "This PC keeps the database". The main process then starts the desk's own core and reloads. */
    keepDatabaseHere(): Promise<boolean>;
    /** First run: pair with the server and join it (electron/main/desk-setup.ts). The page is then the server's. */
    connectToServer(
      input: import('../../shared/contract/desks').ConnectDeskInput,
    ): Promise<import('../../shared/contract/desks').ConnectDeskAnswer>;
    /** Prints the window's page to an A4 PDF and asks where to save it (Save as PDF on a print preview). */
    printToPdf(fileName: string): Promise<{ saved: boolean; path?: string }>;
    /** Hands a price file's bytes to the core's upload (electron/main/upload.ts); see renderer/src/api/upload.ts. */
    uploadPriceFile(
      token: string,
      data: ArrayBuffer,
    ): Promise<import('../../shared/contract/imports/uploads').ImportUploadAnswer>;
  };
}

/** The BayDesk version this renderer was built as (package.json; electron.vite.config.ts defines it). */
declare const __APP_VERSION__: string;
