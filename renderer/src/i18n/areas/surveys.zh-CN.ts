/** Chinese (zh-CN) texts of survey templates, answers, CSI and NPS: their own section, their field labels, their refusal reasons. */
export const text = {
  scales: {
    scale_1_10: '1-10 分',
    recommend_0_10: '推荐意愿 0-10 分',
    yes_no: '是 / 否',
    text: '文字意见',
  },
  factors: {
    service_initiation: '服务启动',
    service_advisor: '服务顾问',
    service_facility: '服务设施',
    vehicle_pickup: '车辆交付',
    service_quality: '服务质量',
  },
  groupings: {
    none: '仅合计',
    advisor: '按服务顾问',
    technician: '按维修技师',
    factor: '按因子',
    question: '按问题',
  },
  /** Stated on every CSI figure. */
  convention:
    '因子得分 = 该因子 1-10 分题目的平均分 × 100；CSI = Σ 权重 × 因子得分（千分制）；未回答的题目不计入。NPS = 推荐题 9-10 分占比 − 0-6 分占比。',
};

export const fields = {
  questions: '问题',
  questions_textZh: '问题（中文）',
  questions_textEn: '问题（英文）',
  questions_scale: '评分方式',
  questions_factor: '因子',
  questions_required: '必答',
  weights: '因子权重',
  weights_service_initiation: '服务启动权重',
  weights_service_advisor: '服务顾问权重',
  weights_service_facility: '服务设施权重',
  weights_vehicle_pickup: '车辆交付权重',
  weights_service_quality: '服务质量权重',
  answers_questionId: '问题',
  answers_value: '回答',
  followUpTaskId: '回访任务',
  groupBy: '分组方式',
};

export const reasons = {
  survey: {
    weightsSum: '合计必须为 100%（当前为 {{sum}}%）',
    factorWithoutQuestion: '设置了权重，但没有对应的 1-10 分题目',
    factorNeedsScale: '只能设置在 1-10 分题目上',
    recommendMissing: '需要一道“是否愿意推荐本店”（0-10 分）题目，用于计算 NPS',
    recommendTwice: '推荐意愿题只能有一道',
    notDelivered: '车辆交车（已交车或已结案）后才能登记回访问卷。',
    ownRo: '您是该委托书的服务顾问，请由其他同事进行回访。',
    alreadyAnswered: '该委托书已有回访问卷。',
    taskMismatch: '不是该委托书的回访任务',
    unknownQuestion: '不是当前问卷中的问题，请重新加载问卷',
    duplicateAnswer: '重复回答',
    outOfScale: '必须是 {{min}} 到 {{max}} 之间的整数',
    yesNo: '必须选择是或否',
    text: '必须是文字，最多 2000 个字符',
    answerRequired: '第 {{position}} 题必须回答。',
  },
};
