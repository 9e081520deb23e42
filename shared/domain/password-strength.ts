/**
 * The password rule (issue 14), one place for both sides: the contract's schemas refuse what it refuses, so the
 * set-up, new-user and password forms show the same reason the core gives. A new password needs at least
 * PASSWORD_MIN_LENGTH characters and zxcvbn-ts (its common-password list, English words and names, keyboard
 * patterns, repeats, dates) must score it at least PASSWORD_MIN_SCORE of 4, with the person's own username and name
 * counted against it. Only new passwords are judged: signing in with an old one is never refused by this rule.
 *
 * The dictionaries are large (about 2 MB): they are loaded on first use, so the renderer fetches them only when a
 * password form is checked, and the core only when a password is set.
 */
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's 3: "safely unguessable", about 10^8 guesses or more; 0-2 fall to an online or a cheap offline attack. */
export const PASSWORD_MIN_SCORE = 3;

/** Why a password is refused: one of the most used passwords, made of the person's own names, or easy to guess. */
export type PasswordWeakness = 'common' | 'personal' | 'guessable';

export type PasswordCheck = (password: string, userInputs: readonly string[]) => PasswordWeakness | null;

/** The names that count against a password: each as typed and each of its words ("Wang Wei" -> wang, wei). */
function personalWords(userInputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of userInputs) {
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    words.add(value.replace(/[\s._-]+/g, ''));
    for (const part of value.split(/[\s._-]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

function weakness(result: ZxcvbnResult): PasswordWeakness | null {
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const dictionaries = result.sequence.map((match) => ('dictionaryName' in match ? String(match.dictionaryName) : ''));
  if (dictionaries.includes('userInputs')) return 'personal';
  if (dictionaries.some((name) => name.startsWith('passwords'))) return 'common';
  return 'guessable';
}

let loaded: PasswordCheck | null = null;
let loading: Promise<PasswordCheck> | null = null;

/** The check once its dictionaries are in memory, else null (then loadPasswordCheck). */
export function loadedPasswordCheck(): PasswordCheck | null {
  return loaded;
}

/** Loads zxcvbn-ts and its dictionaries once (about 0.4 s), and gives the check. */
export function loadPasswordCheck(): Promise<PasswordCheck> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) => {
      const factory: ZxcvbnFactory = new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      });
      loaded = (password, userInputs) => weakness(factory.check(password, personalWords(userInputs)));
      return loaded;
    },
    (error: unknown) => {
      // A failed load (a lost chunk in the renderer) is tried again on the next check, not remembered.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * What is wrong with a new password of the right length, or null. Synchronous once the dictionaries are loaded (so
 * a schema refinement is not run twice by a synchronous parse that meets a promise), a promise before that.
 */
export function passwordWeakness(
  password: string,
  userInputs: readonly string[],
): PasswordWeakness | null | Promise<PasswordWeakness | null> {
  const check = loadedPasswordCheck();
  if (check) return check(password, userInputs);
  return loadPasswordCheck().then((loadedCheck) => loadedCheck(password, userInputs));
}
