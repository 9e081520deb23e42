import type { reasons as en } from './text-characters.en';

/** 文本中含有看不见的字符（见 shared/domain/invisible-characters.ts），以及只能看到隐藏电话号码的角色按电话查找时的原因。 */
export const reasons: typeof en = {
  text: {
    invisibleCharacters: '含有看不见的字符或控制字符（{{char}}），会在屏幕和打印件上掩盖真实内容：请删除',
    lineBreak: '只能填写一行（不能换行或含制表符）',
  },
  phoneMasked: {
    search: '您的角色只能看到隐藏中间位的电话号码，不能按电话搜索、筛选或排序',
  },
};
