/** English texts of the start-up screen shown while the core opens or upgrades the database. */
export const text = {
  opening: 'Opening the database…',
  upgrading: 'Upgrading the database',
  explain:
    'BayDesk is preparing this dealership’s data for the new version. This happens once; please wait, the work is kept if the computer stops.',
  phase: {
    open: 'Opening',
    copy: 'Keeping a copy of the file before the upgrade',
    schema: 'Updating the structure',
    backfill: 'Filling indexes and summaries from history',
    optimize: 'Refreshing statistics',
  },
  step: '{{migration}}: {{done}} of {{total}}',
};

export const reasons = {
  startup: {
    upgrading: 'BayDesk is still upgrading the database. Please wait a moment.',
  },
};
