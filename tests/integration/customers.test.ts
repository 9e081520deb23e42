import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerFields } from '../../shared/contract/customers';
import { countAll, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { customerData, makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// Sessions last 12 hours and every test starts at FIXED_NOW, so a test moves the clock by a few hours at most.
const HOUR = 3600_000;

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

/** The editable fields of a saved file, for an update that changes only what the test says. */
function fieldsOf(c: Awaited<ReturnType<typeof makeCustomer>>): CustomerFields {
  return {
    kind: c.kind,
    name: c.name,
    contactPerson: c.contactPerson,
    phones: c.phones,
    email: c.email,
    address: c.address,
    preferredContact: c.preferredContact,
    consentToContact: c.consentToContact,
  };
}

describe('customers: create, get, update', () => {
  it('create saves the file and get returns it as saved', async () => {
    const created = await advisor.client.customers.create({
      kind: 'company',
      name: '  北京顺达物流有限公司 ',
      contactPerson: '刘师傅',
      phones: [{ number: '010-6552 9988', label: 'work' }],
      email: 'fleet@shunda.cn',
      address: '北京市朝阳区',
      preferredContact: 'wechat',
    });
    expect(created).toMatchObject({
      kind: 'company',
      name: '北京顺达物流有限公司',
      contactPerson: '刘师傅',
      phones: [{ number: '01065529988', label: 'work' }],
      email: 'fleet@shunda.cn',
      preferredContact: 'wechat',
      consentToContact: false,
      consentChangedAt: null,
      mergedIntoId: null,
      version: 1,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
      vehicles: [],
      pastVehicles: [],
      notes: [],
    });
    expect(await advisor.client.customers.get({ id: created.id })).toEqual(created);
  });

  it('a customer that does not exist is NOT_FOUND', async () => {
    await expectApiError(advisor.client.customers.get({ id: 987654 }), 'NOT_FOUND', {
      reason: 'notFound',
      params: { what: 'customer' },
    });
  });

  it('phones are stored normalised and the same number typed twice is kept once', async () => {
    const c = await makeCustomer(advisor.client, {
      phones: [
        { number: '138-0013-8000', label: 'mobile' },
        { number: '138 0013 8000', label: 'work' },
        { number: '+86 138 0013 8000', label: 'home' },
        { number: '(010) 6552.9988', label: 'home' },
      ],
    });
    expect(c.phones).toEqual([
      { number: '13800138000', label: 'mobile' },
      { number: '+8613800138000', label: 'home' },
      { number: '01065529988', label: 'home' },
    ]);
  });

  it('update saves the change and raises the version; a second update from the old version is a CONFLICT and the first is kept', async () => {
    const c = await makeCustomer(advisor.client);
    t.clock.advance(60_000);
    const first = await advisor.client.customers.update({ ...fieldsOf(c), id: c.id, version: c.version, name: '王芳 (desk 1)' });
    expect(first).toMatchObject({
      name: '王芳 (desk 1)',
      version: c.version + 1,
      updatedAt: t.clock.now().toISOString(),
      createdAt: FIXED_NOW,
    });

    // Another desk still holds the file as it was read before the first save.
    const before = countAll(t.core);
    await expectApiError(
      manager.client.customers.update({
        ...fieldsOf(c),
        id: c.id,
        version: c.version,
        name: '王芳 (desk 2)',
        phones: [{ number: '13700000000' }],
      }),
      'CONFLICT',
      { field: 'version', reason: 'staleVersion' },
    );
    expect(countAll(t.core)).toEqual(before);
    expect(await advisor.client.customers.get({ id: c.id })).toEqual(first);

    // Having reloaded, desk 2 can save.
    const second = await manager.client.customers.update({ ...fieldsOf(first), id: c.id, version: first.version, name: '王芳' });
    expect(second).toMatchObject({ name: '王芳', version: c.version + 2 });
  });

  it('update replaces the phones (normalised, de-duplicated)', async () => {
    const c = await makeCustomer(advisor.client);
    const updated = await advisor.client.customers.update({
      ...fieldsOf(c),
      id: c.id,
      version: c.version,
      phones: [{ number: '136 0000 1111' }, { number: '136-0000-1111' }, { number: '010 8888 7777', label: 'home' }],
    });
    expect(updated.phones).toEqual([
      { number: '13600001111', label: 'mobile' },
      { number: '01088887777', label: 'home' },
    ]);
    expect((await advisor.client.customers.lookup({ q: c.phones[0]!.number })).rows.map((r) => r.customerId)).not.toContain(c.id);
    expect((await advisor.client.customers.lookup({ q: '13600001111' })).rows.map((r) => r.customerId)).toContain(c.id);
  });

  it('a save that keeps name and phones keeps them findable; a changed name and phone are found by the new value only', async () => {
    const c = await makeCustomer(advisor.client, { name: 'Keepsake Huang', phones: [{ number: '139 7100 2233' }] });
    const grid = async (column: 'name' | 'phone', filter: string) =>
      (
        await advisor.client.customers.grid({
          startRow: 0,
          endRow: 50,
          filterModel: { [column]: { filterType: 'text', type: 'contains', filter } },
        })
      ).rows.map((r) => r.id);
    const kept = await advisor.client.customers.update({ ...fieldsOf(c), id: c.id, version: c.version, address: '北京市朝阳区' });
    expect(kept.phones).toEqual([{ number: '13971002233', label: 'mobile' }]);
    expect(await grid('name', 'epsake')).toEqual([c.id]);
    expect(await grid('phone', '71002233')).toEqual([c.id]);

    await advisor.client.customers.update({
      ...fieldsOf(kept),
      id: c.id,
      version: kept.version,
      name: 'Keepwell Huang',
      phones: [{ number: '139 7100 4455' }],
    });
    expect(await grid('name', 'epsake')).toEqual([]);
    expect(await grid('name', 'epwell')).toEqual([c.id]);
    expect(await grid('phone', '71002233')).toEqual([]);
    expect(await grid('phone', '71004455')).toEqual([c.id]);
  });

  it('consent: dated when given, the date kept when other fields change, re-dated when withdrawn', async () => {
    const c = await makeCustomer(advisor.client, { consentToContact: true });
    expect(c.consentToContact).toBe(true);
    expect(c.consentChangedAt).toBe(FIXED_NOW);

    t.clock.advance(3 * HOUR);
    const moved = await advisor.client.customers.update({
      ...fieldsOf(c),
      id: c.id,
      version: c.version,
      address: '上海市浦东新区',
    });
    expect(moved.address).toBe('上海市浦东新区');
    expect(moved.consentChangedAt).toBe(FIXED_NOW);
    expect(moved.updatedAt).toBe(t.clock.now().toISOString());

    t.clock.advance(HOUR);
    const withdrawn = await advisor.client.customers.update({
      ...fieldsOf(moved),
      id: c.id,
      version: moved.version,
      consentToContact: false,
    });
    expect(withdrawn.consentToContact).toBe(false);
    expect(withdrawn.consentChangedAt).toBe(t.clock.now().toISOString());
  });

  it('a customer created without consent has no consent date until consent is given', async () => {
    const c = await makeCustomer(advisor.client);
    expect(c.consentChangedAt).toBeNull();
    t.clock.advance(HOUR);
    const given = await advisor.client.customers.update({ ...fieldsOf(c), id: c.id, version: c.version, consentToContact: true });
    expect(given.consentChangedAt).toBe(t.clock.now().toISOString());
  });

  describe('bad input is refused with the field named, and nothing is written', () => {
    const good = customerData(900);
    it.each<[string, Record<string, unknown>, { field?: string; reason: string; params?: Record<string, string | number> }]>([
      ['an empty name', { name: '' }, { field: 'name', reason: 'required' }],
      ['a blank name', { name: '   ' }, { field: 'name', reason: 'required' }],
      ['a name too long', { name: '名'.repeat(101) }, { field: 'name', reason: 'tooLong', params: { max: 100 } }],
      ['a phone with letters', { phones: [{ number: '138abcd8000' }] }, { field: 'phones.0.number', reason: 'phone.characters' }],
      ['a phone too short', { phones: [{ number: '1234' }] }, { field: 'phones.0.number', reason: 'phone.length' }],
      ['no phone', { phones: [] }, { field: 'phones', reason: 'tooFewItems', params: { min: 1 } }],
      [
        'too many phones',
        { phones: Array.from({ length: 6 }, (_, i) => ({ number: `1350000000${i}` })) },
        { field: 'phones', reason: 'tooManyItems', params: { max: 5 } },
      ],
      ['an unknown field', { vip: true }, { reason: 'unknownField', params: { keys: 'vip' } }],
      ['a bad e-mail address', { email: 'wang@' }, { field: 'email', reason: 'email' }],
      ['an unknown kind', { kind: 'robot' }, { field: 'kind', reason: 'invalidOption' }],
    ])('create with %s', async (_label, change, issue) => {
      const before = countAll(t.core);
      const error = await expectApiError(
        advisor.client.customers.create({ ...good, ...change } as CustomerFields),
        'INVALID_INPUT',
        issue,
      );
      expect(error.issues).toHaveLength(1);
      expect(countAll(t.core)).toEqual(before);
    });

    it('update with a bad phone leaves the saved file as it was', async () => {
      const c = await makeCustomer(advisor.client);
      await expectApiError(
        advisor.client.customers.update({
          ...fieldsOf(c),
          id: c.id,
          version: c.version,
          name: 'Changed',
          phones: [{ number: 'call me' }],
        }),
        'INVALID_INPUT',
        { field: 'phones.0.number', reason: 'phone.characters' },
      );
      expect(await advisor.client.customers.get({ id: c.id })).toEqual(c);
    });
  });
});

describe('customers: notes', () => {
  it('addNote records the author and the time; the file lists notes newest first', async () => {
    const c = await makeCustomer(advisor.client);
    const first = await advisor.client.customers.addNote({ customerId: c.id, body: '  Prefers Saturday mornings  ' });
    expect(first).toMatchObject({
      body: 'Prefers Saturday mornings',
      authorName: advisor.session.user.displayName,
      createdAt: FIXED_NOW,
    });
    t.clock.advance(HOUR);
    const second = await manager.client.customers.addNote({ customerId: c.id, body: '投诉已处理' });
    const file = await advisor.client.customers.get({ id: c.id });
    expect(file.notes).toEqual([second, first]);
    expect(file.notes[0]).toMatchObject({ authorName: manager.session.user.displayName, createdAt: t.clock.now().toISOString() });
  });

  it('a note for a customer that does not exist is NOT_FOUND and nothing is written', async () => {
    const before = countAll(t.core);
    await expectApiError(advisor.client.customers.addNote({ customerId: 424242, body: 'x' }), 'NOT_FOUND');
    await expectApiError(advisor.client.customers.addNote({ customerId: 1, body: '   ' }), 'INVALID_INPUT', {
      field: 'body',
      reason: 'required',
    });
    expect(countAll(t.core)).toEqual(before);
  });
});

describe('customers: merge', () => {
  it('folds phones, vehicles and notes into the kept file and retires the duplicate', async () => {
    const keep = await makeCustomer(advisor.client, { name: '陈静', phones: [{ number: '13811112222' }] });
    const keepCar = await makeVehicle(advisor.client, keep.id);
    await advisor.client.customers.addNote({ customerId: keep.id, body: 'kept note' });
    const dup = await makeCustomer(advisor.client, {
      name: '陈静 duplicate',
      phones: [{ number: '138-1111-2222' }, { number: '13933334444', label: 'work' }],
    });
    const dupCar = await makeVehicle(advisor.client, dup.id);
    await advisor.client.customers.addNote({ customerId: dup.id, body: 'duplicate note' });
    t.clock.advance(HOUR);

    const merged = await advisor.client.customers.merge({ keepId: keep.id, duplicateId: dup.id });
    expect(merged.id).toBe(keep.id);
    expect(merged.phones).toEqual([
      { number: '13811112222', label: 'mobile' },
      { number: '13933334444', label: 'work' },
    ]);
    expect(merged.vehicles.map((v) => v.id).sort()).toEqual([keepCar.id, dupCar.id].sort());
    expect(merged.notes.map((n) => n.body).sort()).toEqual(['duplicate note', 'kept note']);
    expect(merged.version).toBeGreaterThan(keep.version);
    expect(merged.updatedAt).toBe(t.clock.now().toISOString());

    const retired = await advisor.client.customers.get({ id: dup.id });
    expect(retired).toMatchObject({ mergedIntoId: keep.id, phones: [], vehicles: [], notes: [] });

    // The look-up no longer finds the duplicate, by name or by its phone; its phone and car lead to the kept file.
    const byName = await advisor.client.customers.lookup({ q: '陈静 dup' });
    expect(byName.rows).toEqual([]);
    const byPhone = await advisor.client.customers.lookup({ q: '13933334444' });
    // One line per car of the kept file: it now has both.
    expect(byPhone.rows.map((r) => [r.customerId, r.vehicleId])).toEqual(
      expect.arrayContaining([
        [keep.id, keepCar.id],
        [keep.id, dupCar.id],
      ]),
    );
    expect(byPhone.rows).toHaveLength(2);
    const byPlate = await advisor.client.customers.lookup({ q: dupCar.plate });
    expect(byPlate.rows).toEqual([expect.objectContaining({ vehicleId: dupCar.id, customerId: keep.id, customerName: '陈静' })]);
    expect((await advisor.client.vehicles.get({ id: dupCar.id })).owners[0]).toMatchObject({ customerId: keep.id, to: null });
  });

  it('merging into or from a retired file is refused, and so is saving a retired file', async () => {
    const a = await makeCustomer(advisor.client);
    const b = await makeCustomer(advisor.client);
    const c = await makeCustomer(advisor.client);
    await advisor.client.customers.merge({ keepId: a.id, duplicateId: b.id });
    const before = countAll(t.core);
    await expectApiError(advisor.client.customers.merge({ keepId: b.id, duplicateId: c.id }), 'RULE', {
      field: 'keepId',
      reason: 'customer.merged',
      params: { into: a.id },
    });
    await expectApiError(advisor.client.customers.merge({ keepId: c.id, duplicateId: b.id }), 'RULE', {
      field: 'duplicateId',
      reason: 'customer.merged',
    });
    const retired = await advisor.client.customers.get({ id: b.id });
    await expectApiError(
      advisor.client.customers.update({
        ...fieldsOf(b),
        phones: [{ number: '13000000001' }],
        id: b.id,
        version: retired.version,
      }),
      'RULE',
      { reason: 'customer.merged' },
    );
    await expectApiError(makeVehicle(advisor.client, b.id), 'RULE', { field: 'ownerId', reason: 'customer.merged' });
    expect(countAll(t.core)).toEqual(before);
    expect(await advisor.client.customers.get({ id: c.id })).toEqual(c);
  });

  it('a file cannot be merged into itself', async () => {
    const a = await makeCustomer(advisor.client);
    await expectApiError(advisor.client.customers.merge({ keepId: a.id, duplicateId: a.id }), 'INVALID_INPUT', {
      field: 'duplicateId',
      reason: 'merge.same',
    });
  });
});

describe('customers: the grid', () => {
  const NAMES = ['Grid Echo', 'grid alpha', 'Grid Delta', 'Grid Bravo', 'Grid Charlie'];
  const ids: Record<string, number> = {};
  const onlyGrid = { name: { filterType: 'text' as const, type: 'startsWith' as const, filter: 'grid ' } };

  beforeAll(async () => {
    for (const [i, name] of NAMES.entries()) {
      const c = await makeCustomer(advisor.client, {
        name,
        kind: i % 2 === 0 ? 'person' : 'company',
        phones: [{ number: `1770000${i}${i}${i}${i}` }],
      });
      ids[name] = c.id;
    }
    await makeVehicle(advisor.client, ids['Grid Delta']!);
    await makeVehicle(advisor.client, ids['Grid Delta']!);
  });

  it('sorts by name, case-insensitively, both ways', async () => {
    const asc = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'name', sort: 'asc' }],
      filterModel: onlyGrid,
    });
    expect(asc.rows.map((r) => r.name)).toEqual(['grid alpha', 'Grid Bravo', 'Grid Charlie', 'Grid Delta', 'Grid Echo']);
    expect(asc.hasMore).toBe(false);
    const desc = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'name', sort: 'desc' }],
      filterModel: onlyGrid,
    });
    expect(desc.rows.map((r) => r.name)).toEqual(['Grid Echo', 'Grid Delta', 'Grid Charlie', 'Grid Bravo', 'grid alpha']);
  });

  it('pages with hasMore: every row once, in order, and the last page says there is no more', async () => {
    const request = (startRow: number, endRow: number) =>
      advisor.client.customers.grid({ startRow, endRow, sortModel: [{ colId: 'name', sort: 'asc' }], filterModel: onlyGrid });
    const pages = [await request(0, 2), await request(2, 4), await request(4, 6)];
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.map((p) => p.rows.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.name))).toEqual([
      'grid alpha',
      'Grid Bravo',
      'Grid Charlie',
      'Grid Delta',
      'Grid Echo',
    ]);
    // Exactly a full page left: no more.
    expect((await request(0, 5)).hasMore).toBe(false);
  });

  it('shows the first phone and the number of current cars', async () => {
    const { rows } = await advisor.client.customers.grid({ startRow: 0, endRow: 50, filterModel: onlyGrid });
    expect(rows.find((r) => r.name === 'Grid Delta')).toMatchObject({ phone: '17700002222', vehicleCount: 2, kind: 'person' });
    expect(rows.find((r) => r.name === 'Grid Bravo')).toMatchObject({ vehicleCount: 0, kind: 'company' });
  });

  it('filters by kind, by phone and by name "contains" (with % taken literally)', async () => {
    const companies = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      sortModel: [{ colId: 'name', sort: 'asc' }],
      filterModel: { ...onlyGrid, kind: { filterType: 'text', type: 'equals', filter: 'company' } },
    });
    expect(companies.rows.map((r) => r.name)).toEqual(['grid alpha', 'Grid Bravo']);

    const byPhone = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      filterModel: { phone: { filterType: 'text', type: 'contains', filter: '70000444' } },
    });
    expect(byPhone.rows.map((r) => r.name)).toEqual(['Grid Charlie']);

    const contains = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      filterModel: { name: { filterType: 'text', type: 'contains', filter: 'HARL' } },
    });
    expect(contains.rows.map((r) => r.name)).toEqual(['Grid Charlie']);

    const wildcard = await advisor.client.customers.grid({
      startRow: 0,
      endRow: 50,
      filterModel: { name: { filterType: 'text', type: 'contains', filter: '%' } },
    });
    expect(wildcard.rows).toEqual([]);
  });

  it('merged files are not listed', async () => {
    const a = await makeCustomer(advisor.client, { name: 'Grid Foxtrot' });
    const b = await makeCustomer(advisor.client, { name: 'Grid Golf' });
    await advisor.client.customers.merge({ keepId: a.id, duplicateId: b.id });
    const { rows } = await advisor.client.customers.grid({ startRow: 0, endRow: 50, filterModel: onlyGrid });
    expect(rows.map((r) => r.name)).toContain('Grid Foxtrot');
    expect(rows.map((r) => r.name)).not.toContain('Grid Golf');
  });

  it('an unknown column is refused, for sorting and for filtering', async () => {
    await expectApiError(
      advisor.client.customers.grid({ startRow: 0, endRow: 50, sortModel: [{ colId: 'password_hash' as 'name', sort: 'asc' }] }),
      'INVALID_INPUT',
      { field: 'sortModel.0.colId', reason: 'invalidOption' },
    );
    await expectApiError(
      advisor.client.customers.grid({
        startRow: 0,
        endRow: 50,
        filterModel: { 'name_key; DROP TABLE customers': { filterType: 'text', type: 'contains', filter: 'x' } } as never,
      }),
      'INVALID_INPUT',
      { field: 'filterModel', reason: 'unknownField' },
    );
    await expectApiError(advisor.client.customers.grid({ startRow: 0, endRow: 500 }), 'INVALID_INPUT', {
      field: 'endRow',
      reason: 'pageRange',
    });
  });
});
