/** English texts of the quality screens: their own section, their field labels, their refusal reasons. */
export const text = {
  title: 'Quality check',
  hint: 'The final check of each approved job, by someone who did not work on it. Sending a job back returns the repair order to the workshop.',
  noJobs: 'No approved job to check yet.',
  jobOf: 'Job {{n}}: {{concern}}',
  technician: 'Technician: {{name}}',
  noTechnician: 'Not dispatched',
  notChecked: 'Not checked yet',
  ownWork: 'You worked on this job: another person must check it.',
  item: 'Item',
  answers: { ok: 'OK', not_ok: 'Not OK', na: 'N/A' },
  results: { passed: 'Passed', returned: 'Sent back' },
  pass: 'Pass',
  sendBack: 'Send back',
  checkAgain: 'Check again',
  allOk: 'All OK',
  noteHint: 'Required when sending back: what to put right.',
  history: 'Inspections',
  inspectedBy: '{{result}} by {{name}} at {{at}}',
  certificate: {
    title: 'Completion certificate (竣工出厂合格证)',
    needed:
      'Needed before handover: this repair order includes 二级维护 (level-2 maintenance) or 总成/整车修理 (assembly or whole-vehicle repair).',
    notNeeded: 'Not needed: no job is 二级维护, 总成修理 or 整车修理.',
    waiting: 'Issued once every approved job has passed its quality check.',
    issue: 'Issue certificate',
    issued: 'Certificate {{number}} issued by {{name}} at {{at}}',
    print: 'Print certificate',
  },
  items: {
    common: {
      roadTest: 'Road test done, drives normally',
      noWarningLights: 'No warning lights on the dashboard',
      noFluidLeaks: 'No fluid leaks',
      concernFixed: 'The customer’s concern is fixed',
      vehicleClean: 'Vehicle clean (inside and out)',
      toolsCoversRemoved: 'Tools, seat and wing covers removed',
      oldPartsReturned: 'Old parts returned if the customer asked',
    },
    engine: {
      idleSmooth: 'Engine idles smoothly',
      noAbnormalNoise: 'No abnormal engine noise',
      fluidLevels: 'Oil and coolant levels correct',
    },
    transmission: {
      shiftQuality: 'Shifts smoothly in every gear',
      fluidLevel: 'Transmission fluid level correct',
    },
    brakes: {
      pedalFeel: 'Brake pedal firm, car stops straight',
      noNoise: 'No brake noise',
      fluidLevel: 'Brake fluid level correct',
      wheelBoltsTorqued: 'Wheel bolts torqued to specification',
    },
    suspension: {
      steeringCentred: 'Steering wheel centred, car runs straight',
      noKnocks: 'No knocks over bumps',
      boltsTorqued: 'Suspension bolts torqued to specification',
    },
    electrical: {
      lightsWork: 'Every light works',
      batteryCharging: 'Battery charging normally',
      noFaultCodes: 'No fault codes stored',
    },
    ac: {
      outletTemperature: 'Air outlet temperature within specification',
      noRefrigerantLeak: 'No refrigerant leak',
    },
    body: {
      panelGaps: 'Panel gaps even',
      paintFinish: 'Paint colour and finish match',
    },
    tyres: {
      pressures: 'Tyre pressures set',
      wheelBoltsTorqued: 'Wheel bolts torqued to specification',
      balanced: 'Wheels balanced, no vibration',
    },
    maintenance: {
      oilLevel: 'Engine oil level correct',
      serviceReminderReset: 'Service reminder reset',
      filtersReplaced: 'Filters replaced as listed',
    },
    diagnostics: {
      faultCodesCleared: 'Fault codes cleared after repair',
      reportGiven: 'Diagnostic report attached',
    },
    ev: {
      insulationChecked: 'High-voltage insulation checked',
      hvSystemReady: 'High-voltage system ready, no warnings',
    },
  },
  doc: {
    title: 'Motor Vehicle Repair Completion Certificate',
    subtitle: '机动车维修竣工出厂合格证',
    number: 'Certificate no.',
    categories: 'Work category',
    mileage: 'Odometer',
    inspector: 'Final inspection',
    inspectedBy: '{{name}}, {{at}}',
    issuedAt: 'Issued',
    statement: 'The vehicle above was repaired and passed the final inspection; it is fit to leave the workshop.',
    guarantee:
      'Repair quality guarantee: {{category}}: {{km}} km or {{days}} days from the day of handover, whichever comes first.',
    inspectorSignature: 'Quality inspector',
    dealerStamp: 'Repairer (stamp)',
    customerSignature: 'Customer',
    date: 'Date',
    none: '—',
    noCertificate: 'No completion certificate was issued for this repair order.',
    categoryNames: {
      whole_vehicle_or_assembly: 'Whole-vehicle or assembly repair',
      level2_maintenance: 'Level-2 maintenance',
      level1_minor_special: 'Level-1 maintenance, minor or special repair',
    },
  },
};

export const fields = {
  result: 'Result',
  answers: 'Checklist',
  repairOrderId: 'Repair order',
};

export const reasons = {
  qc: {
    ownWork: 'was worked on by you (dispatched to you or clocked on): another person must check it',
    jobNotApproved: 'is not approved by the customer, so it is not checked',
    status: 'jobs are checked only while the work is in progress or at quality check (the repair order is {{status}})',
    notOkCannotPass: 'cannot be “passed” with an item not OK: send the job back',
    noteRequired: 'is needed when sending a job back: say what to put right',
    unanswered: 'has items without an answer',
    unknownItem: 'holds an item that is not on this job’s checklist',
    notPassed: 'not every job has passed its quality check (jobs {{jobs}})',
  },
  certificate: {
    required: 'the completion certificate (竣工出厂合格证) must be issued before the car is handed over',
    notNeeded: 'needs no completion certificate: no job is 二级维护, 总成修理 or 整车修理',
    alreadyIssued: 'has its completion certificate already',
  },
};
