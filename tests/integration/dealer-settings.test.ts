import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES, type DealerDto, type SetDealerInput } from '../../shared/contract/settings';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

/** A real 1×1 PNG. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_START = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46];

/** A data URL of `size` bytes that start with `head` (the rest zeros): what the magic-byte and size checks read. */
function dataUrl(mime: string, head: number[], size: number): string {
  const bytes = Buffer.alloc(size);
  Buffer.from(head).copy(bytes);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

let t: TestCore;
let manager: SignedIn;
let admin: SignedIn;
let advisor: SignedIn;
let technician: SignedIn;
beforeAll(async () => {
  t = await openTestCore();
  manager = await signIn(t.core, 'manager');
  admin = await signIn(t.core, 'admin');
  advisor = await signIn(t.core, 'advisor');
  technician = await signIn(t.core, 'technician');
});
afterAll(async () => {
  await t?.close();
});

/** The settings table as it is in the file: proof that a refused save wrote nothing. */
function settingsRows(): { key: string; value: string }[] {
  return t.core.deps.sqlite.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
}

function inputFrom(dealer: DealerDto, overrides: Partial<SetDealerInput> = {}): SetDealerInput {
  return {
    name: dealer.name || '恒达汽车',
    address: dealer.address,
    phone: dealer.phone,
    logo: dealer.logo,
    version: dealer.version,
    ...overrides,
  };
}

describe('settings.dealer and settings.setDealer', () => {
  it('is empty until set: documents fall back to BayDesk', async () => {
    const dealer = await technician.client.settings.dealer();
    expect(dealer).toEqual({ name: '', address: '', phone: '', logo: null, version: 0, updatedAt: null });
  });

  it('the manager sets a Chinese name and a PNG logo; every role reads them back as saved', async () => {
    const before = await manager.client.settings.dealer();
    const saved = await manager.client.settings.setDealer({
      name: '  北京恒达汽车销售服务有限公司 ',
      address: '北京市朝阳区东四环中路 88 号',
      phone: '010-6543 2100',
      logo: `data:image/png;base64,${PNG_1PX}`,
      version: before.version,
    });
    expect(saved).toMatchObject({
      name: '北京恒达汽车销售服务有限公司',
      address: '北京市朝阳区东四环中路 88 号',
      phone: '010-6543 2100',
      logo: `data:image/png;base64,${PNG_1PX}`,
      version: before.version + 1,
      updatedAt: '2026-11-24T02:00:00.000Z',
    });
    expect(await advisor.client.settings.dealer()).toEqual(saved);
    expect(await technician.client.settings.dealer()).toEqual(saved);
  });

  it('an advisor may read the dealer but not change it, and nothing is written', async () => {
    const dealer = await advisor.client.settings.dealer();
    const rows = settingsRows();
    await expectApiError(advisor.client.settings.setDealer(inputFrom(dealer, { name: '别的名字' })), 'FORBIDDEN', {
      reason: 'role.forbidden',
    });
    await expectApiError(technician.client.settings.setDealer(inputFrom(dealer, { name: '别的名字' })), 'FORBIDDEN');
    expect(settingsRows()).toEqual(rows);
  });

  it('the admin may set the dealer too, and a JPEG logo is accepted', async () => {
    const dealer = await admin.client.settings.dealer();
    const jpeg = dataUrl('image/jpeg', JPEG_START, 2000);
    const saved = await admin.client.settings.setDealer(inputFrom(dealer, { logo: jpeg }));
    expect(saved.logo).toBe(jpeg);
    expect(saved.version).toBe(dealer.version + 1);
  });

  it('refuses a logo that is not a PNG or JPEG, or is larger than 300 KB, and writes nothing', async () => {
    const dealer = await manager.client.settings.dealer();
    const rows = settingsRows();
    const refused: [string, string][] = [
      ['a GIF', 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'],
      ['text calling itself a PNG', `data:image/png;base64,${Buffer.from('not an image at all').toString('base64')}`],
      ['a JPEG calling itself a PNG', dataUrl('image/png', JPEG_START, 100)],
      ['a PNG calling itself a JPEG', `data:image/jpeg;base64,${PNG_1PX}`],
      ['no data URL', PNG_1PX],
      ['broken base64', 'data:image/png;base64,iVBORw0KGgo$$$'],
      ['an SVG', `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`],
    ];
    for (const [what, logo] of refused) {
      const error = await expectApiError(
        manager.client.settings.setDealer(inputFrom(dealer, { name: '不该保存', logo })),
        'INVALID_INPUT',
      );
      expect(error.issues, what).toContainEqual(expect.objectContaining({ field: 'logo', reason: 'logo.notImage' }));
    }
    const tooLarge = dataUrl('image/png', PNG_SIGNATURE, MAX_LOGO_BYTES + 1);
    await expectApiError(
      manager.client.settings.setDealer(inputFrom(dealer, { name: '不该保存', logo: tooLarge })),
      'INVALID_INPUT',
      {
        field: 'logo',
        reason: 'logo.tooLarge',
        params: { max: 300 },
      },
    );
    expect(settingsRows()).toEqual(rows);
    expect(await manager.client.settings.dealer()).toEqual(dealer);
  });

  it('takes a logo of exactly 300 KB', async () => {
    const dealer = await manager.client.settings.dealer();
    const largest = dataUrl('image/png', PNG_SIGNATURE, MAX_LOGO_BYTES);
    expect((await manager.client.settings.setDealer(inputFrom(dealer, { logo: largest }))).logo).toBe(largest);
  });

  it('needs a name and a valid phone; the logo may be removed', async () => {
    const dealer = await manager.client.settings.dealer();
    const rows = settingsRows();
    await expectApiError(manager.client.settings.setDealer(inputFrom(dealer, { name: '   ' })), 'INVALID_INPUT', {
      field: 'name',
      reason: 'required',
    });
    await expectApiError(manager.client.settings.setDealer(inputFrom(dealer, { phone: 'call us' })), 'INVALID_INPUT', {
      field: 'phone',
      reason: 'phone.characters',
    });
    expect(settingsRows()).toEqual(rows);
    const cleared = await manager.client.settings.setDealer(inputFrom(dealer, { logo: null, phone: '' }));
    expect(cleared).toMatchObject({ logo: null, phone: '', name: dealer.name });
    expect(await advisor.client.settings.dealer()).toEqual(cleared);
  });

  it('refuses a save over another desk’s newer one', async () => {
    const read = await manager.client.settings.dealer();
    await admin.client.settings.setDealer(inputFrom(read, { address: '另一张桌子的地址' }));
    const rows = settingsRows();
    await expectApiError(manager.client.settings.setDealer(inputFrom(read, { address: '我的地址' })), 'CONFLICT', {
      field: 'version',
      reason: 'staleVersion',
    });
    expect(settingsRows()).toEqual(rows);
    expect((await manager.client.settings.dealer()).address).toBe('另一张桌子的地址');
  });

  it('needs a signed-in user to read', async () => {
    await expectApiError(t.core.client().settings.dealer(), 'UNAUTHENTICATED');
  });
});
