import type * as en from './quality.en';

/** 简体中文：与英文同键。 */
export const text: typeof en.text = {
  title: '竣工检验',
  hint: '每个已批准项目的竣工终检，须由未参与该项目作业的人员检验。退回返工后委托书回到维修中。',
  noJobs: '暂无需检验的已批准项目。',
  jobOf: '项目 {{n}}：{{concern}}',
  technician: '维修技师：{{name}}',
  noTechnician: '未派工',
  notChecked: '尚未检验',
  ownWork: '您参与了该项目的作业，须由其他人员检验。',
  item: '检验项目',
  answers: { ok: '合格', not_ok: '不合格', na: '不适用' },
  results: { passed: '检验合格', returned: '退回返工' },
  pass: '检验合格',
  sendBack: '退回返工',
  checkAgain: '重新检验',
  allOk: '全部合格',
  noteHint: '退回返工时必填：写明需要整改的内容。',
  history: '检验记录',
  inspectedBy: '{{result}}：{{name}}，{{at}}',
  certificate: {
    title: '竣工出厂合格证',
    needed: '交车前必须签发：本委托书含二级维护或总成修理、整车修理项目。',
    notNeeded: '无需签发：没有二级维护、总成修理或整车修理项目。',
    waiting: '所有已批准项目竣工检验合格后方可签发。',
    issue: '签发合格证',
    issued: '合格证 {{number}}，由 {{name}} 于 {{at}} 签发',
    print: '打印合格证',
  },
  items: {
    common: {
      roadTest: '已路试，行驶正常',
      noWarningLights: '仪表无故障警示灯',
      noFluidLeaks: '无漏油、漏水、漏液',
      concernFixed: '客户反映的问题已排除',
      vehicleClean: '车辆内外清洁',
      toolsCoversRemoved: '工具及座椅套、翼子板布已撤除',
      oldPartsReturned: '客户要求时已交还旧件',
    },
    engine: {
      idleSmooth: '发动机怠速平稳',
      noAbnormalNoise: '发动机无异响',
      fluidLevels: '机油、冷却液液位正常',
    },
    transmission: {
      shiftQuality: '各挡位换挡平顺',
      fluidLevel: '变速箱油液位正常',
    },
    brakes: {
      pedalFeel: '制动踏板有力，制动不跑偏',
      noNoise: '制动无异响',
      fluidLevel: '制动液液位正常',
      wheelBoltsTorqued: '车轮螺栓已按规定力矩紧固',
    },
    suspension: {
      steeringCentred: '方向盘居中，行驶不跑偏',
      noKnocks: '过颠簸路面无异响',
      boltsTorqued: '悬架螺栓已按规定力矩紧固',
    },
    electrical: {
      lightsWork: '全车灯光工作正常',
      batteryCharging: '蓄电池充电正常',
      noFaultCodes: '无故障码',
    },
    ac: {
      outletTemperature: '出风口温度符合标准',
      noRefrigerantLeak: '无制冷剂泄漏',
    },
    body: {
      panelGaps: '钣金间隙均匀',
      paintFinish: '漆面颜色、光泽一致',
    },
    tyres: {
      pressures: '轮胎气压已调整',
      wheelBoltsTorqued: '车轮螺栓已按规定力矩紧固',
      balanced: '车轮已做动平衡，行驶无抖动',
    },
    maintenance: {
      oilLevel: '机油液位正常',
      serviceReminderReset: '保养提示已归零',
      filtersReplaced: '滤清器已按项目更换',
    },
    diagnostics: {
      faultCodesCleared: '维修后故障码已清除',
      reportGiven: '已附诊断报告',
    },
    ev: {
      insulationChecked: '高压绝缘已检测',
      hvSystemReady: '高压系统就绪，无报警',
    },
  },
  doc: {
    title: '机动车维修竣工出厂合格证',
    subtitle: 'Motor Vehicle Repair Completion Certificate',
    number: '合格证编号',
    categories: '维修类别',
    mileage: '行驶里程',
    inspector: '竣工检验',
    inspectedBy: '{{name}}，{{at}}',
    issuedAt: '签发日期',
    statement: '上述车辆经维修竣工检验合格，准予出厂。',
    guarantee: '维修质量保证期：{{category}}，自竣工出厂之日起 {{km}} 公里或 {{days}} 日，以先达到者为准。',
    inspectorSignature: '质量检验员',
    dealerStamp: '承修单位（盖章）',
    customerSignature: '托修方签字',
    date: '日期',
    none: '—',
    noCertificate: '本委托书尚未签发竣工出厂合格证。',
    categoryNames: {
      whole_vehicle_or_assembly: '整车修理或总成修理',
      level2_maintenance: '二级维护',
      level1_minor_special: '一级维护、小修及专项修理',
    },
  },
};

export const fields: typeof en.fields = {
  result: '检验结果',
  answers: '检验项目',
  repairOrderId: '委托书',
};

export const reasons: typeof en.reasons = {
  qc: {
    ownWork: '由您作业（已派工给您或您曾开工计时），须由其他人员检验',
    jobNotApproved: '客户未批准，无需检验',
    status: '仅在维修中或竣工检验阶段可检验（当前委托书状态：{{status}}）',
    notOkCannotPass: '有不合格项目时不能判定合格，请退回返工',
    noteRequired: '退回返工时必填，请写明需整改的内容',
    unanswered: '有未填写结论的项目',
    unknownItem: '包含不属于该项目检验单的条目',
    notPassed: '尚有项目未通过竣工检验（项目 {{jobs}}）',
  },
  certificate: {
    required: '交车前须签发竣工出厂合格证',
    notNeeded: '无需签发竣工出厂合格证：没有二级维护、总成修理或整车修理项目',
    alreadyIssued: '已签发竣工出厂合格证',
  },
};
