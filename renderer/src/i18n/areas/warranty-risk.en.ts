/** English texts of the 三包 risk radar: its own section, its field labels, its refusal reasons. */
export const text = {
  none: 'No vehicle on the radar',
  nav: '三包 radar',
  title: '三包 risk radar',
  bannerTitle: '三包 risk',
  period: '三包 period: {{start}} to {{end}}, or up to {{km}} km (whichever comes first)',
  mileage: 'Mileage now {{km}} km',
  levels: {
    warning: 'Warning',
    reached: 'Refund threshold reached',
  },
  signals: {
    sameFault: {
      warning_one: '{{group}}: {{count}} repair (the 5th triggers a refund or replacement)',
      warning_other: '{{group}}: {{count}} repairs (the 5th triggers a refund or replacement)',
      reached_one: '{{group}}: {{count}} repair (more than 4: refund or replacement due)',
      reached_other: '{{group}}: {{count}} repairs (more than 4: refund or replacement due)',
    },
    safety: {
      warning:
        '{{group}} (serious safety fault): visit {{visits}}, {{repairs}} repaired (still failing after 2 repairs triggers a refund)',
      reached:
        '{{group}} (serious safety fault): still failing after {{repairs}} repairs, visit {{visits}} (refund or replacement due)',
    },
    mainPart: {
      warning_one: '{{part}} main part replaced {{count}} time (another replacement triggers a refund)',
      warning_other: '{{part}} main part replaced {{count}} times (another replacement triggers a refund)',
      reached_one: '{{part}} main part replaced {{count}} time (refund or replacement due)',
      reached_other: '{{part}} main part replaced {{count}} times (refund or replacement due)',
    },
    repairDays: {
      warning: '{{days}} days under repair in all (over 30 triggers a refund)',
      reached: '{{days}} days under repair in all (over 30: refund or replacement due)',
    },
    longRepairOpen: {
      warning: 'RO {{number}} under repair for {{days}} days (over 5 days owes a loaner or travel compensation)',
      reached: 'RO {{number}} under repair for {{days}} days: a loaner or travel compensation is owed',
    },
    longRepairDone: 'RO {{number}} took {{days}} days (over 5: a loaner or travel compensation was owed)',
  },
  outside: {
    noInvoiceDate: 'No invoice date: outside the 三包 radar (add it to the vehicle)',
    notStarted: 'The invoice date is after today: the 三包 period has not started',
    expiredByDate: 'The 三包 period ended on {{end}}: no more warnings',
    expiredByKm: 'Over {{km}} km: the 三包 period has ended, no more warnings',
  },
  partKinds: {
    engine: 'Engine',
    transmission: 'Transmission',
    steering: 'Steering system',
    brakes: 'Brake system',
    suspension: 'Suspension',
    axle: 'Front/rear axle',
    body: 'Body',
    traction_battery: 'Traction battery',
    drive_motor: 'Drive motor',
  },
  repairOrders: 'ROs',
  rule: 'Household vehicle 三包 rules (SAMR Order 43): the period runs 2 years or 50,000 km from the invoice date. Same fault (same concern group; maintenance, diagnostics and other left out): warning at the 4th repair, reached at the 5th. Brakes, suspension and steering, and the EV high-voltage system are serious safety faults: warning at the 2nd visit, reached when it comes back after 2 repairs. Same main part: warning at the 1st replacement, reached at the 2nd. Repair days (calendar days, the day in counted): warning at 25, reached over 30. An open RO warns on day 4; over 5 days a loaner or travel compensation is owed.',
  columns: {
    vehicle: 'Vehicle',
    level: 'Level',
    signals: 'Signals',
    periodEnd: '三包 until',
  },
  reachedOnly: 'Only vehicles at a refund threshold',
  mainPart: {
    title: '三包 main part',
    hint: 'Replaced twice on one vehicle inside its 三包 period, a main part triggers a refund warning.',
    none: 'Not a main part',
    save: 'Save',
  },
};

export const fields = {
  mainPartKind: 'Main part kind',
};

export const reasons = {};
