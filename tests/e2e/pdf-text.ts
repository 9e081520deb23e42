import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of a PDF as poppler's pdftotext reads it (`-layout` keeps each printed line on one line), for asserting
 * what a printed document says. Needs /usr/bin/pdftotext (Debian's poppler-utils; CI installs it).
 */
export function pdfText(pdf: Buffer | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same text without any white space: a PDF places Chinese glyphs one by one, and layout may put a space between
 * two of them; compare Chinese names and plates against this.
 */
export function compactPdfText(pdf: Buffer | Uint8Array): string {
  return pdfText(pdf).replace(/\s+/g, '');
}

/** Pages of a PDF, counted from the form feeds pdftotext puts after each page. */
export function pdfPageCount(text: string): number {
  return text.split('\f').filter((page) => page.trim() !== '').length;
}
