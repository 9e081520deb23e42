/** 备份页面和“最近一次有效备份”提示的中文文本：本区的文本、字段名和拒绝原因。 */
export const text = {
  title: '数据备份',
  open: '数据备份',
  hint: 'BayDesk 每天自动备份一次数据库，备份时各岗位可照常工作；备份文件存放在数据库旁的 backups 文件夹中，每份备份都会校验。保留最近 7 天的每日备份、最近 4 周每周一份、最近 12 个月每月一份，以及最近 10 份手动备份和最近 5 份恢复前备份。',
  lastGood: '最近一次有效备份：{{time}}（{{hours}} 小时前）',
  none: '最近一次有效备份：暂无',
  backUpNow: '立即备份',
  made: '备份 {{name}} 已完成并通过校验。',
  madeBad: '备份 {{name}} 已生成，但校验未通过：{{problem}}',
  empty: '暂无备份。',
  folder: '位置：数据库文件旁的 backups 文件夹',
  columns: {
    time: '备份时间',
    kind: '类型',
    name: '文件',
    size: '大小',
    check: '校验',
    origin: '来源',
  },
  size: '{{mb}} MB',
  kinds: {
    daily: '每日自动',
    manual: '手动',
    'before-restore': '恢复前',
  },
  check: {
    ok: '正常',
    failed: '未通过：{{problem}}',
    unchecked: '尚未校验',
  },
  origins: {
    ours: '本机生成',
    elsewhere: '外来文件',
  },
  problems: {
    missing: '文件不存在',
    corrupt: '文件已损坏或不是 BayDesk 数据库',
    noSchema: '文件中没有 BayDesk 数据',
    tooNew: '由更新版本的 BayDesk 生成',
  },
  restore: '恢复',
  restoreAria: '恢复 {{name}}',
  restoreQuestion: '将数据恢复到 {{time}} 的状态？此后录入的内容将被移出（另存为恢复前备份），所有岗位需重新登录。',
  restoreYes: '确认恢复',
  elsewhereHint:
    '此文件没有本机 BayDesk 的签名记录：可能是手工复制进文件夹的，或是在备份签名启用之前记录的。恢复需由系统管理员输入其密码，恢复操作将记入审计日志。',
  adminPassword: '系统管理员密码',
  restoreNo: '取消',
};

export const fields = {
  confirm: '确认',
  adminPassword: '系统管理员密码',
};

export const reasons = {
  backup: {
    name: '不是有效的备份文件名',
    confirm: '恢复前须确认',
    missing: '备份文件不存在',
    corrupt: '备份文件已损坏或不是 BayDesk 数据库，未做任何更改',
    noSchema: '备份文件中没有 BayDesk 数据，未做任何更改',
    tooNew: '该备份由更新版本的 BayDesk 生成，未做任何更改',
    failed: '无法写入备份（磁盘是否已满？）',
    beforeRestoreFailed: '无法先备份当前数据，未执行恢复',
    restoreFailed: '恢复失败，数据保持恢复前的状态',
    tampered: '备份文件在 BayDesk 生成后被改动过，未做任何更改',
    adminPasswordRequired: '此备份来自外部，须由系统管理员输入其密码',
    adminPasswordWrong: '不是在用系统管理员的密码，未做任何更改',
  },
};
