/** The key names are searched by: trimmed, single-spaced, lower-case (so "Wang Lei" and "wang  lei" are one). */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
