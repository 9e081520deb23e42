import { emptyMapping, guessMappingOf, mappingProblemOf, type Mapping } from './import-mapping';

/**
 * Moving in from the previous DMS (issue 18 item 1): the four files an old system exports, the fields each one
 * carries (the mapping's targets), the header names of the downloadable templates (zh-CN and en) and the other names
 * old systems write, so a file that follows no template is mapped by its header alone. Pure: the core reads the files
 * with it and the screen names the same targets.
 *
 * The files are imported in this order, each one's rows finding what the earlier ones brought: customers, then vehicles
 * (their owner by the old system's customer id or a phone), then RO headers (their vehicle by the old id or VIN), then
 * RO lines (their RO by the old RO id).
 */
export const DMS_IMPORT_KINDS = ['customers', 'vehicles', 'orders', 'orderLines'] as const;
export type DmsImportKind = (typeof DMS_IMPORT_KINDS)[number];

export const CUSTOMER_TARGETS = [
  'legacyId',
  'name',
  'kind',
  'phone',
  'phone2',
  'contactPerson',
  'email',
  'address',
  'consent',
] as const;
export const VEHICLE_TARGETS = [
  'legacyId',
  'vin',
  'plate',
  'make',
  'model',
  'year',
  'purchaseDate',
  'mileage',
  'mileageDate',
  'ownerLegacyId',
  'ownerPhone',
] as const;
export const ORDER_TARGETS = [
  'legacyId',
  'number',
  'vehicleLegacyId',
  'vin',
  'customerLegacyId',
  'openedAt',
  'closedAt',
  'mileage',
  'advisor',
  'laborTotal',
  'partsTotal',
  'concern',
] as const;
export const ORDER_LINE_TARGETS = ['orderLegacyId', 'lineNo', 'kind', 'code', 'name', 'quantity', 'unitPrice', 'total'] as const;

export type CustomerTarget = (typeof CUSTOMER_TARGETS)[number];
export type VehicleTarget = (typeof VEHICLE_TARGETS)[number];
export type OrderTarget = (typeof ORDER_TARGETS)[number];
export type OrderLineTarget = (typeof ORDER_LINE_TARGETS)[number];
export type DmsTarget = CustomerTarget | VehicleTarget | OrderTarget | OrderLineTarget;

export const DMS_TARGETS: { readonly [K in DmsImportKind]: readonly DmsTarget[] } = {
  customers: CUSTOMER_TARGETS,
  vehicles: VEHICLE_TARGETS,
  orders: ORDER_TARGETS,
  orderLines: ORDER_LINE_TARGETS,
};

/** Without these a row says nothing the desk can keep or find again. */
export const DMS_REQUIRED: { readonly [K in DmsImportKind]: readonly DmsTarget[] } = {
  customers: ['legacyId', 'name'],
  vehicles: ['legacyId', 'vin'],
  orders: ['legacyId', 'openedAt'],
  orderLines: ['orderLegacyId', 'lineNo', 'kind', 'name', 'total'],
};

/** A mapping of one kind's targets; the others are absent. */
export type DmsMapping = Partial<Mapping<DmsTarget>>;

/** The templates' headers, [zh-CN, en] per target: the first names the guess knows. */
const TEMPLATE: Record<DmsImportKind, Partial<Record<DmsTarget, readonly [string, string]>>> = {
  customers: {
    legacyId: ['原客户编号', 'Old customer ID'],
    name: ['客户名称', 'Name'],
    kind: ['客户类型', 'Type'],
    phone: ['手机', 'Phone'],
    phone2: ['其他电话', 'Other phone'],
    contactPerson: ['联系人', 'Contact person'],
    email: ['邮箱', 'Email'],
    address: ['地址', 'Address'],
    consent: ['同意联系', 'Consent to contact'],
  },
  vehicles: {
    legacyId: ['原车辆编号', 'Old vehicle ID'],
    vin: ['车架号', 'VIN'],
    plate: ['车牌号', 'Plate'],
    make: ['品牌', 'Make'],
    model: ['车型', 'Model'],
    year: ['年款', 'Year'],
    purchaseDate: ['购车日期', 'Purchase date'],
    mileage: ['最近里程', 'Last mileage'],
    mileageDate: ['里程日期', 'Mileage date'],
    ownerLegacyId: ['原客户编号', 'Old customer ID'],
    ownerPhone: ['车主电话', 'Owner phone'],
  },
  orders: {
    legacyId: ['原工单编号', 'Old RO ID'],
    number: ['工单号', 'RO number'],
    vehicleLegacyId: ['原车辆编号', 'Old vehicle ID'],
    vin: ['车架号', 'VIN'],
    customerLegacyId: ['原客户编号', 'Old customer ID'],
    openedAt: ['进厂日期', 'Opened'],
    closedAt: ['结算日期', 'Closed'],
    mileage: ['进厂里程', 'Mileage'],
    advisor: ['服务顾问', 'Advisor'],
    laborTotal: ['工时费', 'Labor total'],
    partsTotal: ['材料费', 'Parts total'],
    concern: ['维修内容', 'Work done'],
  },
  orderLines: {
    orderLegacyId: ['原工单编号', 'Old RO ID'],
    lineNo: ['行号', 'Line'],
    kind: ['类别', 'Kind'],
    code: ['代码', 'Code'],
    name: ['名称', 'Name'],
    quantity: ['数量', 'Quantity'],
    unitPrice: ['单价', 'Unit price'],
    total: ['金额', 'Amount'],
  },
};

