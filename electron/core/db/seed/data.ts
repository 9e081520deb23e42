import type { ContactChannel, FuelType } from '../../../../shared/domain/enums';
import type { Role } from '../../../../shared/domain/roles';

/**
 * The raw material of the demo dealership: a Beijing dealer of mixed brands, as a service department sees its
 * customers. Weights are rough shares, chosen so that look-ups behave as they would in a real file (many 王 and 李,
 * many 京 plates), not statistics anyone should quote.
 */

/** Common surnames with rough weights (the top ones cover about half of the population). */
// prettier-ignore
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 21], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 13], ['郭', 12], ['何', 12], ['高', 11], ['林', 11], ['罗', 11],
  ['郑', 10], ['梁', 10], ['谢', 8], ['宋', 8], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 6], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 5], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 3], ['付', 3], ['方', 3], ['白', 2], ['邹', 2], ['孟', 2],
  ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2], ['侯', 2],
  ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2],
  ['万', 2], ['钱', 2], ['严', 2], ['武', 2], ['戴', 2], ['孔', 1], ['向', 1], ['汤', 1], ['欧阳', 0.3], ['司马', 0.1],
  ['上官', 0.1], ['诸葛', 0.1],
];

export const GIVEN_MALE = [
  ...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文博晨东亮海洋森泽睿轩一宏振家兴成康毅鸣阳天',
];
export const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀英玲萍燕红婷雪琳倩颖佳欣怡慧蕾丹梅璐瑶悦雨涵思诗晶月琪楠薇馨妍彤岚'];

/** Company names: city + trade name (two characters) + line of business + 有限公司. */
export const COMPANY_CITIES = ['北京', '北京', '北京', '北京', '天津', '廊坊', '河北', '保定'];
export const TRADE_FIRST = [...'宏鑫华盛恒中金永顺安瑞远天博众汇德京新长嘉佳通泰兴联创诚信明润'];
export const TRADE_SECOND = [...'达源通世信联桥辉捷丰航成远诚隆峰兴盛业发和泰达安元达腾昌利宇'];
// prettier-ignore
export const BUSINESSES = [
  '物流', '科技', '建设工程', '商贸', '汽车租赁', '餐饮管理', '物业管理', '文化传媒', '医疗器械', '电子', '食品',
  '家政服务', '快递', '环保科技', '建材', '信息技术', '广告', '旅游客运', '装饰工程', '教育咨询',
];

// prettier-ignore
export const BEIJING_DISTRICTS = [
  '东城区', '西城区', '朝阳区', '朝阳区', '海淀区', '海淀区', '丰台区', '石景山区', '通州区', '昌平区', '大兴区', '顺义区',
  '房山区', '门头沟区',
];
// prettier-ignore
export const ROADS = [
  '建国路', '望京西路', '中关村大街', '学院路', '京顺路', '朝阳北路', '广渠路', '西三环北路', '南三环中路', '阜成路',
  '安立路', '北苑路', '丰台路', '通惠河北路', '回龙观西大街', '黄村西大街', '新华大街', '石景山路', '复兴路', '双清路',
];
export const ESTATES = ['小区', '家园', '花园', '嘉园', '公寓', '新村', '苑'];
export const ESTATE_WORDS = [...'金阳光华望京翠城世纪龙锦绣安慧北苑天通融泽新康和平'];
export const OTHER_CITIES = ['天津市河西区', '天津市南开区', '河北省廊坊市广阳区', '河北省保定市竞秀区', '河北省燕郊镇'];

export const EMAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com'];

// prettier-ignore
export const PERSON_CONTACT: readonly (readonly [ContactChannel, number])[] = [
  ['phone', 45], ['wechat', 37], ['sms', 14], ['letter', 2], ['email', 2],
];
// prettier-ignore
export const COMPANY_CONTACT: readonly (readonly [ContactChannel, number])[] = [
  ['phone', 60], ['wechat', 22], ['email', 15], ['sms', 3],
];

/** Mainland mobile prefixes (China Mobile, Unicom, Telecom) with rough weights. */
// prettier-ignore
export const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['130', 3], ['131', 3], ['132', 3], ['133', 3], ['134', 3], ['135', 5], ['136', 5], ['137', 5], ['138', 6], ['139', 7],
  ['150', 4], ['151', 4], ['152', 3], ['153', 3], ['155', 3], ['156', 3], ['157', 2], ['158', 4], ['159', 4],
  ['180', 3], ['181', 3], ['182', 3], ['183', 3], ['184', 2], ['185', 3], ['186', 4], ['187', 3], ['188', 3], ['189', 3],
  ['191', 1], ['193', 1], ['195', 1], ['198', 2], ['199', 2],
];

