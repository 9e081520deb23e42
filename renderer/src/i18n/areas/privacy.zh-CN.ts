/** 个人信息（《个人信息保护法》）：同意记录、个人信息导出、应客户要求删除。 */
export const text = {
  title: '个人信息',
  history: '同意记录',
  noHistory: '尚无同意记录。',
  when: '时间',
  change: '变更',
  by: '记录人',
  method: '方式',
  granted: '同意',
  withdrawn: '撤回',
  grant: '客户同意',
  withdraw: '客户撤回同意',
  recordConsent: '登记同意变更',
  saveConsent: '登记',
  purposes: {
    contact: '联系（回访、提醒）',
  },
  methods: {
    paper: '纸质签字',
    verbal: '前台口头',
    phone: '电话',
    form: '客户资料表',
    earlier: '启用记录之前',
    erasure: '应要求删除档案',
  },
  export: '导出个人信息',
  exporting: '正在导出…',
  erase: '应要求删除',
  eraseWarning:
    '删除后，{{name}} 的姓名、电话、邮箱、地址和备注将被永久清除，并撤回联系同意。委托书及收款记录按法定期限（三包：6 年）以匿名名称保留。',
  confirmNameLabel: '请输入客户姓名以确认：{{name}}',
  reasonLabel: '客户请求（何时、以何种方式提出）',
  eraseConfirm: '删除个人信息',
  erased: '已于 {{date}} 应客户要求删除个人信息。维修记录按法定期限保留。',
};

export const fields = {
  confirmName: '客户姓名（确认）',
};

export const reasons = {
  privacy: {
    erased: '该客户的个人信息已删除，档案不能再登记任何信息。',
    confirmName: '输入的姓名与客户姓名不完全一致。',
    openRepairOrder_one: '该客户还有 {{count}} 张未结委托书：请先结算或取消后再删除。',
    openRepairOrder_other: '该客户还有 {{count}} 张未结委托书：请先结算或取消后再删除。',
  },
};
