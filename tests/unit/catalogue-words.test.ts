import { describe, expect, test } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

/**
 * The words a user reads: English counts use i18next's plural forms (never "call(s)"), and no English word slips
 * into a Chinese text. The list of words is the ones found on Chinese screens before (a ledger reason, a unit).
 */
function flatten(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key));
}

/** English words that have no business in a Chinese text (lower case, matched as whole words). */
const ENGLISH_WORDS = ['issued', 'delivery', 'set', 'sets', 'piece', 'pieces', 'pair', 'litre', 'bottle', 'item', 'items'];

describe('catalogue words', () => {
  const english = flatten(en);
  const chinese = flatten(zhCN);

  test('the catalogues are read at all', () => {
    expect(english.length).toBeGreaterThan(1000);
    expect(chinese.length).toBe(english.length);
  });

  test('no English text says "(s)": a count takes the _one/_other plural forms', () => {
    expect(english.filter(([, text]) => /\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
  });

  test('every English text counting {{count}} has its plural forms', () => {
    const single = english.filter(([key, text]) => text.includes('{{count}}') && !/_(zero|one|two|few|many|other)$/.test(key));
    expect(single.map(([key]) => key)).toEqual([]);
  });

  test('a plural key has both its _one and its _other form', () => {
    const keys = new Set(english.map(([key]) => key));
    const lonely = [...keys].filter((key) => key.endsWith('_one') && !keys.has(key.replace(/_one$/, '_other')));
    expect(lonely).toEqual([]);
  });

  test('no Chinese text holds an English word from the list', () => {
    const pattern = new RegExp(`\\b(${ENGLISH_WORDS.join('|')})\\b`, 'i');
    expect(chinese.filter(([, text]) => pattern.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
