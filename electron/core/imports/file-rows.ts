import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportFileFormat } from '../../../shared/contract/imports';
import { BATCH_ROWS, breathe, detectDelimiter, readCsvRecords, readXlsxRows, sniffFormat, type SourceRow } from './reader';

/**
 * An import file read from disk as rows, streamed: neither the bytes nor the text of a file of hundreds of MB (two
 * million RO lines) is ever held whole, so an import's memory stays that of a few batches. CSV is decoded chunk by
 * chunk (UTF-8, UTF-16 with its BOM, else GB18030, the superset of GBK), cut only after a whole record; XLSX goes
 * through the engine's streaming workbook reader.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Bytes read from disk at a time. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The file's first bytes (all of a smaller file): what its format and encoding are told by. */
export async function readHeadBytes(path: string, size = 64 * 1024): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A file's format told by its bytes, not its name: 'xls' (old binary Excel) and 'binary' are not readable. */
export async function sniffFile(path: string): Promise<ImportFileFormat | 'xls' | 'binary'> {
  return sniffFormat(await readHeadBytes(path));
}

/**
 * The encoding of a CSV file: a BOM says it; else the whole file is UTF-8 exactly when every byte of it decodes as
 * UTF-8 (checked streaming, once), else GB18030 (GBK bytes are almost never valid UTF-8).
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  const head = await readHeadBytes(path, 4);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function blank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Where the text read so far may be cut: after the last line break that ends a whole record (even quotes before it). */
function recordsEnd(text: string): number {
  let end = text.lastIndexOf('\n');
  while (end >= 0) {
    let quotes = 0;
    for (let at = text.indexOf('"'); at >= 0 && at <= end; at = text.indexOf('"', at + 1)) quotes += 1;
    if (quotes % 2 === 0) return end + 1;
    end = text.lastIndexOf('\n', end - 1);
  }
  return 0;
}

async function* csvFileBatches(path: string, encoding: TextEncoding, limit: number): AsyncGenerator<SourceRow[]> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  let carry = '';
  let delimiter: string | null = null;
  let line = 1;
  let left = limit;
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    let done = false;
    const chunks = stream[Symbol.asyncIterator]();
    while (!done && left > 0) {
      const next = await chunks.next();
      let text: string;
      if (next.done) {
        done = true;
        text = carry + decoder.decode();
        if (text.length > 0 && !text.endsWith('\n')) text += '\n';
      } else {
        text = carry + decoder.decode(next.value as Buffer, { stream: true });
      }
      // A quote-free chunk is cut at its last line break; one with quotes only where its quotes balance.
      const end = text.indexOf('"') < 0 ? text.lastIndexOf('\n') + 1 : recordsEnd(text);
      carry = text.slice(end);
      const whole = text.slice(0, end);
      if (whole.length === 0) continue;
      delimiter ??= detectDelimiter(whole);
      const cursor = { pos: 0, line };
      while (cursor.pos < whole.length && left > 0) {
        const rows = readCsvRecords(whole, delimiter, cursor, Math.min(BATCH_ROWS, left)).filter((row) => !blank(row.cells));
        left -= rows.length;
        if (rows.length > 0) yield rows;
        await breathe();
      }
      line = cursor.line;
    }
  } finally {
    stream.destroy();
  }
}

/** The file's non-blank rows, the header first, in batches of up to BATCH_ROWS; at most `limit` rows. */
export async function* readFileRows(
  path: string,
  format: ImportFileFormat,
  options: { encoding?: TextEncoding; limit?: number } = {},
): AsyncGenerator<SourceRow[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (format === 'xlsx') {
    const stream = createReadStream(path);
    try {
      yield* readXlsxRows(stream, limit);
    } finally {
      stream.destroy();
    }
    return;
  }
  yield* csvFileBatches(path, options.encoding ?? (await detectEncoding(path)), limit);
}
