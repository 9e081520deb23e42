export const CUSTOMER_KINDS = ['person', 'company'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const CONTACT_CHANNELS = ['phone', 'sms', 'wechat', 'email', 'letter'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;
export type PhoneLabel = (typeof PHONE_LABELS)[number];

/** Engine/fuel types; the new-energy ones (新能源) get green plates and their own service plans. */
export const FUEL_TYPES = ['petrol', 'diesel', 'hev', 'phev', 'erev', 'bev', 'fcev', 'cng', 'other'] as const;
export type FuelType = (typeof FUEL_TYPES)[number];
export const NEW_ENERGY_FUEL_TYPES: readonly FuelType[] = ['phev', 'erev', 'bev', 'fcev'];

export const MILEAGE_SOURCES = ['registration', 'manual', 'check_in'] as const;
export type MileageSource = (typeof MILEAGE_SOURCES)[number];
