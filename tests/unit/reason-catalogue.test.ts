import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

/**
 * Every refusal the core or a schema can give names a reason the screens translate. A reason missing from a
 * catalogue reaches the user as a bare key ("purchase.overReceipt"), so the source is read for every literal reason
 * and each must have a text in both languages.
 */
const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function reasonsUsed(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\bfail\(\s*'[A-Z_]+',\s*'([a-zA-Z.]+)'/g, /\breasonIssue\(\s*'([a-zA-Z.]+)'/g];
  for (const file of [...sourceFiles(join(ROOT, 'electron', 'core')), ...sourceFiles(join(ROOT, 'shared'))]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) used.set(match[1]!, file.slice(ROOT.length + 1));
    }
  }
  return used;
}

function lookUp(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      catalogue,
    );
}

describe('refusal reasons', () => {
  const used = reasonsUsed();

  test('the scan finds the reasons the core gives (the test can see them at all)', () => {
    expect(used.has('staleVersion')).toBe(true);
    expect(used.size).toBeGreaterThan(100);
  });

  test.each([
    ['en', en.reasons],
    ['zh-CN', zhCN.reasons],
  ])('every reason has a text in %s', (_language, reasons) => {
    const missing = [...used]
      .filter(([key]) => typeof lookUp(reasons, key) !== 'string' && typeof lookUp(reasons, `${key}_other`) !== 'string')
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
