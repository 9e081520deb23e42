/** English texts of the daily closing (收银日报): its own section, its field labels, its refusal reasons. */
export const text = {
  nav: 'Daily closing',
  title: 'Daily closing',
  docTitle: 'Daily cash closing',
  show: 'Show',
  printPdf: 'Print / Save as PDF',
  exportExcel: 'Export to Excel',
  exporting: 'Exporting…',
  backToReport: 'Back to the closing',
  printedAt: 'Produced {{at}}',
  day: 'Business day {{day}}',
  nothing: 'Nothing on this day.',
  pendingRefunds_one: '{{count}} refund asked for this day is waiting for a manager: it is not in the figures until approved.',
  pendingRefunds_other:
    '{{count}} refunds asked for this day are waiting for a manager: they are not in the figures until approved.',
  sections: {
    byMethod: 'Takings by payment method',
    closed: 'Repair orders closed',
    owing: 'Balances still owed at the end of the day',
    payments: 'Payments',
    refunds: 'Refunds',
    definitions: 'How the figures are worked out',
    signatures: 'Signatures',
  },
  columns: {
    method: 'Method',
    payments: 'Payments',
    paymentsFen: 'Taken',
    refunds: 'Refunds',
    refundsFen: 'Refunded',
    netFen: 'Net',
    total: 'Total',
    ro: 'RO',
    plate: 'Plate',
    customer: 'Customer',
    at: 'Time',
    amount: 'Amount',
    reason: 'Reason',
    approvedBy: 'Approved by',
    receivedBy: 'Taken by',
    charged: 'Charged',
    delivered: 'Handed over',
    owed: 'Owed',
    paid: 'Paid by then',
    balance: 'Balance',
  },
  figures: {
    closed_one: '{{count}} RO, {{amount}} charged',
    closed_other: '{{count}} ROs, {{amount}} charged',
    owing_one: '{{count}} RO, {{amount}} owed',
    owing_other: '{{count}} ROs, {{amount}} owed',
  },
  drill: 'Show the ROs',
  hideDrill: 'Hide',
  definitions: {
    day: 'The business day runs from 00:00 to 24:00 Beijing time.',
    payments: 'Taken: the payments recorded on ROs during the day, by the method recorded.',
    refunds:
      'Refunded: the refunds a manager approved during the day (the money left then), by the refund’s method. Refunds asked for and not yet approved, or refused, are not counted.',
    net: 'Net = taken − refunded, per method and in total: what the till and the accounts should hold for the day.',
    closed:
      'Closed: ROs that became closed (handed over and paid in full) during the day, with what the customer was charged on each (customer-payer jobs; warranty, internal and insurance are settled elsewhere).',
    owing:
      'Still owed: ROs handed over by the end of the day and not paid in full by then: the charge less what had been paid by the end of the day. A refund does not change a balance.',
  },
  signatures: {
    cashier: 'Cashier',
    manager: 'Manager',
    date: 'Date',
  },
};
export const fields = {};
export const reasons = {};
