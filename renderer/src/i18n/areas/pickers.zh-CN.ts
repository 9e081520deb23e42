import type { pickers as en } from './pickers.en';

/** 桌面自己的日期、时间和文件控件（renderer/src/ui/DateField.tsx、FileButton.tsx）。 */
export const pickers: typeof en = {
  datePlaceholder: '年-月-日',
  dateTimePlaceholder: '年-月-日 时:分',
  openCalendar: '打开日历',
  calendar: '日历',
  time: '时间',
  today: '今天',
  clear: '清除',
  close: '关闭',
  chooseFile: '选择文件…',
  chooseFiles: '选择文件…',
  noFile: '未选择文件',
  filesChosen_one: '{{count}} 个文件：{{names}}',
  filesChosen_other: '{{count}} 个文件：{{names}}',
};
