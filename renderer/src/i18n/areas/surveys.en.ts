/** English texts of survey templates, answers, CSI and NPS: their own section, their field labels, their refusal reasons. */
export const text = {
  scales: {
    scale_1_10: 'Score 1-10',
    recommend_0_10: 'Recommend 0-10',
    yes_no: 'Yes / no',
    text: 'Free text',
  },
  factors: {
    service_initiation: 'Service initiation',
    service_advisor: 'Service advisor',
    service_facility: 'Service facility',
    vehicle_pickup: 'Vehicle pick-up',
    service_quality: 'Service quality',
  },
  groupings: {
    none: 'Totals only',
    advisor: 'By advisor',
    technician: 'By technician',
    factor: 'By factor',
    question: 'By question',
  },
  /** Stated on every CSI figure. */
  convention:
    'Factor score = mean of the factor’s 1-10 answers × 100; CSI = Σ weight × factor score (1,000 points); unanswered questions are left out. NPS = % 9-10 − % 0-6 of the recommend answers.',
};

export const fields = {
  questions: 'Questions',
  questions_textZh: 'Question (Chinese)',
  questions_textEn: 'Question (English)',
  questions_scale: 'Scale',
  questions_factor: 'Factor',
  questions_required: 'Required',
  weights: 'Factor weights',
  weights_service_initiation: 'Weight of service initiation',
  weights_service_advisor: 'Weight of service advisor',
  weights_service_facility: 'Weight of service facility',
  weights_vehicle_pickup: 'Weight of vehicle pick-up',
  weights_service_quality: 'Weight of service quality',
  answers_questionId: 'Question',
  answers_value: 'Answer',
  followUpTaskId: 'Follow-up task',
  groupBy: 'Group by',
};

export const reasons = {
  survey: {
    weightsSum: 'must add up to 100 % (now {{sum}} %)',
    factorWithoutQuestion: 'has a weight but no 1-10 question counts towards it',
    factorNeedsScale: 'can only be set on a 1-10 question',
    recommendMissing: 'need one "would you recommend us" (0-10) question for the NPS',
    recommendTwice: 'only one question may be the recommend question',
    notDelivered: 'A survey can only be recorded once the car has been handed back (delivered or closed).',
    ownRo: 'You were the advisor on this RO: another colleague must make this call.',
    alreadyAnswered: 'This RO already has a survey.',
    taskMismatch: 'is not a follow-up task of this RO',
    unknownQuestion: 'is not a question of the current survey: reload the survey',
    duplicateAnswer: 'is answered twice',
    outOfScale: 'must be a whole number from {{min}} to {{max}}',
    yesNo: 'must be yes or no',
    text: 'must be text of at most 2,000 characters',
    answerRequired: 'Question {{position}} must be answered.',
  },
};
