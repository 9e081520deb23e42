import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportFileFormat } from '../../../shared/contract/imports';

/**
 * An import file (a price list, a previous DMS's export: CSV or XLSX) as rows of text, read in batches so the caller can let other desks in between them.
 * Blank rows are dropped; every row keeps its line number as a spreadsheet would show it (the header is line 1).
 */

export interface SourceRow {
  line: number;
  cells: string[];
}

/** Rows per batch: the import reports progress and yields to the event loop once per batch. */
export const BATCH_ROWS = 10_000;

/** The file's kind told by its bytes, not its name: XLSX is a zip ('PK'), the old binary .xls is refused. */
export function sniffFormat(bytes: Uint8Array): ImportFileFormat | 'xls' | 'binary' {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  // Text has no NUL bytes, except UTF-16 (which starts with its byte-order mark).
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'binary';
  return 'csv';
}

/**
 * The text of a CSV file: UTF-8 (with or without the BOM Excel writes), UTF-16 with its BOM (Excel's "Unicode
 * text"), else GB18030, the superset of the GBK/GB2312 that Chinese Excel and most DMS exports write. UTF-8 is tried
 * strictly first: GBK bytes are almost never valid UTF-8, so the guess costs one decoding pass.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // isUtf8 and toString('utf8') are Node's SIMD paths: a tenth of TextDecoder's time on a 20 MB file.
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return new TextDecoder('gb18030').decode(bytes);
}

/** The separator of the header line: comma, semicolon (European Excel) or tab, whichever it holds most of. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = first.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Where a CSV reading stands: the position in the text and the line number there. */
export interface CsvCursor {
  pos: number;
  line: number;
}

/**
 * Up to `max` records of RFC 4180 CSV from the cursor, which it moves on. Lines without a quote are split directly
 * (the common case of a price list, and the fast one); a line with quotes goes through the quote-aware scanner,
 * which follows quoted fields across line breaks. csv-parse reads the same text to the same records (the unit test
 * holds them to each other), but it took 1-2 s for 300,000 lines on the bench machine, half the import's 3 s budget,
 * so the import reads with this.
 */
export function readCsvRecords(text: string, delimiter: string, cursor: CsvCursor, max: number): SourceRow[] {
  const out: SourceRow[] = [];
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let pos = cursor.pos;
  let line = cursor.line;
  while (pos < n && out.length < max) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? n : newline;
    let record = text.slice(pos, end);
    if (record.indexOf('"') < 0) {
      if (record.endsWith('\r')) record = record.slice(0, -1);
      out.push({ line, cells: record.split(delimiter) });
      pos = end + 1;
      line += 1;
      continue;
    }
    const start = pos;
    const cells: string[] = [];
    let i = pos;
    for (;;) {
      let field = '';
      if (text.charCodeAt(i) === 34) {
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            field += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
      }
      // Unquoted text, or whatever follows a closing quote up to the separator (kept, as csv-parse's relax_quotes).
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === delim || c === 10 || c === 13) break;
        k += 1;
      }
      field += text.slice(i, k);
      i = k;
      cells.push(field);
      if (i < n && text.charCodeAt(i) === delim) {
        i += 1;
        continue;
      }
      if (i < n && text.charCodeAt(i) === 13) i += 1;
      if (i < n && text.charCodeAt(i) === 10) i += 1;
      break;
    }
    out.push({ line, cells });
    line += countNewlines(text, start, i) || 1;
    pos = i;
  }
  cursor.pos = pos;
  cursor.line = line;
  return out;
}

function blank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Lets the event loop serve other desks between two batches. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Bytes read for a preview: far more than eleven lines of any price list. */
const PREVIEW_BYTES = 1024 * 1024;

/**
 * The whole file, or for a preview only its head up to a line break (a 0x0A byte is never inside a character in
 * UTF-8 or GB18030; UTF-16 is read whole).
 */
