import type { ContactChannel, CustomerKind, FuelType, MileageSource, PhoneLabel } from '../../../../shared/domain/enums';
import { NEW_ENERGY_FUEL_TYPES } from '../../../../shared/domain/enums';
import { normalizePhone } from '../../../../shared/domain/phone';
import { normalizePlate } from '../../../../shared/domain/plate';
import { vinCheckCharacter } from '../../../../shared/domain/vin';
import {
  BEIJING_DISTRICTS,
  BUSINESSES,
  COLOURS,
  COMPANY_CITIES,
  COMPANY_CONTACT,
  EMAIL_DOMAINS,
  ESTATE_WORDS,
  ESTATES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  MOBILE_PREFIXES,
  MODELS,
  OTHER_CITIES,
  PERSON_CONTACT,
  PLATE_CHARS,
  PLATE_LETTERS,
  PLATE_REGIONS,
  ROADS,
  SURNAMES,
  TRADE_FIRST,
  TRADE_SECOND,
  VIN_CHARS,
  YEAR_CODES,
  type ModelSpec,
} from './data';
import { Random, Weighted } from './random';

/** One customer file as the generator plans it; ids are given by the database at insert. */
export interface PlannedCustomer {
  kind: CustomerKind;
  name: string;
  contactPerson: string;
  email: string;
  address: string;
  preferredContact: ContactChannel;
  consent: boolean;
  /** Epoch ms: the first time the dealership met this customer. */
  createdAt: number;
  phones: { number: string; label: PhoneLabel }[];
}

export interface PlannedVehicle {
  vin: string;
  /** A European import: its VIN fails the check digit on purpose (the app must warn, not refuse). */
  imported: boolean;
  /** Normalised (as stored); '' for a car without a plate. */
  plate: string;
  make: string;
  model: string;
  year: number;
  colour: string;
  fuelType: FuelType;
  engine: string;
  purchaseDate: string | null;
  invoiceDate: string | null;
  createdAt: number;
  updatedAt: number;
  /** 1 + the saves after creation (an owner change, later mileage readings), as the services count them. */
  version: number;
  /** Position of the customer in the order customers() yields them; the last one is the current owner (to null). */
  owners: { customer: number; from: number; to: number | null }[];
  mileage: { km: number; at: number; source: MileageSource }[];
}

/**
 * A planned dealership. The timeline (which car, sold when, owned by whom) is decided up front in compact typed
 * arrays; the rows themselves are generated as they are read, so a 200,000-car seed never holds a million objects
 * (and the garbage collector's work) at once. Each call of customers() or vehicles() starts over and yields the same
 * rows (each has its own random stream), so the two can be read in either order.
 */
export interface Dealership {
  customerCount: number;
  vehicleCount: number;
  customers(): IterableIterator<PlannedCustomer>;
  vehicles(): IterableIterator<PlannedVehicle>;
}

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
/** The earliest model year the demo dealership serves. */
const FIRST_YEAR = 2012;
const LAST_YEAR = 2026;

const surnames = new Weighted(SURNAMES);
const mobilePrefixes = new Weighted(MOBILE_PREFIXES);
const plateRegions = new Weighted(PLATE_REGIONS);
const colours = new Weighted(COLOURS);
const personContact = new Weighted(PERSON_CONTACT);
const companyContact = new Weighted(COMPANY_CONTACT);

