/** 登录锁定与会话结束的中文文本：本区文字、字段名、拒绝原因。 */
export const text = {
  locked: '已锁定至 {{time}}',
  unlock: '解锁',
};

export const fields = {
  currentPassword: '当前密码',
  newPassword: '新密码',
};

export const reasons = {
  lockout: {
    until: '尝试次数过多，请在 {{time}} 之后再试。',
  },
  password: {
    wrong: '与当前密码不符',
    common: '是最常用的密码之一，请另选一个（几个不相关的词组合起来就很好）',
    personal: '与用户名或姓名过于相近，请另选一个',
    guessable: '太容易被猜到，请加长，例如用几个不相关的词组合',
  },
};
