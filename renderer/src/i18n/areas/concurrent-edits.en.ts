/** English texts of the stale-version notice (two desks edited the same record): its own section only. */
export const text = {
  things: {
    customer: 'customer file',
    part: 'part',
    repairOrder: 'RO',
  },
  saved: 'Someone else saved this {{thing}} at {{time}}.',
  savedBy: 'Someone else saved this {{thing}} at {{time}} ({{name}}).',
  change: '{{field}}: {{from}} → {{to}}',
  jobField: 'Job {{n}} · {{field}}',
  empty: '(empty)',
  yes: 'yes',
  no: 'no',
  noFieldChanged: 'None of the fields shown here changed.',
  notSaved: 'Your changes were not saved.',
  reload: 'Reload their version',
  overwrite: 'Keep my changes and save over it',
  fields: {
    lines: 'Lines',
    totalFen: 'Total',
  },
};

export const fields = {};

export const reasons = {};
