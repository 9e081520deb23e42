/** English texts of warranty old parts: their own section, their field labels, their refusal reasons. */
export const text = {
  todoNone: 'Every warranty part line has its old part tagged.',
  none: 'No old parts to show.',
  tab: 'Old parts',
  todo: 'Warranty parts to tag',
  todoHint:
    'Part lines of warranty jobs with no old part tagged yet, parts already issued first. The OEM wants the failed part kept until the claim is settled: tag it and put it on the old-parts shelf.',
  tag: 'Tag old part',
  tagFor: 'Tag the old part of {{partNumber}}',
  locationExample: 'e.g. shelf W-2',
  held: 'Old parts',
  show: 'Show',
  views: {
    stillHeld: 'Still held',
    all: 'All',
    held: 'Waiting for the claim',
    claim_settled: 'Claim settled',
    returned: 'Returned',
    scrapped: 'Scrapped',
  },
  statuses: {
    held: 'Held (claim open)',
    claim_settled: 'Claim settled',
    returned: 'Returned to the OEM',
    scrapped: 'Scrapped',
  },
  search: 'Tag, RO, plate, part or claim number',
  columns: {
    tag: 'Tag',
    ro: 'RO',
    plate: 'Plate',
    job: 'Job',
    part: 'Part',
    qty: 'Qty',
    issued: 'Issued',
    claim: 'Claim number',
    location: 'Location',
    status: 'Status',
    age: 'Held for',
  },
  days_one: '{{count}} d',
  days_other: '{{count}} d',
  settle: 'Claim settled',
  dispose: 'Return or scrap',
  noteExample: 'e.g. waybill number',
};
export const fields = {
  location: 'Location',
  claimNumber: 'Claim number',
  disposition: 'Returned or scrapped',
};
export const reasons = {
  oldPart: {
    notWarranty: 'the warranty does not pay this job: old parts are kept only for warranty claims',
    roCancelled: 'the repair order is cancelled',
    alreadyTagged: 'the old part of this line is already tagged ({{tag}})',
    notHeld: 'old part {{tag}} is no longer waiting for its claim',
    notSettled: 'old part {{tag}} can be returned or scrapped only once its claim is settled, and only once',
  },
};
