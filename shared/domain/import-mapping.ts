/**
 * The import engine's column mapping, pure (issue 18 item 1: one engine for the price file and the previous DMS's
 * export): which column of a file holds each field of a target, guessed from the header's names, remembered under the
 * header's signature, and checked before any row is read. Each import names its targets, the required ones and the
 * header names it knows; the price file's are in price-file.ts, the DMS export's in dms-import.ts.
 */

/** Column index (0-based) of the file for each target; null when the file has no such column. */
export type Mapping<T extends string> = Record<T, number | null>;

/** A header cell as compared for the signature: width-folded, trimmed, lower case, single spaces. */
function signatureCell(cell: string): string {
  return cell.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The key under which a mapping is remembered: the header row as the file's author wrote it, up to case, width and
 * spacing (empty columns at the end do not count). Next month's file from the same source has the same header.
 */
export function headerSignature(headers: readonly string[]): string {
  const cells = headers.map(signatureCell);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return JSON.stringify(cells);
}

/** A header cell as matched against the known names: no unit in brackets ("零售价(元)"), no spaces or marks. */
export function guessCell(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s\-_.:：#/]+/g, '');
}

/** Every target unmapped. */
export function emptyMapping<T extends string>(targets: readonly T[]): Mapping<T> {
  return Object.fromEntries(targets.map((target) => [target, null])) as Mapping<T>;
}

/**
 * The mapping read from the header names alone, for a header the desk has not seen before: each target in order takes
 * the first column not yet taken whose name (in guessCell form) it knows.
 */
export function guessMappingOf<T extends string>(
  headers: readonly string[],
  targets: readonly T[],
  names: Readonly<Record<T, readonly string[]>>,
): Mapping<T> {
  const mapping = emptyMapping(targets);
  const cells = headers.map(guessCell);
  const taken = new Set<number>();
  for (const target of targets) {
    const index = cells.findIndex((cell, i) => !taken.has(i) && cell !== '' && names[target].includes(cell));
    if (index >= 0) {
      mapping[target] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export type MappingProblemKind = 'required' | 'twice' | 'column';

/** What is wrong with a mapping before any row is read, or null: a required column missing, a column used twice or past the header. */
export function mappingProblemOf<T extends string>(
  mapping: Mapping<T>,
  targets: readonly T[],
  required: readonly T[],
  columnCount: number,
): { kind: MappingProblemKind; target: T } | null {
  for (const target of required) {
    if (mapping[target] === null || mapping[target] === undefined) return { kind: 'required', target };
  }
  const seen = new Set<number>();
  for (const target of targets) {
    const column = mapping[target];
    if (column === null || column === undefined) continue;
    if (column >= columnCount) return { kind: 'column', target };
    if (seen.has(column)) return { kind: 'twice', target };
    seen.add(column);
  }
  return null;
}
