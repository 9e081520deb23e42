/** English texts of the authorisation screens: their own section, their field labels, their refusal reasons. */
export const text = {
  title: 'Customer authorisation',
  hint: 'Ask the customer about each job of the estimate and record the answer; work starts only on approved jobs.',
  noPending: 'Every job has the customer’s answer. A job added later is asked for the same way.',
  jobsLegend: 'The customer’s answer per job',
  approve: 'Approve',
  decline: 'Decline',
  jobOf: 'Job {{n}}: {{concern}}',
  nowHint: 'Leave empty for now; an earlier time today for a call.',
  signatureLabel: 'Customer signature',
  signatureHint: 'The customer signs in the box with the mouse, a pen or a finger.',
  clearSignature: 'Clear',
  signedOnPaperLabel: 'The customer signed the printed estimate',
  record: 'Record authorisation',
  recorded: 'Recorded authorisations',
  noneRecorded: 'No authorisation recorded yet.',
  recordedBy: 'Recorded by {{name}} at {{at}}',
  approvedTotal: 'Approved: {{amount}}',
  signatureOf: 'Signature of {{name}}',
  signedOnPaper: 'Signed on paper',
  approvedMark: 'Approved',
  declinedMark: 'Declined',
  channels: {
    in_person: 'In person',
    phone: 'Phone',
    wechat: 'WeChat',
    sms: 'SMS',
    paper: 'Signed estimate (paper)',
  },
  states: {
    pending: 'Awaiting approval',
    approved: 'Approved',
    declined: 'Declined',
  },
  declined: {
    title: 'Declined work from earlier visits',
    hint: 'Work the customer turned down before: offer it again.',
    from: 'Declined on {{number}}, {{date}}',
    addToRo: 'Add to this RO',
    addToConcerns: 'Add to concerns',
    doneElsewhere: 'Done elsewhere',
    dismiss: 'Stop offering',
  },
};

export const fields = {
  customerName: 'Authorised by',
  channel: 'How',
  authorisedAt: 'When',
  signaturePng: 'Signature',
  signedOnPaper: 'Signed on paper',
  decisions: 'Answers',
  decisions_jobId: 'Job',
  decisions_decision: 'Answer',
  declinedWorkId: 'Declined work',
};

export const reasons = {
  signature: {
    required: 'is needed in person: let the customer sign, or tick “signed on paper”',
    paperRequired: 'must be ticked for an estimate signed on paper',
    inPersonOnly: 'is drawn only by a customer at the desk (choose “In person”)',
    notPng: 'is not a signature image',
    tooLarge: 'is too large (at most {{max}} KB): clear it and sign again',
  },
  decision: {
    duplicate: 'is answered twice',
    alreadyApproved: 'was approved already',
    alreadyDeclined: 'was declined already',
  },
  authorisedAt: {
    notToday: 'must be today',
    beforeOpened: 'is before the repair order was opened',
  },
  authorisation: {
    pending: 'the customer has not answered for every job yet: record the authorisation first',
    noneApproved: 'the customer approved no job: there is no work to start',
  },
  declinedWork: {
    otherVehicle: 'belongs to another vehicle',
    taken: 'was added to a repair order already',
    dismissed: 'is no longer offered',
  },
};
