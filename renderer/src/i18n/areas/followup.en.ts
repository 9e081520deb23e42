/** English texts of the follow-up queue: their own section, their field labels, their refusal reasons. */
export const text = {
  kinds: {
    csi_call: 'Satisfaction call',
    lapsed: 'Lapsed customer',
    maintenance_reminder: 'Maintenance reminder',
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
    csiCall:
      'Hello, is this {{customerName}}? This is the service department calling about your {{makeModel}} ({{plate}}), repair order {{roNumber}}, handed over on {{deliveredDay}} by {{advisorName}}. May I take two minutes to ask how satisfied you are with the service?',
    csiCallDeclined:
      'When you were with us, {{declinedCount}} item(s) were left for later: {{declinedWork}}. Would you like us to book them in?',
    lapsed:
      'Hello, is this {{customerName}}? This is the service department. We have not seen your {{makeModel}} ({{plate}}) since {{lastVisitDay}}. Is everything fine with the car, and may we book its next visit?',
    maintenanceReminder:
      'Hello, is this {{customerName}}? This is the service department. Your {{makeModel}} ({{plate}}) is due for maintenance around {{dueDay}}. May we book an appointment for you?',
    maintenanceReminderDeclined:
      'We could also do the {{declinedCount}} item(s) left for later last time: {{declinedWork}}.',
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
