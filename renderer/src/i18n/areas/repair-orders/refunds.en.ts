/** English texts of refunds (a sub-area of the settlement): their own section, their field labels, their refusal reasons. */
export const text = {
  title: 'Refunds',
  none: 'No refund asked for.',
  refunded: 'Refunded',
  netPaid: 'Paid less refunds',
  ask: 'Ask for a refund',
  record: 'Record a refund',
  askHint: 'A refund goes back against one payment, by its own method or in cash. A manager approves it before the money leaves.',
  recordHint: 'As the manager your refund is approved as it is recorded.',
  approve: 'Approve',
  refuse: 'Refuse',
  refuseNote: 'Why it is refused',
  payment: '{{at}} · {{method}} · {{amount}}',
  states: {
    requested: 'Waiting for a manager',
    approved: 'Approved',
    refused: 'Refused',
  },
  columns: {
    asked: 'Asked',
    payment: 'Payment',
    method: 'Method',
    amount: 'Amount',
    reason: 'Reason',
    state: 'State',
    decided: 'Decided',
  },
  doc: {
    title: 'Refunds',
    note: '{{amount}} refunded in all: handed back on the charge and on what was paid; the balance above is unchanged.',
  },
  decidedBy: '{{name}}, {{at}}',
};
export const fields = {
  paymentId: 'Payment',
};
export const reasons = {
  refund: {
    tooMuch: 'is more than what is left of the payment, ¥{{left}}',
    method: 'is neither the payment’s own method nor cash',
    decided: 'the refund was already decided ({{state}})',
  },
};
