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
  desk: {
    unpaired: '此电脑尚未与 BayDesk 服务器配对：请在服务器的“设置 → 工作站”中生成配对码，在此输入。',
    revoked: '此电脑的配对已被经理撤销：请用新的配对码重新配对。',
    codeFormat: '应为 6 位数字',
    codeInvalid: '配对码错误、已使用或已过期',
    pairingLocked: '配对码错误次数过多，配对已锁定至 {{time}}。',
  },
  password: {
    wrong: '与当前密码不符',
    common: '是最常用的密码之一，请另选一个（几个不相关的词组合起来就很好）',
    personal: '与用户名或姓名过于相近，请另选一个',
    guessable: '太容易被猜到，请加长，例如用几个不相关的词组合',
  },
};