/** Province character and issuing-office letters; the dealer is in Beijing, so most plates are 京. */
// prettier-ignore
export const PLATE_REGIONS: readonly (readonly [{ province: string; offices: string }, number])[] = [
  [{ province: '京', offices: 'AAACEFHJKLMNNNPPPQQQ' }, 72],
  [{ province: '冀', offices: 'ABCDFFJRRR' }, 13],
  [{ province: '津', offices: 'ABCDEFGHJKLMNQR' }, 7],
  [{ province: '鲁', offices: 'ABCH' }, 1.5],
  [{ province: '晋', offices: 'AB' }, 1],
  [{ province: '蒙', offices: 'AB' }, 1],
  [{ province: '辽', offices: 'AB' }, 1],
  [{ province: '豫', offices: 'AB' }, 1],
  [{ province: '黑', offices: 'A' }, 0.5],
  [{ province: '苏', offices: 'AE' }, 0.5],
  [{ province: '沪', offices: 'AB' }, 0.5],
  [{ province: '粤', offices: 'AB' }, 0.5],
  [{ province: '川', offices: 'A' }, 0.3],
  [{ province: '浙', offices: 'A' }, 0.2],
];

/** Letters and digits a plate serial may use (GA 36-2018: no I, no O). */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PLATE_CHARS = `${PLATE_LETTERS}0123456789`;
/** Characters a VIN may use (no I, O or Q). */
export const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

// prettier-ignore
export const COLOURS: readonly (readonly [string, number])[] = [
  ['白色', 30], ['黑色', 22], ['银色', 10], ['灰色', 12], ['蓝色', 7], ['红色', 6], ['珍珠白', 5], ['棕色', 3], ['绿色', 2],
  ['金色', 1], ['橙色', 1], ['黄色', 1],
];

export interface ModelSpec {
  make: string;
  model: string;
  /** World manufacturer identifier: the first three VIN characters. */
  wmi: string;
  /** Positions 4-6 of the VIN; positions 7-8 are drawn per car. */
  vds: string;
  /** Position 11: the assembly plant. */
  plant: string;
  fuel: FuelType;
  engines: readonly string[];
  from: number;
  to: number;
  weight: number;
  /** A European import: its VIN carries no valid check digit at position 9. */
  imported?: boolean;
}

