import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { CustomerDetail } from '../../shared/contract/customers';
import type { VehicleDetail } from '../../shared/contract/vehicles';
import { planLookup } from '../../electron/core/customers/lookup-plan';
import { lookupQuery } from '../../electron/core/customers/lookup-repository';
import { migration as pinyinMigration } from '../../electron/core/db/migrations/0034-create-customer-pinyin';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let zhang: CustomerDetail;
let zhangCar: VehicleDetail;
let shan: CustomerDetail;
let yue: CustomerDetail;
let company: CustomerDetail;

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  const c = advisor.client;
  zhang = await makeCustomer(c, { name: '张三' });
  zhangCar = await makeVehicle(c, zhang.id, { plate: '京A10001' });
  shan = await makeCustomer(c, { name: '单雄信' });
  yue = await makeCustomer(c, { name: '乐嘉' });
  company = await makeCustomer(c, { kind: 'company', name: '重庆长安汽车销售有限公司' });
  // Background: 40 people whose keys start with z, so a short query has more than a page.
  for (let i = 0; i < 40; i++) await makeCustomer(c, { name: `赵${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁'[i % 4]}` });
});
afterAll(async () => {
  await t?.close();
});

async function lookup(q: string, page: { offset?: number; limit?: number } = {}) {
  return advisor.client.customers.lookup({ q, ...page });
}

const idsOf = (rows: { customerId: number | null }[]) => rows.map((r) => r.customerId);

describe('look-up by pinyin, through the API', () => {
  it.each(['zs', 'zhang s', 'zhangs', 'zhangsan', 'ZhangSan', 'zhang san'])('“%s” finds 张三 with the car', async (q) => {
    const { rows } = await lookup(q);
    const row = rows.find((r) => r.customerId === zhang.id);
    expect(row, JSON.stringify(rows)).toMatchObject({ customerName: '张三', vehicleId: zhangCar.id, matchedBy: 'pinyin' });
  });

  it('a surname read as a surname, and as everyday: 单 shan and dan', async () => {
    expect(idsOf((await lookup('shan xx')).rows)).toEqual([shan.id]);
    expect(idsOf((await lookup('sxx')).rows)).toEqual([shan.id]);
    expect(idsOf((await lookup('danxiongxin')).rows)).toEqual([shan.id]);
  });

  it('a name with several readings is found by each: 乐嘉 as yuejia and lejia', async () => {
    expect(idsOf((await lookup('yuejia')).rows)).toEqual([yue.id]);
    expect(idsOf((await lookup('le jia')).rows)).toEqual([yue.id]);
  });

  it("a company's name: initials and full pinyin", async () => {
    expect(idsOf((await lookup('cqca')).rows)).toEqual([company.id]);
    expect(idsOf((await lookup('chongqing changan')).rows)).toEqual([company.id]);
  });

  it('each customer once, in key order, paged without a gap or a repeat', async () => {
    const all = (await lookup('z', { limit: 100 })).rows;
    const ids = idsOf(all);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(zhang.id);
    // The 40 赵, 张三, and 重庆… read as zhòng besides chóng.
    expect(ids.length).toBe(42);
    expect(ids).toContain(company.id);
    const first = await lookup('z', { limit: 20 });
    const second = await lookup('z', { offset: 20, limit: 20 });
    const third = await lookup('z', { offset: 40, limit: 20 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(true);
    expect(third.hasMore).toBe(false);
    expect([...idsOf(first.rows), ...idsOf(second.rows), ...idsOf(third.rows)]).toEqual(ids);
  });

  it('a renamed file is found by its new name only', async () => {
    const c = advisor.client;
    const li = await makeCustomer(c, { name: '李四' });
    expect(idsOf((await lookup('lisi')).rows)).toEqual([li.id]);
    const { vehicles: _v, pastVehicles: _p, notes: _n, id, version, kind, contactPerson, phones, email, address } = li;
    await c.customers.update({ id, version, kind, name: '钱五', contactPerson, phones, email, address });
    expect((await lookup('lisi')).rows).toEqual([]);
    expect(idsOf((await lookup('qianwu')).rows)).toEqual([li.id]);
  });

  it('a merged or erased file is found no more', async () => {
    const c = advisor.client;
    const keep = await makeCustomer(c, { name: '孙悟空' });
    const duplicate = await makeCustomer(c, { name: '孙悟空' });
    await c.customers.merge({ keepId: keep.id, duplicateId: duplicate.id });
    expect(idsOf((await lookup('swk')).rows)).toEqual([keep.id]);
    await manager.client.privacy.eraseCustomer({ customerId: keep.id, confirmName: keep.name, reason: '书面申请' });
    expect((await lookup('swk')).rows).toEqual([]);
    const left = t.core.deps.sqlite
      .prepare('SELECT count(*) AS n FROM customer_pinyin WHERE customer_id IN (?, ?)')
      .get(keep.id, duplicate.id) as { n: number };
    expect(left.n).toBe(0);
  });

  it('the migration keys the files already on file, and a repeated chunk writes nothing twice', async () => {
    const sqlite = t.core.deps.sqlite;
    const before = sqlite.prepare('SELECT customer_id, key FROM customer_pinyin ORDER BY customer_id, key').all();
    sqlite.exec('DELETE FROM customer_pinyin');
    const db = t.core.deps.db as unknown as Kysely<unknown>;
    const backfill = pinyinMigration.backfill!;
    expect(await backfill.total(db)).toBeGreaterThan(40);
    let cursor: string | null = null;
    for (let step = await backfill.step(db, cursor); step; step = await backfill.step(db, cursor)) cursor = step.cursor;
    await backfill.step(db, null);
    expect(sqlite.prepare('SELECT customer_id, key FROM customer_pinyin ORDER BY customer_id, key').all()).toEqual(before);
  });
});

describe('look-up by pinyin: the plan', () => {
  const TABLES = new Set([
    'customers',
    'vehicles',
    'customer_phones',
    'vehicle_ownerships',
    'customer_pinyin',
    'c',
    'v',
    'ph',
    'p',
    'o',
    'k',
  ]);

  it.each(['zs', 'zhang s', 'wang'])('“%s” reads a range of customer_pinyin_key and scans no table', (q) => {
    const query = lookupQuery(t.core.deps.db, planLookup(q), 0, 20)!;
    const { sql, parameters } = query.compile();
    const plan = (
      t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[]
    ).map((r) => r.detail);
    expect(
      plan.some((line) => /SEARCH k USING COVERING INDEX customer_pinyin_key \(key>\? AND key<\?\)/.test(line)),
      plan.join('\n'),
    ).toBe(true);
    expect(
      plan.filter((line) => TABLES.has(/^SCAN (\S+)/.exec(line)?.[1] ?? '')),
      plan.join('\n'),
    ).toEqual([]);
  });
});
