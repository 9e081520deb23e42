/** English texts of the follow-up queue: their own section, their field labels, their refusal reasons. */
export const text = {
  noCalls: 'No calls due.',
  noLetters: 'Nothing to send.',
  nav: 'Follow-up',
  title: 'Follow-up',
  statuses: {
    open: 'Open',
    done: 'Done',
    sent: 'Sent',
  },
  tabs: {
    queue: 'Call queue',
    letters: 'SMS / letters',
  },
  dueFilters: {
    today: 'Due today',
    overdue: 'Overdue',
    all: 'All due',
  },
  allKinds: 'All kinds',
  kindFilter: 'Kind',
  dueFilter: 'Due',
  generated_one: '{{count}} new lapsed-customer or maintenance call added today.',
  generated_other: '{{count}} new lapsed-customer or maintenance calls added today.',
  columns: {
    dueDay: 'Due',
    kind: 'Kind',
    customer: 'Customer',
    phone: 'Phone',
    plate: 'Plate',
    ro: 'RO',
    advisor: 'Advisor',
    attempts: 'Attempts',
    address: 'Address',
  },
  open: 'Call',
  lettersHint: 'Customers the calls did not reach after five attempts: send them an SMS or a letter, then mark it sent.',
  markSent: 'Mark sent',
  noAddress: 'No address on file',
  surveyTemplate: 'Survey template',
  call: {
    back: 'Back to the queue',
    script: 'Script',
    customer: 'Customer',
    phone: 'Phone',
    noPhone: 'No phone on file',
    due: 'Due',
    attemptsSoFar_one: '{{count}} attempt, {{failed}} failed',
    attemptsSoFar_other: '{{count}} attempts, {{failed}} failed',
    repairOrder: 'Repair order {{number}}',
    advisor: 'Service advisor',
    technicians: 'Technicians',
    deliveredAt: 'Handed over',
    work: 'Work done',
    concern: 'Concern',
    correction: 'Correction',
    technician: 'Technician',
    declined: 'Declined work still open',
    attempts: 'Attempts',
    noWork: 'No job on this RO.',
    noAttempts: 'No attempts yet.',
    at: 'When',
    by: 'By',
    callBackAt: 'call back {{at}}',
    recordAttempt: 'Record the call',
    saveAttempt: 'Save attempt',
    closed: 'Closed by {{name}} on {{at}}.',
    onLetterList: 'The calls did not reach the customer: this task is on the SMS/letter list.',
    surveyFirst: 'Answer the survey with the customer, then record the call as done.',
  },
  kinds: {
    csi_call: 'Satisfaction call',
    lapsed: 'Lapsed customer',
    maintenance_reminder: 'Maintenance reminder',
    campaign: 'Recall / campaign',
  },
  channels: {
    call: 'Phone call',
    sms_letter: 'SMS / letter',
  },
  outcomes: {
    no_answer: 'No answer',
    call_back: 'Call back later',
    wrong_number: 'Wrong number',
    done: 'Done',
  },
  dueReasons: {
    date: 'due by date',
    mileage: 'due by mileage (estimated)',
  },
  /** Call scripts by scriptKey; the parameters come with each task. */
  scripts: {
    campaign:
      'Hello, is this {{customerName}}? This is the service department. The manufacturer has a recall or service campaign for your {{makeModel}} ({{plate}}); the work is free of charge. May we book a time for it?',
    csiCall:
      'Hello, is this {{customerName}}? This is the service department calling about your {{makeModel}} ({{plate}}), repair order {{roNumber}}, handed over on {{deliveredDay}} by {{advisorName}}. May I take two minutes to ask how satisfied you are with the service?',
    csiCallDeclined_one:
      'When you were with us, {{count}} item was left for later: {{declinedWork}}. Would you like us to book it in?',
    csiCallDeclined_other:
      'When you were with us, {{count}} items were left for later: {{declinedWork}}. Would you like us to book them in?',
    lapsed:
      'Hello, is this {{customerName}}? This is the service department. We have not seen your {{makeModel}} ({{plate}}) since {{lastVisitDay}}. Is everything fine with the car, and may we book its next visit?',
    maintenanceReminder:
      'Hello, is this {{customerName}}? This is the service department. Your {{makeModel}} ({{plate}}) is due for maintenance around {{dueDay}}. May we book an appointment for you?',
    maintenanceReminderDeclined_one: 'We could also do the {{count}} item left for later last time: {{declinedWork}}.',
    maintenanceReminderDeclined_other: 'We could also do the {{count}} items left for later last time: {{declinedWork}}.',
  },
};

export const fields = {
  taskId: 'Follow-up task',
  outcome: 'Call outcome',
  callBackAt: 'Call back at',
  asOf: 'As of',
};

export const reasons = {
  followup: {
    ownRo: 'you were the service advisor on this repair order: another colleague makes this call',
    closed: 'this follow-up task is already closed',
    notCall: 'this task has moved to the SMS/letter list',
    notLetter: 'this task is not on the SMS/letter list',
    noConsent: 'the customer has not agreed to be contacted',
    callBackAtRequired: 'say when to call back',
    callBackPast: 'must be later than now',
  },
};
