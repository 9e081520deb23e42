/** What the Electron preload exposes; absent in browser mode. */
interface Window {
  baydesk?: {
    shell: 'electron';
    /** Prints the window's page to an A4 PDF and asks where to save it (Save as PDF on a print preview). */
    printToPdf(fileName: string): Promise<{ saved: boolean; path?: string }>;
  };
}