function headOf(bytes: Uint8Array, limit: number): Uint8Array {
  if (!Number.isFinite(limit) || bytes.length <= PREVIEW_BYTES || bytes[0] === 0xff || bytes[0] === 0xfe) return bytes;
  const end = bytes.subarray(0, PREVIEW_BYTES).lastIndexOf(0x0a);
  return end > 0 ? bytes.subarray(0, end + 1) : bytes;
}

async function* csvBatches(bytes: Uint8Array, limit: number): AsyncGenerator<SourceRow[]> {
  const text = decodeText(headOf(bytes, limit));
  const delimiter = detectDelimiter(text);
  const cursor: CsvCursor = { pos: 0, line: 1 };
  let left = limit;
  while (cursor.pos < text.length && left > 0) {
    const rows = readCsvRecords(text, delimiter, cursor, Math.min(BATCH_ROWS, left)).filter((row) => !blank(row.cells));
    left -= rows.length;
    if (rows.length > 0) yield rows;
    await breathe();
  }
}

/** A number as a price list means it: money cells stored as floats read back as 12.5, never 12.499999999. */
function numberText(value: number): string {
  const cents = Math.round(value * 100);
  if (Math.abs(value * 100 - cents) < 1e-6 && Math.abs(value) < 1e13) return (cents / 100).toString();
  return value.toString();
}

/** A cell's value as text, whatever exceljs made of it (shared string, number, rich text, formula result, link). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
  }
  return '';
}

/** Splits a byte stream only between UTF-8 characters: a chunk never ends inside one. */
export async function* alignUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // Back to the lead byte of the last character; keep it for the next chunk if its continuation bytes are not all here.
    let lead = bytes.length - 1;
    while (lead > 0 && lead > bytes.length - 4 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
    const byte = bytes[lead] ?? 0;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    const end = lead + size > bytes.length ? lead : bytes.length;
    carry = bytes.subarray(end);
    if (end > 0) yield bytes.subarray(0, end);
  }
  if (carry.length > 0) yield carry;
}

interface ReaderInternals {
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): AsyncGenerator<unknown>;
}

/**
 * exceljs's streaming reader decodes each chunk of the zip's XML on its own, so a Chinese character cut by a chunk
 * boundary comes out as U+FFFD (配件 read as 配���, a few times per thousand rows of a real price list). This
 * reader hands it chunks that never cut a character; nothing else of exceljs changes.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
{
  const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
  const own = Utf8WorkbookReader.prototype as unknown as ReaderInternals;
  own._parseSharedStrings = function (this: ReaderInternals, entry) {
    return base._parseSharedStrings.call(this, Readable.from(alignUtf8(entry)) as AsyncIterable<Buffer>);
  };
  own._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return base._parseWorksheet.call(this, alignUtf8(iterator) as AsyncIterable<Buffer>, sheetNo);
  };
}

async function* xlsxBatches(bytes: Uint8Array | Readable, limit: number): AsyncGenerator<SourceRow[]> {
  const source =
    bytes instanceof Readable ? bytes : Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader = new Utf8WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let left = limit;
  let batch: SourceRow[] = [];
  // The first worksheet is the price list; the others (notes, a cover page) are not read.
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (blank(cells)) continue;
      batch.push({ line: row.number, cells });
      left -= 1;
      if (left <= 0) break;
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
        await breathe();
      }
    }
    break;
  }
  if (batch.length > 0) yield batch;
}

/** An XLSX file's rows read from a stream (a file on disk), so the preview of an uploaded file never holds it whole. */
export function readXlsxRows(source: Readable, limit = Number.POSITIVE_INFINITY): AsyncGenerator<SourceRow[]> {
  return xlsxBatches(source, limit);
}

/** The file's non-blank rows, the header first, in batches; at most `limit` rows (the preview reads eleven). */
export function readRows(
  bytes: Uint8Array,
  format: ImportFileFormat,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<SourceRow[]> {
  return format === 'xlsx' ? xlsxBatches(bytes, limit) : csvBatches(bytes, limit);
}
