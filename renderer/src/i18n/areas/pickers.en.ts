/** The desk's own date, time and file widgets (renderer/src/ui/DateField.tsx, FileButton.tsx). */
export const pickers = {
  datePlaceholder: 'YYYY-MM-DD',
  dateTimePlaceholder: 'YYYY-MM-DD HH:mm',
  openCalendar: 'Open the calendar',
  calendar: 'Calendar',
  time: 'Time',
  today: 'Today',
  clear: 'Clear',
  close: 'Close',
  chooseFile: 'Choose file…',
  chooseFiles: 'Choose files…',
  noFile: 'No file chosen',
  filesChosen_one: '{{count}} file: {{names}}',
  filesChosen_other: '{{count}} files: {{names}}',
};
