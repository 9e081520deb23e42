import { pinyin } from 'pinyin-pro';

/**
 * Pinyin keys of a customer's name, so staff find 张三 by typing `zhangsan`, `zs`, `zhang s` or `zhangs`
 * (docs/domain.md, "The look-up"). Stored at write time in customer_pinyin, one row per key, searched by prefix.
 *
 * A name can be read several ways: a surname's own reading (单 shàn, 曾 zēng, 解 xiè, 区 ōu, 仇 qiú) beside the
 * everyday one (dān, céng, jiě, qū, chóu), and polyphones (乐 lè/yuè). Every plausible reading gets its keys, bounded:
 * at most PINYIN_MAX_READINGS readings and PINYIN_MAX_KEYS keys per name (the look-up relies on that bound).
 */

/** Readings of one name that get keys: the likeliest first, then one character changed at a time. */
export const PINYIN_MAX_READINGS = 6;
/** Keys stored per name at most; the look-up reads this many index rows per customer it needs. */
export const PINYIN_MAX_KEYS = 16;
/** A key is cut at the look-up box's own length limit (nobody can type further). */
export const PINYIN_KEY_MAX_LENGTH = 60;
/** Readings considered per character: the contextual one, the surname one, then the character's others. */
const READINGS_PER_CHAR = 3;
/** Mixed keys (full syllables, then initials) for at most this many leading full syllables. */
const MAX_LEADING_FULL = 3;

/** Tone marks off; ü typed as v (as every pinyin input method does). */
function plain(reading: string): string {
  return reading
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Each Chinese character's candidate readings, best first; other characters (letters, digits, marks) are skipped. */
function candidates(name: string, kind: 'person' | 'company'): string[][] {
  // One call with every character's readings (with the surname's own reading first for a person), one with the
  // everyday contextual reading ("type: all" is slower: called once).
  const chars = pinyin(name, {
    toneType: 'none',
    type: 'all',
    v: true,
    ...(kind === 'person' ? { mode: 'surname' as const, surname: 'head' as const } : {}),
  }).filter((char) => char.isZh && char.pinyin);
  const everyday = kind === 'person' ? pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }) : [];
  const aligned = everyday.length === chars.length;
  return chars.map((char, i) => {
    const readings: string[] = [];
    const add = (reading: string | undefined) => {
      if (!reading) return;
      const p = plain(reading);
      if (/^[a-z]+$/.test(p) && !readings.includes(p)) readings.push(p);
      // Some people type ü as u (lu for 吕).
      if (p.includes('v') && !readings.includes(p.replace(/v/g, 'u'))) readings.push(p.replace(/v/g, 'u'));
    };
    add(char.pinyin);
    if (aligned) add(everyday[i]);
    for (const other of char.polyphonic) add(other);
    return readings.slice(0, READINGS_PER_CHAR);
  });
}

/** Choices of reading per character whose indices add up to `sum`, earlier characters changed first. */
function* choicesWithSum(sizes: number[], sum: number, at = 0): Generator<number[]> {
  if (at === sizes.length) {
    if (sum === 0) yield [];
    return;
  }
  for (let pick = Math.min(sum, sizes[at]! - 1); pick >= 0; pick--) {
    for (const rest of choicesWithSum(sizes, sum - pick, at + 1)) yield [pick, ...rest];
  }
}

/** The keys of one reading: full pinyin, initials, and full syllables followed by initials ("zhangsf" for 张三丰). */
function keysOfReading(syllables: string[]): string[] {
  const n = syllables.length;
  const initials = (from: number) =>
    syllables
      .slice(from)
      .map((s) => s[0])
      .join('');
  const keys = [syllables.join(''), initials(0)];
  // With one initial at the end the mixed key is a prefix of the full one already ("zhangs" of "zhangsan").
  for (let k = 1; k <= Math.min(n - 2, MAX_LEADING_FULL); k++) keys.push(syllables.slice(0, k).join('') + initials(k));
  return keys.map((key) => key.slice(0, PINYIN_KEY_MAX_LENGTH));
}

/**
 * The pinyin keys to store for a customer's name; none when it has no Chinese character (a Latin name is found by
 * its own letters). A key that starts another key of the same name is left out: a prefix search finds the longer one.
 */
export function pinyinKeys(name: string, kind: 'person' | 'company'): string[] {
  const perChar = candidates(name, kind);
  if (perChar.length === 0) return [];
  const sizes = perChar.map((c) => c.length);
  const maxSum = sizes.reduce((sum, size) => sum + size - 1, 0);
  const keys: string[] = [];
  let readings = 0;
  outer: for (let sum = 0; sum <= maxSum; sum++) {
    for (const choice of choicesWithSum(sizes, sum)) {
      const fresh = keysOfReading(choice.map((pick, i) => perChar[i]![pick]!)).filter(
        (key, i, all) => !keys.includes(key) && all.indexOf(key) === i,
      );
      if (keys.length + fresh.length > PINYIN_MAX_KEYS) break outer;
      keys.push(...fresh);
      if (++readings === PINYIN_MAX_READINGS) break outer;
    }
  }
  return keys.filter((key) => !keys.some((other) => other !== key && other.startsWith(key)));
}

/**
 * What the look-up searches the pinyin keys for, or null when the text is not pinyin: Latin letters, spaces and
 * apostrophes only ("zhang s", "xi'an"), read lower-case without the spaces.
 */
export function pinyinQuery(text: string): string | null {
  if (!/^[A-Za-z' ]+$/.test(text.trim())) return null;
  const key = text.toLowerCase().replace(/[ ']/g, '');
  return key.length === 0 ? null : key.slice(0, PINYIN_KEY_MAX_LENGTH);
}