/** What a mixed-brand Beijing service department sees in its bays. */
// prettier-ignore
export const MODELS: readonly ModelSpec[] = [
  { make: '大众', model: '朗逸', wmi: 'LSV', vds: 'AA2', plant: 'N', fuel: 'petrol', engines: ['1.5L', '1.2T', '1.4T'], from: 2012, to: 2026, weight: 9 },
  { make: '大众', model: '帕萨特', wmi: 'LSV', vds: 'DA3', plant: 'N', fuel: 'petrol', engines: ['1.4T', '2.0T'], from: 2012, to: 2026, weight: 4 },
  { make: '大众', model: '途观L', wmi: 'LSV', vds: 'UA6', plant: 'A', fuel: 'petrol', engines: ['1.4T', '2.0T'], from: 2017, to: 2026, weight: 4 },
  { make: '大众', model: '速腾', wmi: 'LFV', vds: '2A2', plant: '3', fuel: 'petrol', engines: ['1.2T', '1.4T', '1.5T'], from: 2012, to: 2026, weight: 5 },
  { make: '大众', model: '迈腾', wmi: 'LFV', vds: '3A2', plant: '3', fuel: 'petrol', engines: ['1.4T', '2.0T'], from: 2012, to: 2026, weight: 4 },
  { make: '大众', model: 'ID.4 CROZZ', wmi: 'LFV', vds: '3B2', plant: 'F', fuel: 'bev', engines: ['永磁同步电机 150kW'], from: 2021, to: 2026, weight: 1.5 },
  { make: '奥迪', model: 'A6L', wmi: 'LFV', vds: 'A24', plant: '2', fuel: 'petrol', engines: ['2.0T', '3.0T'], from: 2012, to: 2026, weight: 2.5 },
  { make: '丰田', model: '卡罗拉', wmi: 'LFM', vds: 'A1B', plant: 'T', fuel: 'petrol', engines: ['1.2T', '1.5L', '1.8L'], from: 2012, to: 2026, weight: 5 },
  { make: '丰田', model: '卡罗拉双擎', wmi: 'LFM', vds: 'A3B', plant: 'T', fuel: 'hev', engines: ['1.8L 混动'], from: 2015, to: 2026, weight: 2 },
  { make: '丰田', model: '凯美瑞', wmi: 'LVG', vds: 'B1F', plant: 'G', fuel: 'petrol', engines: ['2.0L', '2.5L'], from: 2012, to: 2026, weight: 3 },
  { make: '丰田', model: '凯美瑞双擎', wmi: 'LVG', vds: 'B4F', plant: 'G', fuel: 'hev', engines: ['2.5L 混动'], from: 2013, to: 2026, weight: 1.5 },
  { make: '丰田', model: 'RAV4荣放', wmi: 'LFM', vds: 'J3A', plant: 'C', fuel: 'petrol', engines: ['2.0L', '2.5L'], from: 2013, to: 2026, weight: 2.5 },
  { make: '本田', model: '雅阁', wmi: 'LHG', vds: 'CV1', plant: '0', fuel: 'petrol', engines: ['1.5T', '2.0L', '2.4L'], from: 2012, to: 2026, weight: 4 },
  { make: '本田', model: '雅阁锐·混动', wmi: 'LHG', vds: 'CV3', plant: '0', fuel: 'hev', engines: ['2.0L 混动'], from: 2017, to: 2026, weight: 1 },
  { make: '本田', model: '思域', wmi: 'LVH', vds: 'FC1', plant: '6', fuel: 'petrol', engines: ['1.5T', '1.8L'], from: 2012, to: 2026, weight: 2.5 },
  { make: '本田', model: 'CR-V', wmi: 'LVH', vds: 'RW1', plant: '6', fuel: 'petrol', engines: ['1.5T', '2.0L'], from: 2012, to: 2026, weight: 3 },
  { make: '日产', model: '轩逸', wmi: 'LGB', vds: 'H12', plant: 'N', fuel: 'petrol', engines: ['1.6L', '1.8L'], from: 2012, to: 2026, weight: 6 },
  { make: '日产', model: '奇骏', wmi: 'LGB', vds: 'K11', plant: 'N', fuel: 'petrol', engines: ['2.0L', '2.5L', '1.5T'], from: 2014, to: 2026, weight: 2 },
  { make: '别克', model: '英朗', wmi: 'LSG', vds: 'PE5', plant: 'S', fuel: 'petrol', engines: ['1.5L', '1.3T', '1.0T'], from: 2012, to: 2026, weight: 4 },
  { make: '别克', model: 'GL8', wmi: 'LSG', vds: 'UL8', plant: 'S', fuel: 'petrol', engines: ['2.0T', '2.4L'], from: 2012, to: 2026, weight: 2 },
  { make: '比亚迪', model: '秦PLUS DM-i', wmi: 'LC0', vds: 'C7C', plant: 'E', fuel: 'phev', engines: ['1.5L 插电混动'], from: 2021, to: 2026, weight: 5 },
  { make: '比亚迪', model: '宋PLUS DM-i', wmi: 'LGX', vds: 'C7D', plant: 'E', fuel: 'phev', engines: ['1.5L 插电混动'], from: 2021, to: 2026, weight: 3.5 },
  { make: '比亚迪', model: '汉EV', wmi: 'LC0', vds: 'C4E', plant: 'S', fuel: 'bev', engines: ['永磁同步电机 180kW'], from: 2020, to: 2026, weight: 2.5 },
  { make: '比亚迪', model: '元PLUS', wmi: 'LC0', vds: 'C2A', plant: 'X', fuel: 'bev', engines: ['永磁同步电机 150kW'], from: 2022, to: 2026, weight: 2 },
  { make: '比亚迪', model: '海豚', wmi: 'LC0', vds: 'C2B', plant: 'C', fuel: 'bev', engines: ['永磁同步电机 70kW'], from: 2021, to: 2026, weight: 1.5 },
  { make: '特斯拉', model: 'Model 3', wmi: 'LRW', vds: '3E7', plant: 'C', fuel: 'bev', engines: ['永磁同步电机 194kW'], from: 2020, to: 2026, weight: 2.5 },
  { make: '特斯拉', model: 'Model Y', wmi: 'LRW', vds: 'YG7', plant: 'C', fuel: 'bev', engines: ['永磁同步电机 220kW'], from: 2021, to: 2026, weight: 3 },
  { make: '理想', model: 'L7', wmi: 'LW4', vds: '33B', plant: 'C', fuel: 'erev', engines: ['1.5T 增程'], from: 2023, to: 2026, weight: 1.5 },
  { make: '理想', model: 'ONE', wmi: 'LW4', vds: '33A', plant: 'C', fuel: 'erev', engines: ['1.2T 增程'], from: 2019, to: 2022, weight: 1 },
  { make: '蔚来', model: 'ES6', wmi: 'LJ1', vds: 'EEA', plant: 'H', fuel: 'bev', engines: ['双电机 320kW'], from: 2019, to: 2026, weight: 0.8 },
  { make: '五菱', model: '宏光MINIEV', wmi: 'LZW', vds: 'ACA', plant: 'L', fuel: 'bev', engines: ['永磁同步电机 20kW'], from: 2020, to: 2026, weight: 1.5 },
  { make: '吉利', model: '星越L', wmi: 'L6T', vds: '79A', plant: 'N', fuel: 'petrol', engines: ['2.0T', '1.5T'], from: 2021, to: 2026, weight: 2 },
  { make: '吉利', model: '帝豪', wmi: 'L6T', vds: '75A', plant: 'N', fuel: 'petrol', engines: ['1.5L'], from: 2012, to: 2026, weight: 3 },
  { make: '哈弗', model: 'H6', wmi: 'LGW', vds: 'EF6', plant: 'B', fuel: 'petrol', engines: ['1.5T', '2.0T'], from: 2012, to: 2026, weight: 4 },
  { make: '长安', model: 'CS75 PLUS', wmi: 'LS5', vds: 'A3E', plant: 'C', fuel: 'petrol', engines: ['1.5T', '2.0T'], from: 2019, to: 2026, weight: 2.5 },
  { make: '宝马', model: '3系', wmi: 'LBV', vds: '8P1', plant: 'S', fuel: 'petrol', engines: ['2.0T'], from: 2012, to: 2026, weight: 3 },
  { make: '宝马', model: '5系', wmi: 'LBV', vds: '5U3', plant: 'S', fuel: 'petrol', engines: ['2.0T', '3.0T'], from: 2012, to: 2026, weight: 2.5 },
  { make: '奔驰', model: 'C级', wmi: 'LE4', vds: 'GF4', plant: 'B', fuel: 'petrol', engines: ['1.5T', '2.0T'], from: 2012, to: 2026, weight: 3 },
  { make: '奔驰', model: 'E级', wmi: 'LE4', vds: 'ZF4', plant: 'B', fuel: 'petrol', engines: ['2.0T'], from: 2012, to: 2026, weight: 2.5 },
  { make: '现代', model: '伊兰特', wmi: 'LBE', vds: 'LM4', plant: 'U', fuel: 'petrol', engines: ['1.5L', '1.6L'], from: 2012, to: 2026, weight: 2 },
  { make: '现代', model: '伊兰特 CNG', wmi: 'LBE', vds: 'LM5', plant: 'U', fuel: 'cng', engines: ['1.6L 油气两用'], from: 2012, to: 2020, weight: 0.4 },
  { make: '江铃', model: '全顺', wmi: 'LJX', vds: 'CD5', plant: 'L', fuel: 'diesel', engines: ['2.2T 柴油'], from: 2012, to: 2026, weight: 0.8 },
  // European imports (进口): their VINs follow the European habit of no check digit at position 9.
  { make: '宝马', model: 'X5', wmi: 'WBA', vds: 'CR0', plant: 'L', fuel: 'petrol', engines: ['3.0T'], from: 2012, to: 2026, weight: 0, imported: true },
  { make: '奔驰', model: 'G级', wmi: 'WDD', vds: '463', plant: 'X', fuel: 'petrol', engines: ['4.0T'], from: 2012, to: 2026, weight: 0, imported: true },
  { make: '保时捷', model: 'Cayenne', wmi: 'WP1', vds: 'ZZZ', plant: 'D', fuel: 'petrol', engines: ['3.0T'], from: 2012, to: 2026, weight: 0, imported: true },
  { make: '路虎', model: '揽胜', wmi: 'SAL', vds: 'GA2', plant: 'A', fuel: 'petrol', engines: ['3.0T'], from: 2012, to: 2026, weight: 0, imported: true },
  { make: '沃尔沃', model: 'XC90', wmi: 'YV1', vds: 'LFA', plant: '1', fuel: 'petrol', engines: ['2.0T'], from: 2015, to: 2026, weight: 0, imported: true },
  { make: '大众', model: '途锐', wmi: 'WVG', vds: 'ZZZ', plant: 'D', fuel: 'petrol', engines: ['3.0T'], from: 2012, to: 2026, weight: 0, imported: true },
];

/** Model-year codes at VIN position 10 (the 30-year cycle skips I, O, Q, U, Z and 0). */
// prettier-ignore
export const YEAR_CODES: Readonly<Record<number, string>> = {
  2010: 'A', 2011: 'B', 2012: 'C', 2013: 'D', 2014: 'E', 2015: 'F', 2016: 'G', 2017: 'H', 2018: 'J', 2019: 'K',
  2020: 'L', 2021: 'M', 2022: 'N', 2023: 'P', 2024: 'R', 2025: 'S', 2026: 'T', 2027: 'V', 2028: 'W', 2029: 'X',
};

/** The demo staff: one per role; the username is the role, the login screen adds the translated role itself. */
export const DEMO_DISPLAY_NAMES: Readonly<Record<Role, string>> = {
  advisor: '李娜',
  foreman: '张强',
  technician: '刘洋',
  parts_clerk: '陈静',
  csi_agent: '杨丽',
  warranty_admin: '孙倩',
  manager: '赵建国',
  admin: '王磊',
};
