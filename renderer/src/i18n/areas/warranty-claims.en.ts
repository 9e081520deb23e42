/** English texts of warranty claims (索赔): their own section, their field labels, their refusal reasons. */
export const text = {
  nav: 'Warranty claims',
  title: 'Warranty claims',
  none: 'No claims to show.',
  statuses: {
    draft: 'Draft',
    submitted: 'Submitted',
    accepted: 'Accepted',
    rejected: 'Rejected',
    corrected: 'Corrected',
    resubmitted: 'Resubmitted',
    partly_paid: 'Partly paid (write-off awaiting approval)',
    paid: 'Paid',
  },
  ageBuckets: {
    d0_30: '0-30 days',
    d31_60: '31-60 days',
    d61_90: '61-90 days',
    d90_plus: 'over 90 days',
  },
  oldPartReturn: {
    all: 'Every part goes back to the OEM',
    causal: 'Only the causal part goes back',
  },
};
export const fields = {
  claims: 'Claims',
  laborOps: 'OEM labor operations',
  causalPartNumber: 'Causal part',
  failureCode: 'Failure code',
  subletFen: 'Sublet',
  partAmounts: 'Part amounts',
  oldPartReturn: 'Old parts returned',
  submissionDays: 'Submission deadline (days)',
};
export const reasons = {
  warrantyClaim: {
    exists: 'this job already has a warranty claim',
    notWarranty: 'the warranty does not pay this job',
    notApproved: 'the job was not approved',
    notDelivered: 'the repair order is not delivered yet',
    transition: 'a claim cannot go from {{from}} to {{to}}',
    notEditable: 'a claim can be changed only as a draft or after a rejection (now {{status}})',
    oldPartUntagged: 'claim {{claim}}: the old part of {{parts}} must be returned and has no old-part tag',
    notOutstanding: 'the claim is not waiting for the OEM (now {{status}})',
    overpaid: 'the amount paid is more than the claim',
    nothingPaid: 'nothing was paid: record a rejection with its reason instead',
    uploadMissing: 'the uploaded file is gone: choose the file again',
    settlementColumnMissing: 'the settlement file has no {{column}} column',
    settlementUnreadable: 'the settlement file is not a CSV or XLSX file',
    settlementEmpty: 'the settlement file is empty',
    settlementStatus: 'the status is neither paid nor rejected',
    settlementAmount: 'the amount is not an amount in yuan',
    settlementReason: 'a rejection needs the OEM’s reason',
    settlementDuplicate: 'the claim is in the file twice',
    unknown: 'no claim has this number',
  },
};
