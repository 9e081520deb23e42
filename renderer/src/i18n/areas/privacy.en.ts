/** English texts of personal data (PIPL) on the customer page: consent history, export, erasure on request. */
export const text = {
  title: 'Personal data',
  history: 'Consent history',
  noHistory: 'No consent recorded yet.',
  when: 'When',
  change: 'Change',
  by: 'Recorded by',
  method: 'How',
  granted: 'given',
  withdrawn: 'withdrawn',
  grant: 'Consent given',
  withdraw: 'Consent withdrawn',
  recordConsent: 'Record a consent change',
  saveConsent: 'Record',
  purposes: {
    contact: 'Contact (follow-up calls, reminders)',
  },
  methods: {
    paper: 'Signed on paper',
    verbal: 'Said at the desk',
    phone: 'On the phone',
    form: 'Customer form',
    earlier: 'Before the history was kept',
    erasure: 'File erased on request',
  },
  export: 'Export personal data',
  exporting: 'Exporting…',
  erase: 'Erase on request',
  eraseWarning:
    'Erasing removes {{name}}’s name, phones, e-mail, address and notes for good, and withdraws consent. Repair orders and payments are kept for the legal period (三包: 6 years) under an anonymous name.',
  confirmNameLabel: 'Type the customer’s name to confirm: {{name}}',
  reasonLabel: 'Request (when and how the customer asked)',
  eraseConfirm: 'Erase personal data',
  erased: 'Personal data erased on request on {{date}}. Repair records are kept for the legal period.',
};

export const fields = {
  confirmName: 'Customer name (confirmation)',
};

export const reasons = {
  privacy: {
    erased: 'This customer’s personal data was erased: nothing more can be recorded on the file.',
    confirmName: 'The name does not match the customer’s name exactly.',
    openRepairOrder_one: 'The customer has {{count}} repair order not closed yet: close or cancel it before erasing.',
    openRepairOrder_other: 'The customer has {{count}} repair orders not closed yet: close or cancel them before erasing.',
  },
};
