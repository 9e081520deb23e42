/** What the Electron preload exposes; absent in browser mode. */
interface Window {
  baydesk?: {
    shell: 'electron';
    /** Prints the window's page to an A4 PDF and asks where to save it (Save as PDF on a print preview). */
    printToPdf(fileName: string): Promise<{ saved: boolean; path?: string }>;
    /** Hands a price file's bytes to the core's upload (electron/main/upload.ts); see renderer/src/api/upload.ts. */
    uploadPriceFile(
      token: string,
      data: ArrayBuffer,
    ): Promise<import('../../shared/contract/parts/price-import').PriceFileUploadAnswer>;
  };
}
