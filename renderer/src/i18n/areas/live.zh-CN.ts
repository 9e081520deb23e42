import type * as en from './live.en';

/** 简体中文：与英文同键。 */
export const text: typeof en.text = {
  status: {
    connecting: '正在连接…',
    live: '实时',
    reconnecting: '正在重连…',
  },
  name: {
    connecting: '其他工位的更新：正在连接',
    live: '其他工位的更新：实时',
    reconnecting: '其他工位的更新：正在重连',
  },
  hint: {
    connecting: '正在连接服务核心，以接收其他工位的改动。',
    live: '其他工位有改动时，页面会自动刷新。',
    reconnecting: '与服务核心的连接已断开，正在重试。恢复后页面会自动补齐。',
  },
};
export const fields: typeof en.fields = {};
export const reasons: typeof en.reasons = {};
