/** 启动画面：核心打开或升级数据库期间显示。 */
export const text = {
  opening: '正在打开数据库…',
  upgrading: '正在升级数据库',
  explain: 'BayDesk 正在为新版本整理本店数据，只需一次；请稍候。电脑中途停止也不会丢失已完成的部分。',
  phase: {
    open: '正在打开',
    copy: '升级前先保留一份数据库副本',
    schema: '正在更新结构',
    backfill: '正在根据历史数据建立索引和汇总',
    optimize: '正在刷新统计信息',
  },
  step: '{{migration}}：{{done}} / {{total}}',
};

export const reasons = {
  startup: {
    upgrading: 'BayDesk 仍在升级数据库，请稍候。',
  },
};
