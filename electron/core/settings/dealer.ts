import type { z } from 'zod';
import type { DealerDto, setDealerInput } from '../../../shared/contract/settings';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { staleVersion } from '../errors';
import { readSetting, writeSetting } from './repository';

/** Setting keys of the dealer's letterhead; the version guards against two desks saving over each other. */
export const DEALER_KEYS = {
  name: 'dealer.name',
  address: 'dealer.address',
  phone: 'dealer.phone',
  /** A PNG or JPEG data URL, '' for none. */
  logo: 'dealer.logo',
  version: 'dealer.version',
  updatedAt: 'dealer.updatedAt',
} as const;

type DealerInput = z.output<typeof setDealerInput>;

async function loadDealer(db: Db): Promise<DealerDto> {
  const [name, address, phone, logo, version, updatedAt] = await Promise.all([
    readSetting(db, DEALER_KEYS.name),
    readSetting(db, DEALER_KEYS.address),
    readSetting(db, DEALER_KEYS.phone),
    readSetting(db, DEALER_KEYS.logo),
    readSetting(db, DEALER_KEYS.version),
    readSetting(db, DEALER_KEYS.updatedAt),
  ]);
  const parsedVersion = version !== null && /^\d+$/.test(version) ? Number(version) : 0;
  return {
    name: name ?? '',
    address: address ?? '',
    phone: phone ?? '',
    logo: logo ? logo : null,
    version: parsedVersion,
    updatedAt: updatedAt ?? null,
  };
}

export async function dealer(deps: CoreDeps): Promise<DealerDto> {
  return loadDealer(deps.db);
}

/** Writes the whole letterhead in one transaction, over the version the screen read. */
export async function setDealer(deps: CoreDeps, input: DealerInput): Promise<DealerDto> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const current = await loadDealer(trx);
    if (current.version !== input.version) staleVersion();
    await writeSetting(trx, DEALER_KEYS.name, input.name);
    await writeSetting(trx, DEALER_KEYS.address, input.address);
    await writeSetting(trx, DEALER_KEYS.phone, input.phone);
    await writeSetting(trx, DEALER_KEYS.logo, input.logo ?? '');
    await writeSetting(trx, DEALER_KEYS.updatedAt, now);
    await writeSetting(trx, DEALER_KEYS.version, String(current.version + 1));
    return loadDealer(trx);
  });
}
