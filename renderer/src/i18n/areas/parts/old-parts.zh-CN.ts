/** Chinese (zh-CN) texts of warranty old parts: their own section, their field labels, their refusal reasons. */
export const text = {
  tab: '旧件',
  todo: '待挂牌的索赔旧件',
  todoHint: '索赔（保修）项目中尚未挂旧件牌的配件行，已发料的排在前面。主机厂要求旧件保留至索赔结算：请挂牌并放到旧件架上。',
  tag: '旧件挂牌',
  tagFor: '为 {{partNumber}} 的旧件挂牌',
  locationExample: '如 旧件架 W-2',
  held: '旧件',
  show: '显示',
  views: {
    stillHeld: '在库旧件',
    all: '全部',
    held: '待索赔结算',
    claim_settled: '索赔已结算',
    returned: '已返还',
    scrapped: '已报废',
  },
  statuses: {
    held: '保管中（索赔未结）',
    claim_settled: '索赔已结算',
    returned: '已返还主机厂',
    scrapped: '已报废',
  },
  search: '旧件牌号、委托书号、车牌、零件号或索赔单号',
  columns: {
    tag: '旧件牌号',
    ro: '委托书',
    plate: '车牌',
    job: '维修项目',
    part: '配件',
    qty: '数量',
    issued: '已发料',
    claim: '索赔单号',
    location: '存放位置',
    status: '状态',
    age: '保管天数',
  },
  days_one: '{{count}} 天',
  days_other: '{{count}} 天',
  settle: '索赔已结算',
  dispose: '返还或报废',
  noteExample: '如 快递单号',
};
export const fields = {
  location: '存放位置',
  claimNumber: '索赔单号',
  disposition: '返还或报废',
};
export const reasons = {
  oldPart: {
    notWarranty: '该项目不由保修支付：只有索赔项目才需保留旧件',
    roCancelled: '委托书已取消',
    alreadyTagged: '该配件行的旧件已挂牌（{{tag}}）',
    notHeld: '旧件 {{tag}} 已不在待索赔结算状态',
    notSettled: '旧件 {{tag}} 须在索赔结算后才能返还或报废，且只能处理一次',
  },
};