/** A moment in business hours (Beijing, UTC+8) on the day of `ms`, never after `now`. */
function businessHours(random: Random, ms: number, now: number): number {
  const day = Math.floor(ms / DAY) * DAY;
  const at = day + random.int(1, 9) * 3_600_000 + random.int(0, 3599) * 1000;
  return Math.min(at, now);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function personName(random: Random): string {
  const given = random.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE;
  const length = random.chance(0.25) ? 1 : 2;
  let name = surnames.pick(random);
  for (let i = 0; i < length; i++) name += random.pick(given);
  return name;
}

class Maker {
  private readonly phones = new Set<string>();
  private readonly plates = new Set<string>();
  private readonly vins = new Set<string>();
  private readonly companies = new Set<string>();

  constructor(
    readonly random: Random,
    private readonly now: number,
  ) {}

  mobile(): string {
    for (;;) {
      const number = mobilePrefixes.pick(this.random) + this.random.digits(8);
      if (!this.phones.has(number)) {
        this.phones.add(number);
        return number;
      }
    }
  }

  /** A Beijing landline (010 + 8 digits), as stored: digits only. */
  landline(): string {
    for (;;) {
      const number = normalizePhone(`010-${this.random.int(5, 8)}${this.random.digits(7)}`);
      if (!this.phones.has(number)) {
        this.phones.add(number);
        return number;
      }
    }
  }

  address(): string {
    const r = this.random;
    if (r.chance(0.12)) return `${r.pick(OTHER_CITIES)}${r.pick(ROADS)}${r.int(1, 300)}号`;
    const first = r.pick(ESTATE_WORDS);
    let second = r.pick(ESTATE_WORDS);
    if (second === first) second = ESTATE_WORDS[(ESTATE_WORDS.indexOf(first) + 1) % ESTATE_WORDS.length]!;
    const estate = `${first}${second}${r.pick(ESTATES)}`;
    return `北京市${r.pick(BEIJING_DISTRICTS)}${r.pick(ROADS)}${r.int(1, 200)}号${estate}${r.int(1, 30)}号楼${r.int(1, 6)}单元${r.int(1, 28)}${String(r.int(1, 4)).padStart(2, '0')}`;
  }

  companyName(): string {
    const r = this.random;
    for (;;) {
      const name = `${r.pick(COMPANY_CITIES)}${r.pick(TRADE_FIRST)}${r.pick(TRADE_SECOND)}${r.pick(BUSINESSES)}有限公司`;
      if (!this.companies.has(name)) {
        this.companies.add(name);
        return name;
      }
    }
  }

  email(company: boolean): string {
    const r = this.random;
    if (company)
      return `${r.chars('abcdefghijklmnopqrstuvwxyz', r.int(3, 8))}@${r.chars('abcdefghijklmnopqrstuvwxyz', r.int(3, 6))}.com.cn`;
    if (r.chance(0.4)) return `${r.int(1, 9)}${r.digits(r.int(5, 9))}@qq.com`;
    return `${r.chars('abcdefghijklmnopqrstuvwxyz', r.int(3, 8))}${r.digits(r.int(2, 4))}@${r.pick(EMAIL_DOMAINS)}`;
  }

  customer(kind: CustomerKind, createdAt: number): PlannedCustomer {
    const r = this.random;
    const company = kind === 'company';
    const name = company ? this.companyName() : personName(r);
    const phones: PlannedCustomer['phones'] = [{ number: this.mobile(), label: 'mobile' }];
    if (r.chance(company ? 0.45 : 0.15)) {
      if (company || r.chance(0.4)) phones.push({ number: this.landline(), label: company ? 'work' : 'home' });
      else phones.push({ number: this.mobile(), label: r.chance(0.5) ? 'mobile' : 'work' });
    }
    const email = r.chance(company ? 0.6 : 0.2) ? this.email(company) : '';
    const address = r.chance(company ? 1 : 0.8) ? this.address() : '';
    let preferredContact = (company ? companyContact : personContact).pick(r);
    if ((preferredContact === 'email' && !email) || (preferredContact === 'letter' && !address)) preferredContact = 'phone';
    return {
      kind,
      name,
      contactPerson: company ? personName(r) : '',
      email,
      address,
      preferredContact,
      consent: r.chance(0.88),
      createdAt,
      phones,
    };
  }

  /** GA 36-2018 ordinary serial: five letters/digits, at most two letters, never I or O. */
  ordinarySerial(): string {
    const r = this.random;
    const letters = r.chance(0.4) ? 0 : r.chance(0.75) ? 1 : 2;
    const chars = [...r.digits(5)];
    for (let i = 0; i < letters; i++) chars[r.int(0, 4)] = r.chars(PLATE_LETTERS, 1);
    return chars.join('');
  }

  /** Small new-energy serial: D (pure electric) or F (plug-in/range extender), a letter or digit, four digits. */
  newEnergySerial(fuel: FuelType): string {
    const r = this.random;
    return `${fuel === 'bev' || fuel === 'fcev' ? 'D' : 'F'}${r.chars(PLATE_CHARS, 1)}${r.digits(4)}`;
  }

  plate(fuel: FuelType): string {
    const newEnergy = NEW_ENERGY_FUEL_TYPES.includes(fuel);
    for (;;) {
      const region = plateRegions.pick(this.random);
      const office = this.random.chars(region.offices, 1);
      const serial = newEnergy ? this.newEnergySerial(fuel) : this.ordinarySerial();
      const plate = `${region.province}${office}${serial}`;
      if (this.unique(this.plates, plate)) return plate;
    }
  }

  /** Plates of no GA 36-2018 format, kept on purpose: the app must warn about them, never refuse them. */
  oddPlate(kind: 'temporary' | 'foreign'): string {
    const r = this.random;
    for (;;) {
      // A paper temporary plate typed as it reads ("临京 123456"), or a Hong Kong cross-border car ("HK AB 1234").
      const raw = kind === 'temporary' ? `临京 ${r.digits(6)}` : `HK ${r.chars(PLATE_LETTERS, 2)} ${r.digits(4)}`;
      const plate = normalizePlate(raw);
      if (this.unique(this.plates, plate)) return plate;
    }
  }

  unique(set: Set<string>, value: string): boolean {
    if (set.has(value)) return false;
    set.add(value);
    return true;
  }

  vin(model: ModelSpec, year: number): string {
    const r = this.random;
    for (;;) {
      const body = `${model.wmi}${model.vds}${r.chars(VIN_CHARS, 2)}`;
      const tail = `${YEAR_CODES[year] ?? 'T'}${model.plant}${r.digits(6)}`;
      const draft = `${body}0${tail}`;
      const check = vinCheckCharacter(draft);
      let vin: string;
      if (model.imported) {
        // European makers put their own code at position 9; make sure it is not accidentally the ISO check digit.
        let ninth = r.chars(VIN_CHARS, 1);
        while (ninth === check) ninth = r.chars(VIN_CHARS, 1);
        vin = `${body}${ninth}${tail}`;
      } else {
        vin = `${body}${check}${tail}`;
      }
      if (this.unique(this.vins, vin)) return vin;
    }
  }

  /** The details of a car whose timeline is settled: odometer readings, plate, VIN, colour, engine. */
  vehicle(t: VehicleTimeline, plateKind: PlateChoice): PlannedVehicle {
    const r = this.random;
    const now = this.now;
    const model = MODELS[t.model]!;
    const { sold, createdAt } = t;
    const purchaseDate = t.boughtHere ? isoDay(sold) : null;
    const invoiceDate = t.boughtHere ? isoDay(Math.min(sold + (r.chance(0.85) ? 0 : r.int(1, 3)) * DAY, now)) : null;

    // Odometer: a few km at delivery for a car sold here, otherwise what it has run since it was sold.
    const kmPerYear = r.int(6_000, 25_000);
    const firstKm = t.boughtHere
      ? r.int(5, 80)
      : Math.max(0, Math.round(((createdAt - sold) / YEAR) * kmPerYear)) + r.int(0, 500);
    const readings = r.int(1, 4);
    const times: number[] = [];
    for (let i = 1; i < readings; i++) times.push(createdAt + Math.floor(r.next() * (now - createdAt)));
    times.sort((a, b) => a - b);
    const mileage: PlannedVehicle['mileage'] = [{ km: firstKm, at: createdAt, source: 'registration' }];
    for (const time of times) {
      const previous = mileage[mileage.length - 1]!;
      const at = Math.max(businessHours(r, time, now), previous.at + 1000);
      const km = Math.max(previous.km + 1, Math.round(firstKm + ((at - createdAt) / YEAR) * kmPerYear) + r.int(-200, 200));
      // Typed in by hand (a service elsewhere, a call): a check-in reading would claim a visit this car's service
      // history does not have (the history's own cars get theirs from real check-ins). The draw stays, so the rest
      // of the demo is the same dealership as before.
      r.chance(0.9);
      mileage.push({ km, at, source: 'manual' });
    }

    let plate = '';
    if (plateKind === 'normal') plate = this.plate(model.fuel);
    else if (plateKind !== 'none') plate = this.oddPlate(plateKind);

    return {
      vin: this.vin(model, t.year),
      imported: model.imported === true,
      plate,
      make: model.make,
      model: model.model,
      year: t.year,
      colour: colours.pick(r),
      fuelType: model.fuel,
      engine: r.pick(model.engines),
      purchaseDate,
      invoiceDate,
      createdAt,
      // Every later reading and an owner change are saves that touch the car (as the services do).
      updatedAt: mileage[mileage.length - 1]!.at,
      version: mileage.length,
      owners: [],
      mileage,
    };
  }
}

type PlateChoice = 'normal' | 'none' | 'temporary' | 'foreign';

interface VehicleTimeline {
  /** Index into MODELS. */
  model: number;
  year: number;
  sold: number;
  boughtHere: boolean;
  /** When the dealership first saw the car: the sale, or a later first visit for a car bought elsewhere. */
  createdAt: number;
}

const MODEL_INDEX = new Map(MODELS.map((m, i) => [m, i]));
const DOMESTIC_MODELS = new Weighted(MODELS.filter((m) => !m.imported).map((m) => [MODEL_INDEX.get(m)!, m.weight] as const));
const IMPORTED_MODELS = MODELS.filter((m) => m.imported).map((m) => MODEL_INDEX.get(m)!);

/** Which model, which model year, and when it was sold and first seen. */
function vehicleTimeline(r: Random, imported: boolean, now: number, nowYear: number): VehicleTimeline {
  let model = imported ? r.pick(IMPORTED_MODELS) : DOMESTIC_MODELS.pick(r);
  // A model not built in the years this file covers (clock set early) falls back to a long-running one.
  if (MODELS[model]!.from > nowYear) model = 0;
  const spec = MODELS[model]!;
  const first = Math.max(FIRST_YEAR, spec.from);
  const last = Math.min(spec.to, nowYear);
  // More recent cars are more common in a service bay.
  const year = first + Math.min(last - first, Math.floor((last - first + 1) * Math.sqrt(r.next())));
  // Sold between September of the year before the model year and the end of the model year.
  const soldFrom = Date.UTC(year - 1, 8, 1);
  const soldTo = Math.min(Date.UTC(year, 11, 31), now - DAY);
  // Every draw is made whatever the clock says, so a seed gives the same people, cars and counts on any day.
  const u = r.next();
  const sold = soldFrom >= soldTo ? soldTo : soldFrom + Math.floor(u * (soldTo - soldFrom));
  const boughtHere = r.chance(0.92);
  // A car bought elsewhere is first seen at a later visit.
  const seen = boughtHere ? sold : sold + Math.floor(r.next() * (now - sold));
  return { model, year, sold, boughtHere, createdAt: businessHours(r, seen, now) };
}

/** `count` distinct indices in [0, n). */
function distinctIndices(random: Random, n: number, count: number): number[] {
  const chosen = new Set<number>();
  const wanted = Math.min(n, count);
  while (chosen.size < wanted) chosen.add(random.int(0, n - 1));
  return [...chosen];
}

/** Independent random streams per part, so reading the customers and the cars in any order gives the same rows. */
function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + stream * 0x632be5ab) >>> 0;
}

