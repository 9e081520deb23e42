import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { multiLine, singleLine } from '../../shared/contract/fields';
import { textProblem } from '../../shared/domain/invisible-characters';

describe('the invisible-characters rule', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['escape', '\u001b[31m', 'U+001B'],
    ['delete', 'a\u007f', 'U+007F'],
    ['a C1 control', 'a\u0085', 'U+0085'],
    ['right-to-left override', '张三\u202Egnp.exe', 'U+202E'],
    ['left-to-right embedding', '\u202Aabc', 'U+202A'],
    ['first strong isolate', 'a\u2068b', 'U+2068'],
    ['pop directional isolate', 'a\u2069', 'U+2069'],
    ['right-to-left mark', 'a\u200Fb', 'U+200F'],
    ['zero-width space', '王\u200B伟', 'U+200B'],
    ['byte-order mark', '\uFEFF王伟', 'U+FEFF'],
    ['line separator', 'a\u2028b', 'U+2028'],
  ])('%s is refused in one-line and multi-line text, and named', (_label, value, char) => {
    expect(textProblem(value, false)).toEqual({ reason: 'invisibleCharacters', char });
    expect(textProblem(value, true)).toEqual({ reason: 'invisibleCharacters', char });
  });

  it('line breaks and tabs are refused in one-line text only', () => {
    for (const value of ['a\nb', 'a\r\nb', 'a\rb', 'a\tb']) {
      expect(textProblem(value, false)).toEqual({ reason: 'lineBreak' });
      expect(textProblem(value, true)).toBeNull();
    }
  });

  it('ordinary Chinese, Latin, emoji with joiners and punctuation pass', () => {
    for (const value of ['王伟', 'Wang Lei', '粤B·D12345', '客户反映：异响（左前）', '👨‍👩‍👧‍👦🚗', 'a-b_c/d']) {
      expect(textProblem(value, false)).toBeNull();
    }
  });

  it('the builders carry the rule as translated reasons', () => {
    expect(singleLine().max(10).safeParse('a\u202Eb').error?.issues[0]).toMatchObject({
      message: 'text.invisibleCharacters',
      params: { char: 'U+202E' },
    });
    expect(singleLine().safeParse('a\nb').error?.issues[0]).toMatchObject({ message: 'text.lineBreak' });
    expect(multiLine().safeParse(' a\r\nb\tc ').data).toBe('a\r\nb\tc');
  });
});

// --- every text field of every procedure -------------------------------------------------------------------------

/**
 * Strings that are not text a person reads: secrets, encoded files, a photo's declared type (checked against the
 * allowed types) and grid cursors, each checked by its own rules; a login's user name only has to match an account.
 */
const NOT_TEXT = /(^|\.)(\w*password|base64|data|logo|signaturePng|mime|after|cursor|token)$|^after\.|^users\.login: username$/i;

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function stringLeaves(
  schema: unknown,
  path: string,
  out: { path: string; schema: { safeParse(v: unknown): { success: boolean } } }[],
): void {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      out.push({ path, schema: schema as never });
      return;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>))
        stringLeaves(child, path ? `${path}.${key}` : key, out);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      stringLeaves(def.innerType, path, out);
      return;
    case 'array':
      stringLeaves(def.element, `${path}[]`, out);
      return;
    case 'pipe':
      stringLeaves(def.in, path, out);
      return;
    case 'union':
      for (const option of def.options as unknown[]) stringLeaves(option, path, out);
      return;
    default:
      return;
  }
}

function procedures(node: unknown, path: string[] = []): { name: string; input: unknown }[] {
  if (node && typeof node === 'object' && '~orpc' in node) {
    return [{ name: path.join('.'), input: (node as { '~orpc': { inputSchema?: unknown } })['~orpc'].inputSchema }];
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([key, child]) => procedures(child, [...path, key]));
}

describe('every text field of the contract', () => {
  const leaves = procedures(contract).flatMap(({ name, input }) => {
    const out: { path: string; schema: { safeParse(v: unknown): { success: boolean } } }[] = [];
    stringLeaves(input, '', out);
    return out
      .map((leaf) => ({ ...leaf, name: `${name}: ${leaf.path}` }))
      .filter((leaf) => !NOT_TEXT.test(leaf.path) && !NOT_TEXT.test(leaf.name));
  });

  it('has text fields to check', () => {
    expect(leaves.length).toBeGreaterThan(50);
  });

  it('refuses a right-to-left override and NUL in each of them', () => {
    const holes = leaves
      .filter((leaf) => leaf.schema.safeParse('ab\u202Ecd').success || leaf.schema.safeParse('ab\u0000cd').success)
      .map((leaf) => leaf.name);
    expect(holes).toEqual([]);
  });
});