/** Other names old systems write (in guessCell form: lower case, no spaces or marks, no bracketed unit). */
const OTHER_NAMES: Partial<Record<DmsTarget, readonly string[]>> = {
  legacyId: ['编号', 'id', '客户编号', '客户代码', '车辆编号', '工单编号', '单据号', 'legacyid', 'oldid'],
  name: ['姓名', '客户姓名', '客户名', '项目名称', '配件名称', '工时名称', 'customername', 'description'],
  kind: ['类型', '性质', '客户性质', '项目类型', 'type', 'category'],
  phone: ['手机号', '手机号码', '电话', '联系电话', '移动电话', 'mobile', 'tel', 'telephone', 'phonenumber'],
  phone2: ['电话2', '固定电话', '办公电话', 'phone2', 'otherphone'],
  email: ['电子邮箱', 'email', 'e-mail', 'mail'],
  address: ['联系地址', '住址', 'address'],
  consent: ['同意回访', '是否同意联系', 'consent'],
  vin: ['vin码', '车辆识别代号', '底盘号', 'vin', 'vinno', 'chassis'],
  plate: ['车牌', '牌照号', 'plate', 'plateno', 'licenseplate', 'registration'],
  make: ['厂牌', 'brand', 'make'],
  model: ['车型名称', 'model'],
  year: ['年份', '车型年份', 'year', 'modelyear'],
  purchaseDate: ['销售日期', '购买日期', 'purchasedate', 'saledate'],
  mileage: ['里程', '行驶里程', '公里数', 'mileage', 'km', 'odometer'],
  ownerLegacyId: ['车主编号', '客户编号', 'ownerid', 'customerid'],
  ownerPhone: ['车主手机', '车主电话号码', 'ownerphone'],
  number: ['工单号码', '委托书号', 'ronumber', 'rono'],
  vehicleLegacyId: ['车辆编号', 'vehicleid'],
  customerLegacyId: ['客户编号', 'customerid'],
  openedAt: ['开单日期', '进厂时间', '接车日期', 'opendate', 'opened', 'date'],
  closedAt: ['结算时间', '出厂日期', '交车日期', 'closedate', 'closed'],
  advisor: ['接待员', '服务顾问姓名', 'serviceadvisor', 'advisor'],
  laborTotal: ['工时费用', '工时金额', 'labor', 'labortotal'],
  partsTotal: ['配件费', '材料金额', '配件金额', 'parts', 'partstotal'],
  concern: ['故障描述', '维修项目', '作业内容', 'concern', 'workdone'],
  orderLegacyId: ['工单编号', '工单号', 'roid', 'ronumber'],
  lineNo: ['序号', '行', 'lineno', 'line'],
  code: ['项目代码', '配件号', '零件号', '工时代码', 'code', 'partno', 'opcode'],
  quantity: ['工时数', '数量', 'qty', 'quantity', 'hours'],
  unitPrice: ['单价', '价格', 'price', 'unitprice'],
  total: ['金额', '合计', '小计', 'amount', 'total'],
};

/** The languages a template's header (and the refused rows' workbook) is written in. */
export const DMS_LANGUAGES = ['zh-CN', 'en'] as const;
export type DmsLanguage = (typeof DMS_LANGUAGES)[number];

/** A target's column name as the kind's template writes it, in a language. */
export function templateHeader(kind: DmsImportKind, target: DmsTarget, language: DmsLanguage): string {
  const names = TEMPLATE[kind][target];
  // A target of another kind has no column in this template: its key is all there is to say.
  return names ? names[language === 'zh-CN' ? 0 : 1] : target;
}

/** The template's header row for a kind, in a language. */
export function templateHeaders(kind: DmsImportKind, language: DmsLanguage): string[] {
  return DMS_TARGETS[kind].map((target) => templateHeader(kind, target, language));
}

function namesOf(kind: DmsImportKind): Record<DmsTarget, readonly string[]> {
  const names = {} as Record<DmsTarget, string[]>;
  for (const target of DMS_TARGETS[kind]) {
    const [zh, en] = TEMPLATE[kind][target]!;
    const fold = (s: string) =>
      s
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\s\-_.:：#/]+/g, '');
    names[target] = [fold(zh), fold(en), ...(OTHER_NAMES[target] ?? [])];
  }
  return names;
}

/** The mapping read from the header's names alone (a template's header maps itself). */
export function guessDmsMapping(kind: DmsImportKind, headers: readonly string[]): DmsMapping {
  return guessMappingOf(headers, DMS_TARGETS[kind], namesOf(kind));
}

/** Every target of a kind unmapped. */
export function emptyDmsMapping(kind: DmsImportKind): DmsMapping {
  return emptyMapping(DMS_TARGETS[kind]);
}

export const DMS_MAPPING_REASONS = {
  required: 'dmsImport.mappingRequired',
  twice: 'dmsImport.mappingTwice',
  column: 'dmsImport.mappingColumn',
} as const;

/** What is wrong with a mapping before a row is read, or null. A target of another kind is ignored. */
export function dmsMappingProblem(
  kind: DmsImportKind,
  mapping: DmsMapping,
  columnCount: number,
): { reason: (typeof DMS_MAPPING_REASONS)[keyof typeof DMS_MAPPING_REASONS]; target: DmsTarget } | null {
  const full = { ...emptyMapping(DMS_TARGETS[kind]), ...mapping } as Mapping<DmsTarget>;
  const problem = mappingProblemOf(full, DMS_TARGETS[kind], DMS_REQUIRED[kind], columnCount);
  return problem ? { reason: DMS_MAPPING_REASONS[problem.kind], target: problem.target } : null;
}
