import type * as en from './part-supply.en';

/** 配件供应（委托书配件行、配件发料台）的中文文本。 */
export const text: typeof en.text = {
  badge: {
    reserved: '已预留 {{qty}}',
    toOrder: '待订货 {{qty}}',
    expected: '预计 {{date}}',
    issued: '已发料 {{qty}}',
    nonStock: '非库存件',
  },
  line: {
    looking: '正在查询零件号…',
    notInMaster: '配件主数据中没有此零件号：按非库存件录入，请填写名称和单价。',
    superseded: '{{from}} 已被替代：将使用替代件 {{to}}。',
    replaced: '{{from}} 已由替代件 {{to}} 代替。',
    price: '建议零售价 {{price}}',
    available: '可用 {{qty}}',
    willOrder: '其中 {{qty}} 将转为待订货。',
    retired: '此配件已停用，不能加入委托书。',
  },
  counter: {
    none: '没有符合条件的配件行。',
    tab: '配件发料台',
    title: '配件发料台',
    search: '委托书号或车牌',
    state: '显示',
    states: {
      open: '待发料或待订货',
      to_issue: '待发料',
      to_order: '待订货',
      issued: '已发料（退料）',
    },
    columns: {
      ro: '委托书',
      plate: '车牌',
      advisor: '服务顾问',
      promised: '承诺交车',
      part: '零件号',
      name: '名称',
      bin: '库位',
      qty: '数量',
      reserved: '已预留',
      toOrder: '待订货',
      issued: '已发料',
      expected: '预计到货',
      actions: '操作',
    },
    issue: '发料',
    issueTitle: '将 {{part}} 发料给 {{ro}}',
    return: '退料',
    returnTitle: '从 {{ro}} 退回 {{part}}',
    expected: '预计到货日期',
    expectedTitle: '{{ro}} 的 {{part}} 预计到货时间',
    saveExpected: '保存日期',
    unknown: '未知',
  },
};
export const fields: typeof en.fields = {
  expectedAt: '预计到货日期',
};
export const reasons: typeof en.reasons = {
  parts: {
    issuedNotReturned: '已有 {{qty}} 件发料给技师，请先在配件发料台办理退料',
    stillToOrder: '仍有配件待订货（{{parts}}），配件未到不能交车',
    nothingReserved: '此配件行没有预留库存',
    moreThanReserved: '此配件行仅预留了 {{qty}}',
    moreThanIssued: '此配件行仅发料 {{qty}}',
    returnAfterPayment: '此委托书已收款，不能再退料',
    nothingToOrder: '此配件行已没有待订货数量',
    nonStock: '是非库存件，无预留也无需发料',
    partRetired: '{{partNumber}} 已停用，不能加入委托书',
  },
};
