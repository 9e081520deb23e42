import type * as en from './reports.en';

/** 简体中文：与英文同键。 */
export const text: typeof en.text = {};
export const fields: typeof en.fields = {};
export const reasons: typeof en.reasons = {};
