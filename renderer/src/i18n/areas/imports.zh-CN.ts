/** Chinese (zh-CN) texts the import screens share (the price file, the previous DMS's export): the file, its first rows, the mapping, progress. */
export const text = {
  uploading: '正在读取文件…',
  fileSummary: '{{fileName}}（{{format}}）',
  preview: '文件前几行',
  previewEmpty: '文件表头下没有数据行。',
  column: '第 {{letter}} 列',
  lineColumn: '行号',
  mapping: '列对应',
  mappingRemembered: '已沿用上次导入相同表头文件时的列对应。',
  mappingGuessed: '列对应是按列名推测的，导入前请核对。',
  noColumn: '— 文件中没有 —',
  columnOption: '{{letter}}：{{header}}',
  requiredLabel: '{{label}}（必选）',
  progressCount: '{{phase}}：{{done}} / {{total}} 行',
  progressRead: '{{phase}}：已处理 {{done}} 行',
};
