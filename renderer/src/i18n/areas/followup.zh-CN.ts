/** Chinese (zh-CN) texts of the follow-up queue: their own section, their field labels, their refusal reasons. */
export const text = {
  kinds: {
    csi_call: '满意度回访',
    lapsed: '流失客户回访',
    maintenance_reminder: '保养提醒',
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
    csiCall:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）于{{deliveredDay}}由服务顾问{{advisorName}}交车，委托书号{{roNumber}}。想占用您两分钟时间，了解一下您对这次服务是否满意？',
    csiCallDeclined: '上次进厂时还有{{declinedCount}}项建议维修暂未进行：{{declinedWork}}。需要帮您预约处理吗？',
    lapsed:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）自{{lastVisitDay}}以来还没有回厂，车辆使用一切正常吗？需要帮您预约下次保养吗？',
    maintenanceReminder:
      '您好，请问是{{customerName}}吗？这里是售后服务部。您的{{makeModel}}（{{plate}}）预计在{{dueDay}}前后需要保养，需要帮您预约吗？',
    maintenanceReminderDeclined: '上次暂缓的{{declinedCount}}项维修也可以一并处理：{{declinedWork}}。',
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
