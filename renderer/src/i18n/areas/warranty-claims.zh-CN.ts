/** 索赔的中文文本：本区的界面文字、字段名称与拒绝原因。 */
export const text = {
  nav: '索赔',
  title: '索赔管理',
  none: '没有索赔单。',
  statuses: {
    draft: '草稿',
    submitted: '已提交',
    accepted: '已受理',
    rejected: '已拒绝',
    corrected: '已更正',
    resubmitted: '已重新提交',
    partly_paid: '部分支付（核销待批准）',
    paid: '已支付',
  },
  ageBuckets: {
    d0_30: '0-30 天',
    d31_60: '31-60 天',
    d61_90: '61-90 天',
    d90_plus: '90 天以上',
  },
  oldPartReturn: {
    all: '所有旧件返回厂家',
    causal: '只返回主因件',
  },
};
export const fields = {
  claims: '索赔单',
  laborOps: '厂家工时代码',
  causalPartNumber: '主因件',
  failureCode: '故障代码',
  subletFen: '外包费',
  partAmounts: '配件金额',
  oldPartReturn: '旧件返回',
  submissionDays: '提交期限（天）',
};
export const reasons = {
  warrantyClaim: {
    exists: '该项目已有索赔单',
    notWarranty: '该项目不由保修支付',
    notApproved: '该项目未经批准',
    notDelivered: '委托书尚未交车',
    transition: '索赔单不能从{{from}}改为{{to}}',
    notEditable: '索赔单只有在草稿或被拒绝后才能修改（当前：{{status}}）',
    oldPartUntagged: '索赔单 {{claim}}：{{parts}} 的旧件须返回厂家，但尚未挂旧件标签',
    notOutstanding: '该索赔单不在等待厂家答复（当前：{{status}}）',
    overpaid: '支付金额超过索赔金额',
    nothingPaid: '未支付任何金额：请改为记录拒绝及其原因',
    uploadMissing: '上传的文件已失效，请重新选择文件',
    settlementColumnMissing: '结算文件缺少 {{column}} 列',
    settlementUnreadable: '结算文件不是 CSV 或 XLSX 文件',
    settlementEmpty: '结算文件是空的',
    settlementStatus: '状态既不是已支付也不是拒绝',
    settlementAmount: '金额不是以元为单位的数字',
    settlementReason: '拒绝须写明厂家的原因',
    settlementDuplicate: '该索赔单在文件中出现两次',
    unknown: '没有此编号的索赔单',
  },
};
