/**
 * Characters a person cannot see but a screen or a printer obeys: control characters (NUL, escape, ...), the
 * bidirectional overrides, embeddings and isolates that reorder what follows (U+202E turns "Zhang3 gpj.exe" around),
 * zero-width spaces and the byte-order mark. Text fields refuse them (docs: README, Trust). Line breaks and tabs are
 * allowed only in multi-line fields; Unicode's line and paragraph separators (U+2028, U+2029) never.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;
const LINE_BREAK = /[\n\r\t]/;

export type TextProblem = { reason: 'invisibleCharacters'; char: string } | { reason: 'lineBreak' };

/** "U+202E": how the message names a character that cannot be shown. */
function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a text field's value, or null: invisible characters anywhere, line breaks in a one-line field. */
export function textProblem(value: string, multiLine: boolean): TextProblem | null {
  const invisible = INVISIBLE.exec(value);
  if (invisible) return { reason: 'invisibleCharacters', char: codePoint(invisible[0]) };
  if (!multiLine && LINE_BREAK.test(value)) return { reason: 'lineBreak' };
  return null;
}
