/**
 * The half-open range [prefix, upper) that holds every string starting with `prefix` in SQLite's BINARY order, so a
 * "starts with" search is an index range scan (LIKE 'x%' would not use a BINARY index under SQLite's default
 * case-insensitive LIKE).
 */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Escapes LIKE's wild cards so a user's "%" or "_" is matched literally (used with ESCAPE '\'). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
