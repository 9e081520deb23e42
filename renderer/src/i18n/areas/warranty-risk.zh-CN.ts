/** Chinese texts of the 三包 risk radar: its own section, its field labels, its refusal reasons. */
export const text = {
  none: '没有三包预警车辆',
  nav: '三包预警',
  title: '三包预警',
  bannerTitle: '三包风险提示',
  period: '三包期：{{start}} 至 {{end}}，或行驶 {{km}} 公里以内（以先到者为准）',
  mileage: '当前里程 {{km}} 公里',
  levels: {
    warning: '预警',
    reached: '已达三包条件',
  },
  signals: {
    sameFault: {
      warning_one: '{{group}} {{count}} 次维修（第 5 次将触发退换车）',
      warning_other: '{{group}} {{count}} 次维修（第 5 次将触发退换车）',
      reached_one: '{{group}} {{count}} 次维修（已超过 4 次，已达退换车条件）',
      reached_other: '{{group}} {{count}} 次维修（已超过 4 次，已达退换车条件）',
    },
    safety: {
      warning: '{{group}}（严重安全性能故障）第 {{visits}} 次进厂，已修 {{repairs}} 次（修理 2 次仍未排除将触发退换车）',
      reached: '{{group}}（严重安全性能故障）修理 {{repairs}} 次仍未排除，第 {{visits}} 次进厂（已达退换车条件）',
    },
    mainPart: {
      warning_one: '{{part}}主要零件已更换 {{count}} 次（再次更换将触发退换车）',
      warning_other: '{{part}}主要零件已更换 {{count}} 次（再次更换将触发退换车）',
      reached_one: '{{part}}主要零件已更换 {{count}} 次（已达退换车条件）',
      reached_other: '{{part}}主要零件已更换 {{count}} 次（已达退换车条件）',
    },
    repairDays: {
      warning: '累计维修 {{days}} 天（超过 30 天将触发退换车）',
      reached: '累计维修 {{days}} 天（已超过 30 天，已达退换车条件）',
    },
    longRepairOpen: {
      warning: '委托书 {{number}} 已在修 {{days}} 天（超过 5 天须提供备用车或交通费用补偿）',
      reached: '委托书 {{number}} 已在修 {{days}} 天：须提供备用车或交通费用补偿',
    },
    longRepairDone: '委托书 {{number}} 单次维修 {{days}} 天（超过 5 天，应提供备用车或交通费用补偿）',
  },
  outside: {
    noInvoiceDate: '未录入购车发票日期：不在三包预警范围内（请在车辆资料中补录）',
    notStarted: '购车发票日期在今天之后：三包期尚未开始',
    expiredByDate: '三包期已于 {{end}} 结束：不再预警',
    expiredByKm: '行驶里程已超过 {{km}} 公里，三包期已结束：不再预警',
  },
  partKinds: {
    engine: '发动机',
    transmission: '变速器',
    steering: '转向系统',
    brakes: '制动系统',
    suspension: '悬架系统',
    axle: '前/后桥',
    body: '车身',
    traction_battery: '动力蓄电池',
    drive_motor: '驱动电机',
  },
  repairOrders: '相关委托书',
  rule: '按《家用汽车产品修理更换退货责任规定》：三包期自开票日起 2 年或 5 万公里。同一故障（同一维修类别，不含保养、诊断、其他）第 4 次维修预警、第 5 次达到条件；制动、悬架及转向、新能源高压系统属严重安全性能故障，第 2 次进厂预警，修理 2 次后再次进厂即达到条件；同一主要零件更换 1 次预警、2 次达到条件；累计维修天数（进厂当天起按日历天计）达 25 天预警、超过 30 天达到条件；在修委托书第 4 天预警，超过 5 天须提供备用车或交通费用补偿。',
  columns: {
    vehicle: '车辆',
    level: '级别',
    signals: '预警内容',
    periodEnd: '三包期至',
  },
  reachedOnly: '只看已达三包条件的车辆',
  mainPart: {
    title: '三包主要零件',
    hint: '标记为主要零件后，同一车辆三包期内更换 2 次即触发退换车预警。',
    none: '不是主要零件',
    save: '保存',
  },
};

export const fields = {
  mainPartKind: '主要零件类别',
};

export const reasons = {};
