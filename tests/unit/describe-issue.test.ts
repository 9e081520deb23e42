import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeIssue } from '../../renderer/src/api/errors';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

/** How a refusal reads in a banner: no field name in front of a message about a whole record, figures formatted once. */
beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

const say = (issue: Parameters<typeof describeIssue>[1], language: 'zh-CN' | 'en' = 'zh-CN') => {
  void i18next.changeLanguage(language);
  return describeIssue(i18next.t, issue);
};

describe('describeIssue', () => {
  test('a refusal about a whole record carries no field name', () => {
    const running = say({ reason: 'clocking.alreadyRunning', field: 'jobId', params: { number: 'RO1', concern: '保养' } });
    expect(running.startsWith('您仍在')).toBe(true);
    const status = say({ reason: 'delivery.notRecorded', field: 'to' });
    expect(status).not.toContain('新状态');
  });

  test('a refusal about a typed value still names its field', () => {
    expect(say({ reason: 'required', field: 'make' })).toContain('：');
  });

  test('figures go through the one number formatter', () => {
    expect(say({ reason: 'mileage.lower', field: 'mileageKm', params: { last: 11938 } })).toContain('11,938 公里');
    expect(say({ reason: 'mileage.lower', field: 'mileageKm', params: { last: 11938 } }, 'en')).toContain('11,938 km');
  });

  test('a bound names the unit of its field, in the units a user types', () => {
    expect(say({ reason: 'tooSmall', field: 'leadDays', params: { min: 1 } })).toContain('不能小于 1 天');
    expect(say({ reason: 'tooSmall', field: 'leadDays', params: { min: 1 } }, 'en')).toContain('must be at least 1 day');
    expect(say({ reason: 'tooLarge', field: 'leadDays', params: { max: 30 } }, 'en')).toContain('must be at most 30 days');
    expect(say({ reason: 'tooSmall', field: 'amountFen', params: { min: 1 } })).toContain('不能小于 0.01 元');
    expect(say({ reason: 'tooLarge', field: 'hoursMilli', params: { max: 99_000 } })).toContain('不能大于 99 小时');
    expect(say({ reason: 'tooSmall', field: 'qtyMilli', params: { min: 1 } })).toContain('不能小于 0.001');
  });
});
