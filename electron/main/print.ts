import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { isAppUrl } from './security';

/** Channel of Save as PDF on a print preview (the preload's `printToPdf`). */
export const PRINT_TO_PDF_CHANNEL = 'baydesk:print-to-pdf';

export interface PrintToPdfResult {
  saved: boolean;
  path?: string;
}

/**
 * A file name the page suggests ("RO2026-000123-estimate"), made safe for Windows, macOS and Linux: no path, no
 * reserved characters, not empty, not too long, ending in .pdf.
 */
export function safePdfName(raw: unknown): string {
  const base = String(raw ?? '')
    .replace(/\.pdf$/i, '')
    // Path separators, characters Windows reserves, and control characters.
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'BayDesk'}.pdf`;
}

/** Whether a page shows one of the renderer's print routes (`#/print/...`), where Ctrl+P saves the document. */
export function isPrintRoute(url: string): boolean {
  try {
    return new URL(url).hash.startsWith('#/print/');
  } catch {
    return false;
  }
}

/**
 * Save as PDF: prints the window's own page (the print route on screen) to an A4 PDF with its backgrounds, asks where
 * to save it (the documents folder by default) and writes it. The page's @page rule sets the margins;
 * `preferCSSPageSize` lets it.
 */
export async function savePageAsPdf(window: BrowserWindow, fileName: unknown): Promise<PrintToPdfResult> {
  const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  const choice = await dialog.showSaveDialog(window, {
    defaultPath: join(app.getPath('documents'), safePdfName(fileName)),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  await writeFile(choice.filePath, pdf);
  return { saved: true, path: choice.filePath };
}

/** The preload's `printToPdf`: only our own pages may ask, and only for their own window. */
export function servePrintToPdf(): void {
  ipcMain.handle(PRINT_TO_PDF_CHANNEL, async (event, fileName: unknown): Promise<PrintToPdfResult> => {
    const frameUrl = event.senderFrame?.url ?? '';
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!isAppUrl(frameUrl) || !window) throw new Error('print-to-pdf refused: not a BayDesk window');
    return savePageAsPdf(window, fileName);
  });
}
