/** English texts the import screens share (the price file, the previous DMS's export): the file, its first rows, the mapping, progress. */
export const text = {
  uploading: 'Reading the file…',
  fileSummary: '{{fileName}} ({{format}})',
  preview: 'First rows of the file',
  previewEmpty: 'The file has no rows under its header.',
  column: 'Column {{letter}}',
  lineColumn: 'Line',
  mapping: 'Column mapping',
  mappingRemembered: 'Mapping remembered from the last import of a file with this header.',
  mappingGuessed: 'Mapping guessed from the column names: check it before importing.',
  noColumn: '— not in the file —',
  columnOption: '{{letter}}: {{header}}',
  requiredLabel: '{{label}} (required)',
  progressCount: '{{phase}}: {{done}} / {{total}} lines',
  progressRead: '{{phase}}: {{done}} lines so far',
};