/**
 * Plans the dealership (deterministic for a seed and a clock). Cars first, because a customer's file starts the day
 * they bought their first car here; the timeline is fixed here, the rows are made when read.
 */
export function planDealership(options: { customers: number; vehicles: number; seed: number; now: Date }): Dealership {
  const random = new Random(streamSeed(options.seed, 0));
  const now = options.now.getTime();
  const nowYear = Math.min(LAST_YEAR, options.now.getUTCFullYear());
  const customerCount = options.customers;
  const vehicleCount = options.vehicles;

  // The deliberate oddities: a couple of cars without a plate, a few with a temporary or a foreign plate.
  const noPlate = Math.max(2, Math.round(vehicleCount / 20_000));
  const odd = distinctIndices(random, vehicleCount, noPlate + 2 * Math.max(1, Math.round(vehicleCount / 40_000)));
  const plateKinds = new Map<number, Exclude<PlateChoice, 'normal'>>();
  odd.forEach((index, i) => plateKinds.set(index, i < noPlate ? 'none' : (i - noPlate) % 2 === 0 ? 'temporary' : 'foreign'));

  // About 1 in 200 cars is a European import whose VIN fails the check digit; at least one, so the demo shows it.
  const imported = new Set(distinctIndices(random, vehicleCount, Math.max(1, Math.round(vehicleCount / 200))));

  const model = new Uint8Array(vehicleCount);
  const year = new Uint16Array(vehicleCount);
  const sold = new Float64Array(vehicleCount);
  const boughtHere = new Uint8Array(vehicleCount);
  const createdAt = new Float64Array(vehicleCount);
  for (let i = 0; i < vehicleCount; i++) {
    const t = vehicleTimeline(random, imported.has(i), now, nowYear);
    model[i] = t.model;
    year[i] = t.year;
    sold[i] = t.sold;
    boughtHere[i] = t.boughtHere ? 1 : 0;
    createdAt[i] = t.createdAt;
  }

  // Companies are a few per cent of the files and run small fleets.
  const company = new Uint8Array(customerCount);
  for (let c = 0; c < customerCount; c++) company[c] = random.chance(0.06) ? 1 : 0;

  // Owners: every customer gets one car while cars last (in shuffled order), the rest go to customers who have
  // fewer than three (a company up to eight), so most own one car and some two or three.
  const order = new Int32Array(customerCount);
  for (let c = 0; c < customerCount; c++) order[c] = c;
  for (let c = customerCount - 1; c > 0; c--) {
    const j = random.int(0, c);
    const t = order[c]!;
    order[c] = order[j]!;
    order[j] = t;
  }
  const owner = new Int32Array(vehicleCount).fill(-1);
  const previousOwner = new Int32Array(vehicleCount).fill(-1);
  const transferAt = new Float64Array(vehicleCount);
  const owned = new Uint8Array(customerCount);
  const firstSeen = new Float64Array(customerCount).fill(Number.POSITIVE_INFINITY);
  const capOf = (c: number) => (company[c] ? 8 : 3);
  for (let i = 0; i < vehicleCount && customerCount > 0; i++) {
    let current: number;
    if (i < customerCount) current = order[i]!;
    else {
      let tries = 0;
      do current = random.int(0, customerCount - 1);
      while (owned[current]! >= capOf(current) && ++tries < 50);
    }
    owned[current]! += 1;
    owner[i] = current;
    // A few cars changed hands once, at least half a year after they came in. The draws are made for every car, so
    // the rest of the plan does not shift with the minute the seed runs.
    const from = createdAt[i]!;
    const changes = random.chance(0.025);
    let previous = random.int(0, Math.max(0, customerCount - 1));
    if (previous === current) previous = (previous + 1) % customerCount;
    const at = businessHours(random, from + 180 * DAY + Math.floor(random.next() * Math.max(0, now - from - 190 * DAY)), now);
    if (changes && customerCount > 1 && now - from > 200 * DAY) {
      previousOwner[i] = previous;
      transferAt[i] = at;
      firstSeen[previous] = Math.min(firstSeen[previous]!, from);
      firstSeen[current] = Math.min(firstSeen[current]!, at);
    } else {
      firstSeen[current] = Math.min(firstSeen[current]!, from);
    }
  }

  const earliest = Date.UTC(FIRST_YEAR, 0, 1);
  return {
    customerCount,
    vehicleCount,
    *customers() {
      const maker = new Maker(new Random(streamSeed(options.seed, 1)), now);
      for (let c = 0; c < customerCount; c++) {
        const seen = firstSeen[c]!;
        // A file without a car (yet) was opened at some visit since the dealership opened.
        const created = Number.isFinite(seen)
          ? seen
          : businessHours(maker.random, earliest + Math.floor(maker.random.next() * (now - earliest)), now);
        yield maker.customer(company[c] ? 'company' : 'person', created);
      }
    },
    *vehicles() {
      const maker = new Maker(new Random(streamSeed(options.seed, 2)), now);
      for (let i = 0; i < vehicleCount; i++) {
        const timeline = {
          model: model[i]!,
          year: year[i]!,
          sold: sold[i]!,
          boughtHere: boughtHere[i] === 1,
          createdAt: createdAt[i]!,
        };
        const vehicle = maker.vehicle(timeline, plateKinds.get(i) ?? 'normal');
        const from = createdAt[i]!;
        if (owner[i]! < 0) {
          // No customers at all: a car without an owner.
        } else if (previousOwner[i]! >= 0) {
          const at = transferAt[i]!;
          vehicle.owners.push({ customer: previousOwner[i]!, from, to: at }, { customer: owner[i]!, from: at, to: null });
          vehicle.version += 1;
          vehicle.updatedAt = Math.max(vehicle.updatedAt, at);
        } else {
          vehicle.owners.push({ customer: owner[i]!, from, to: null });
        }
        yield vehicle;
      }
    },
  };
}
