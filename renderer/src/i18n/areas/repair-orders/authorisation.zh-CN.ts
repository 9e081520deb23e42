import type * as en from './authorisation.en';

/** 简体中文：与英文同键。 */
export const text: typeof en.text = {
  title: '客户授权',
  hint: '逐项向客户确认估价中的维修项目并记录答复；只有客户同意的项目才能开工。',
  noPending: '所有项目均已取得客户答复。之后追加的项目同样需要客户确认。',
  jobsLegend: '客户对各项目的答复',
  approve: '同意',
  decline: '拒绝',
  jobOf: '项目 {{n}}：{{concern}}',
  nowHint: '留空即为当前时间；电话确认可填今天较早的时间。',
  signatureLabel: '客户签名',
  signatureHint: '请客户用鼠标、手写笔或手指在框内签名。',
  clearSignature: '清除',
  signedOnPaperLabel: '客户已在纸质估价单上签字',
  record: '记录授权',
  recorded: '授权记录',
  noneRecorded: '尚无授权记录。',
  recordedBy: '{{name}} 于 {{at}} 记录',
  approvedTotal: '同意金额：{{amount}}',
  signatureOf: '{{name}} 的签名',
  signedOnPaper: '纸质签字',
  approvedMark: '同意',
  declinedMark: '拒绝',
  channels: {
    in_person: '当面',
    phone: '电话',
    wechat: '微信',
    sms: '短信',
    paper: '纸质估价单签字',
  },
  states: {
    pending: '待客户确认',
    approved: '客户已同意',
    declined: '客户已拒绝',
  },
  declined: {
    title: '以往未修项目',
    hint: '客户以前拒绝的维修项目，可再次向客户推荐。',
    from: '{{date}} 在委托书 {{number}} 中拒绝',
    addToRo: '加入本委托书',
    addToConcerns: '加入客户需求',
    doneElsewhere: '已在别处维修',
    dismiss: '不再推荐',
  },
};

export const fields: typeof en.fields = {
  customerName: '授权人',
  channel: '授权方式',
  authorisedAt: '授权时间',
  signaturePng: '签名',
  signedOnPaper: '纸质签字',
  decisions: '答复',
  decisions_jobId: '项目',
  decisions_decision: '答复',
  declinedWorkId: '未修项目',
};

export const reasons: typeof en.reasons = {
  signature: {
    required: '当面授权需要签名：请客户签名，或勾选“客户已在纸质估价单上签字”',
    paperRequired: '纸质估价单授权须勾选此项',
    inPersonOnly: '只有客户在前台当面时才能签名（请选择“当面”）',
    notPng: '不是签名图片',
    tooLarge: '过大（最多 {{max}} KB）：请清除后重新签名',
  },
  decision: {
    duplicate: '重复答复',
    alreadyApproved: '客户已同意过',
    alreadyDeclined: '客户已拒绝过',
  },
  authorisedAt: {
    notToday: '必须是今天',
    beforeOpened: '早于委托书开单时间',
  },
  authorisation: {
    pending: '还有项目未取得客户答复：请先记录客户授权',
    noneApproved: '客户未同意任何项目：没有可开工的项目',
  },
  declinedWork: {
    otherVehicle: '属于其他车辆',
    taken: '已加入委托书',
    dismissed: '已不再推荐',
  },
};
