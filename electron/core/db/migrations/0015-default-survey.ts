import type { CsiFactor, CsiWeights, SurveyScale } from '../../../../shared/domain/csi';

/** A question of the shipped survey, in the order it is asked. */
export interface DefaultQuestion {
  textZh: string;
  textEn: string;
  scale: SurveyScale;
  factor: CsiFactor | null;
  required: boolean;
}

/**
 * The shipped survey (template version 1), written into every new database by migration 0015 and part of it: the
 * migration is frozen once landed, and so is this list: a dealer changes the survey by saving a new version, never by editing here.
 */
export const DEFAULT_SURVEY_QUESTIONS: readonly DefaultQuestion[] = [
  {
    textZh: '预约和接待是否方便及时？',
    textEn: 'Was it easy to book and were you received promptly?',
    scale: 'scale_1_10',
    factor: 'service_initiation',
    required: true,
  },
  {
    textZh: '到店后等待接待的时间是否合理？',
    textEn: 'Was the wait to be received on arrival reasonable?',
    scale: 'scale_1_10',
    factor: 'service_initiation',
    required: false,
  },
  {
    textZh: '服务顾问的礼貌',
    textEn: 'Courtesy of your service advisor',
    scale: 'scale_1_10',
    factor: 'service_advisor',
    required: true,
  },
  {
    textZh: '服务顾问对维修项目和费用的解释',
    textEn: 'How your service advisor explained the work and the charges',
    scale: 'scale_1_10',
    factor: 'service_advisor',
    required: false,
  },
  {
    textZh: '休息区的舒适和整洁',
    textEn: 'Comfort and cleanliness of the lounge',
    scale: 'scale_1_10',
    factor: 'service_facility',
    required: true,
  },
  {
    textZh: '交车是否按承诺时间完成？',
    textEn: 'Was the car ready at the time promised?',
    scale: 'scale_1_10',
    factor: 'vehicle_pickup',
    required: true,
  },
  {
    textZh: '交车时车辆的清洁程度',
    textEn: 'Cleanliness of the car at pick-up',
    scale: 'scale_1_10',
    factor: 'vehicle_pickup',
    required: false,
  },
  {
    textZh: '维修保养的质量',
    textEn: 'Quality of the work done',
    scale: 'scale_1_10',
    factor: 'service_quality',
    required: true,
  },
  {
    textZh: '您向亲友推荐本店的可能性有多大？',
    textEn: 'How likely are you to recommend us to friends and family?',
    scale: 'recommend_0_10',
    factor: null,
    required: true,
  },
  {
    textZh: '车辆问题是否一次修好？',
    textEn: 'Was the car fixed right the first time?',
    scale: 'yes_no',
    factor: null,
    required: true,
  },
  {
    textZh: '您还有什么意见或建议？',
    textEn: 'Anything else you would like to tell us?',
    scale: 'text',
    factor: null,
    required: false,
  },
];

/** J.D. Power China CSI 2015, as shipped; written out here (not imported) so the landed migration never changes. */
export const DEFAULT_SURVEY_WEIGHTS: CsiWeights = {
  service_initiation: 19,
  service_advisor: 19,
  service_facility: 20,
  vehicle_pickup: 20,
  service_quality: 22,
};
