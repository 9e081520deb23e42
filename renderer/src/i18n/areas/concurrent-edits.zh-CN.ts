/** 两个工位同时修改同一记录时的提示文字（版本冲突）。 */
export const text = {
  things: {
    customer: '客户档案',
    part: '配件',
    repairOrder: '委托书',
  },
  saved: '其他人已于 {{time}} 保存了此{{thing}}。',
  savedBy: '{{name}} 已于 {{time}} 保存了此{{thing}}。',
  change: '{{field}}：{{from}} → {{to}}',
  jobField: '项目 {{n}} · {{field}}',
  empty: '（空）',
  yes: '是',
  no: '否',
  noFieldChanged: '此处显示的字段均未改动。',
  notSaved: '您的修改尚未保存。',
  reload: '载入对方的版本',
  overwrite: '保留我的修改并覆盖保存',
  fields: {
    lines: '项目明细',
    totalFen: '合计',
  },
};

export const fields = {};

export const reasons = {};
