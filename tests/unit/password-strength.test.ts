import { describe, expect, it } from 'vitest';
import { loadPasswordCheck, PASSWORD_MIN_LENGTH } from '../../shared/domain/password-strength';

/** The one password rule both sides apply (issue 14 item 7): what it refuses and why. */
describe('password strength', () => {
  it("refuses common passwords, the person's own names and easy patterns; accepts a few unrelated words", async () => {
    const check = await loadPasswordCheck();
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    for (const password of ['1234567890', 'qwertyuiop', 'password12', 'iloveyou12'])
      expect(check(password, []), password).toBe('common');
    for (const password of [' '.repeat(10), 'abcdefghij', 'aaaaaaaaaaaa'])
      expect(check(password, []), password).toBe('guessable');
    // A name counts as typed and word by word ("Wang Wei" -> wangwei).
    expect(check('wangwei2026', ['wangwei', 'Wang Wei'])).toBe('personal');
    expect(check('ouyangxiu2026', [])).toBeNull();
    expect(check('ouyangxiu2026', ['oyx', 'Ouyang Xiu'])).toBe('personal');
    for (const password of ['plum orbit 58 cellar', 'Kite-Lantern-47', 'correct horse battery'])
      expect(check(password, ['admin', 'Admin']), password).toBeNull();
  });
});
