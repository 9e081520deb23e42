/** 退款（结算的子领域）的中文文本：本区文本、字段名、拒绝原因。 */
export const text = {
  title: '退款',
  none: '没有退款申请。',
  refunded: '已退款',
  netPaid: '实收（扣除退款）',
  ask: '申请退款',
  record: '登记退款',
  askHint: '退款针对某一笔收款，按原收款方式或现金退回；经理批准后方可退款。',
  recordHint: '经理登记的退款即时批准。',
  approve: '批准',
  refuse: '拒绝',
  refuseNote: '拒绝原因',
  payment: '{{at}} · {{method}} · {{amount}}',
  states: {
    requested: '待经理批准',
    approved: '已批准',
    refused: '已拒绝',
  },
  columns: {
    asked: '申请时间',
    payment: '原收款',
    method: '退款方式',
    amount: '金额',
    reason: '原因',
    state: '状态',
    decided: '审批',
  },
  doc: {
    title: '退款',
    note: '共退款 {{amount}}：同时冲减应付与已付，上方尚欠金额不变。',
  },
  decidedBy: '{{name}}，{{at}}',
};
export const fields = {
  paymentId: '原收款',
};
export const reasons = {
  refund: {
    tooMuch: '超过该笔收款可退余额 ¥{{left}}',
    method: '只能按原收款方式或现金退款',
    decided: '该退款已审批（{{state}}）',
  },
};
