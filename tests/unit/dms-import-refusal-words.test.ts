import { describe, expect, test } from 'vitest';
import { reasonWords, titleWords } from '../../electron/core/dms-import/refusal-words';
import { DMS_ROW_REASONS } from '../../shared/domain/dms-import-rows';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

// The refused rows' workbook is written by the core, which cannot read the screen's catalogue: its words are a copy,
// held here to the catalogue's, so the file says what the screen's list of refused rows says.

const key = (reason: string) => reason.replace(/^dmsImport\./, '') as keyof typeof en.reasons.dmsImport;

describe("the refused rows' workbook words", () => {
  test.each(DMS_ROW_REASONS)('%s reads as the catalogue has it, in both languages', (reason) => {
    expect(reasonWords(reason, 'en')).toBe(en.reasons.dmsImport[key(reason)]);
    expect(reasonWords(reason, 'zh-CN')).toBe(zhCN.reasons.dmsImport[key(reason)]);
  });

  test("the row and reason columns are titled as the screen's list titles them", () => {
    expect([titleWords('line', 'en'), titleWords('reason', 'en')]).toEqual([
      en.dmsImport.refused.line,
      en.dmsImport.refused.reason,
    ]);
    expect([titleWords('line', 'zh-CN'), titleWords('reason', 'zh-CN')]).toEqual([
      zhCN.dmsImport.refused.line,
      zhCN.dmsImport.refused.reason,
    ]);
  });
});
