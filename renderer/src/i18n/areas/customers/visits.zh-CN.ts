import type * as en from './visits.en';

/** 客户档案的历史：到店记录、拒修项目、投诉与回访评分。 */
export const text: typeof en.text = {
  openTitle: '在修工单',
  pastTitle: '到店记录',
  declinedTitle: '拒修项目',
  complaintsTitle: '投诉',
  columns: {
    complaint: '投诉单号',
    number: '工单',
    opened: '开单时间',
    promised: '承诺交车',
    vehicle: '车辆',
    mileage: '里程',
    concerns: '客户陈述',
    advisor: '服务顾问',
    status: '状态',
    total: '合计',
    survey: '回访',
    declinedOn: '拒修日期',
    concern: '项目',
    recorded: '登记时间',
    level: '级别',
    customerSays: '客户反映',
    nextStep: '下一步',
  },
  moreConcerns_one: '另有 {{count}} 项',
  moreConcerns_other: '另有 {{count}} 项',
  surveyScore: 'CSI {{csi}} · 推荐 {{recommend}}',
  surveyCsiOnly: 'CSI {{csi}}',
  surveyDissatisfied: '不满意',
  noSurvey: '—',
  declinedStatus: {
    open: '待再次推荐',
    taken: '已在后续工单完成',
    dismissed: '不再推荐',
  },
};
