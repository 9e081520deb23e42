import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizePhone, phoneProblem } from '../../shared/domain/phone';

describe('phone numbers', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['(010) 6552.9988', '01065529988'],
    [' +86 138 0013 8000 ', '+8613800138000'],
    ['13800138000', '13800138000'],
  ])('normalises %j to %j', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });

  it('numbers typed differently become one number', () => {
    expect(normalizePhone('138-0013 8000')).toBe(normalizePhone('13800138000'));
  });

  it.each(['13800138000', '+86 138 0013 8000', '(010) 6552-9988', '12345'])('accepts %j', (raw) => {
    expect(phoneProblem(raw)).toBeNull();
  });

  it.each([
    ['letters', '138abc38000', 'characters'],
    ['a plus sign inside', '138+0013', 'characters'],
    ['a slash', '138/0013/8000', 'characters'],
    ['too few digits', '1234', 'length'],
    ['too many digits', '1'.repeat(21), 'length'],
    ['only punctuation', '(-- --)', 'length'],
  ])('refuses %s: %j -> %s', (_label, raw, problem) => {
    expect(phoneProblem(raw)).toBe(problem);
  });

  it('knows a mainland mobile: 11 digits starting 13-19', () => {
    expect(isMainlandMobile('13800138000')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12800138000')).toBe(false);
    expect(isMainlandMobile('1380013800')).toBe(false);
    expect(isMainlandMobile('+8613800138000')).toBe(false);
    expect(isMainlandMobile('01065529988')).toBe(false);
  });
});
