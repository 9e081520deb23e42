/** Chinese (zh-CN) texts of the follow-up queue: their own section, their field labels, their refusal reasons. */
export const text = {
  noCalls: '暂无到期的回访电话。',
  noLetters: '暂无需要发送的短信或信函。',
  nav: '回访',
  title: '客户回访',
  statuses: {
    open: '待回访',
    done: '已完成',
    sent: '已发送',
  },
  tabs: {
    queue: '回访电话',
    letters: '短信/信函',
  },
  dueFilters: {
    today: '今日到期',
    overdue: '已逾期',
    all: '全部到期',
  },
  allKinds: '全部类型',
  kindFilter: '类型',
  dueFilter: '到期',
  generated_one: '今日新增 {{count}} 条流失客户回访或保养提醒。',
  generated_other: '今日新增 {{count}} 条流失客户回访或保养提醒。',
  columns: {
    dueDay: '到期日',
    kind: '类型',
    customer: '客户',
    phone: '电话',
    plate: '车牌',
    ro: '委托书',
    advisor: '服务顾问',
    attempts: '拨打次数',
    address: '地址',
  },
  open: '回访',
  lettersHint: '拨打五次仍未联系上的客户：请发送短信或信函，发送后标记为已发送。',
  markSent: '标记已发送',
  noAddress: '未登记地址',
  surveyTemplate: '问卷模板',
  call: {
    back: '返回回访列表',
    script: '回访话术',
    customer: '客户',
    phone: '电话',
    noPhone: '未登记电话',
    due: '到期',
    attemptsSoFar_one: '已拨打 {{count}} 次，其中未接通 {{failed}} 次',
    attemptsSoFar_other: '已拨打 {{count}} 次，其中未接通 {{failed}} 次',
    repairOrder: '委托书 {{number}}',
    advisor: '服务顾问',
    technicians: '维修技师',
    deliveredAt: '交车时间',
    work: '维修内容',
    concern: '客户描述',
    correction: '维修措施',
    technician: '技师',
    declined: '尚未处理的建议维修项目',
    attempts: '拨打记录',
    noWork: '该工单没有作业。',
    noAttempts: '尚无拨打记录。',
    at: '时间',
    by: '回访人',
    callBackAt: '约定 {{at}} 回电',
    recordAttempt: '登记本次回访',
    saveAttempt: '保存拨打记录',
    closed: '已由{{name}}于{{at}}关闭。',
    onLetterList: '多次拨打未能联系上客户，该任务已转入短信/信函清单。',
    surveyFirst: '请先与客户完成问卷，再将本次回访登记为已完成。',
  },
  kinds: {
    csi_call: '满意度回访',
    lapsed: '流失客户回访',
    maintenance_reminder: '保养提醒',
    campaign: '召回/服务活动',
  },
  channels: {
    call: '电话',
    sms_letter: '短信/信函',
  },
  outcomes: {
    no_answer: '无人接听',
    call_back: '约定稍后回电',
    wrong_number: '号码错误',
    done: '已完成',
  },
  dueReasons: {
    date: '按时间到期',
    mileage: '按里程到期（估算）',
  },
  /** Call scripts by scriptKey; the parameters come with each task. */
  scripts: {
    campaign:
      '您好，请问是{{customerName}}吗？这里是售后服务部。厂家对您的{{makeModel}}（{{plate}}）有一项召回或服务活动，维修免费。需要帮您预约进厂时间吗？',
    csiCall:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）于{{deliveredDay}}由服务顾问{{advisorName}}交车，委托书号{{roNumber}}。想占用您两分钟时间，了解一下您对这次服务是否满意？',
    csiCallDeclined_one: '上次进厂时还有{{count}}项建议维修暂未进行：{{declinedWork}}。需要帮您预约处理吗？',
    csiCallDeclined_other: '上次进厂时还有{{count}}项建议维修暂未进行：{{declinedWork}}。需要帮您预约处理吗？',
    lapsed:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）自{{lastVisitDay}}以来还没有回厂，车辆使用一切正常吗？需要帮您预约下次保养吗？',
    maintenanceReminder:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）预计在{{dueDay}}前后需要保养，需要帮您预约吗？',
    maintenanceReminderDeclined_one: '上次暂缓的{{count}}项维修也可以一并处理：{{declinedWork}}。',
    maintenanceReminderDeclined_other: '上次暂缓的{{count}}项维修也可以一并处理：{{declinedWork}}。',
  },
};

export const fields = {
  taskId: '回访任务',
  outcome: '回访结果',
  callBackAt: '回电时间',
  asOf: '统计日期',
};

export const reasons = {
  followup: {
    ownRo: '您是这张委托书的服务顾问，请由其他同事回访',
    closed: '该回访任务已关闭',
    notCall: '该任务已转入短信/信函清单',
    notLetter: '该任务不在短信/信函清单中',
    noConsent: '客户未同意接受联系',
    callBackAtRequired: '请填写回电时间',
    callBackPast: '必须晚于当前时间',
  },
};
