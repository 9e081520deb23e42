import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLookup, type LookupPlan } from '../../electron/core/customers/lookup-plan';
import { lookupQuery } from '../../electron/core/customers/lookup-repository';
import { compileLookup } from '../../electron/core/customers/lookup-template';
import { openTestCore, type TestCore } from '../fixtures/core';

/** The cached look-up templates must run exactly the SQL and parameters kysely builds for each input. */
describe('look-up templates', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await openTestCore();
  });
  afterAll(async () => t.close());

  const texts = ['京A1', '京a 123 45', 'A123', 'lsvau2180n2183294', '183294', '8000', '13800138000', '王', 'Wang', 'D12345F', ''];
  const pages = [
    { offset: 0, limit: 20 },
    { offset: 40, limit: 5 },
  ];

  for (const q of texts) {
    for (const { offset, limit } of pages) {
      it(`"${q}" offset ${offset} limit ${limit}: same SQL and parameters as the query builder`, () => {
        const plan: LookupPlan = planLookup(q);
        const built = lookupQuery(t.core.deps.db, plan, offset, limit)?.compile() ?? null;
        const cached = compileLookup(t.core.deps.db, plan, offset, limit);
        expect(cached?.sql ?? null).toBe(built?.sql ?? null);
        expect(cached?.parameters ?? null).toEqual(built?.parameters ?? null);
      });
    }
  }

  it('a second call with other values reuses the shape and binds the new values', () => {
    const first = compileLookup(t.core.deps.db, planLookup('183294'), 0, 20)!;
    const second = compileLookup(t.core.deps.db, planLookup('654321'), 0, 20)!;
    expect(second.sql).toBe(first.sql);
    expect(second.parameters).toContain('123456');
    expect(second.parameters).not.toContain('492381');
  });
});
