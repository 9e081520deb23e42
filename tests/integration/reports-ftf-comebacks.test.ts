import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { advisorA, foreman, manager, t1, ro, suspected, useFtfCore } from '../fixtures/reports-ftf';

// Comeback detection and the foreman's decision on the hand-worked fixture (tests/fixtures/reports-ftf.ts).
// First-time fix, comeback rate and efficiency are in reports-ftf-rates.test.ts.

useFtfCore();

describe('comeback detection and the foreman’s decision', () => {
  it('links day 30 and the later visits inside the window; not day 31, not 3,001 km', async () => {
    const found = await suspected();
    const pairs = found.map((c) => [c.earlier.repairOrderId, c.later.repairOrderId]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [ro.ro1!.id, ro.ro1b!.id],
        [ro.ro4!.id, ro.ro4b!.id],
        [ro.ro6!.id, ro.ro6b!.id],
        [ro.ro7!.id, ro.ro7b!.id],
      ]),
    );
    expect(found).toHaveLength(4);
    const day30 = found.find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    expect(day30).toMatchObject({
      daysAfter: 30,
      kmAfter: 1000,
      concernGroup: 'brakes',
      status: 'suspected',
      plate: expect.any(String),
    });
    expect(day30.earlier).toMatchObject({ repairOrderNumber: ro.ro1!.number, technicianName: t1.session.user.displayName });
  });

  it('refuses a decision without its root cause or reason, a stale one, and one by an advisor, writing nothing', async () => {
    const link = (await suspected()).find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    const decide = foreman.client.workshop.decideComeback;
    await expectApiError(decide({ id: link.id, version: link.version, decision: 'confirmed' }), 'INVALID_INPUT', {
      field: 'rootCause',
      reason: 'required',
    });
    await expectApiError(decide({ id: link.id, version: link.version, decision: 'not_quality', reason: '  ' }), 'INVALID_INPUT', {
      field: 'reason',
      reason: 'required',
    });
    await expectApiError(
      decide({ id: link.id, version: link.version + 1, decision: 'confirmed', rootCause: 'parts' }),
      'CONFLICT',
    );
    await expectApiError(
      advisorA.client.workshop.decideComeback({ id: link.id, version: link.version, decision: 'confirmed', rootCause: 'parts' }),
      'FORBIDDEN',
    );
    expect((await suspected()).find((c) => c.id === link.id)).toEqual(link);
  });

  it('records the confirmation with its root cause, and "not a quality issue" with its reason', async () => {
    const links = await suspected();
    const ro1 = links.find((c) => c.later.repairOrderId === ro.ro1b!.id)!;
    const ro4 = links.find((c) => c.later.repairOrderId === ro.ro4b!.id)!;
    const confirmed = await foreman.client.workshop.decideComeback({
      id: ro1.id,
      version: ro1.version,
      decision: 'confirmed',
      rootCause: 'workmanship',
    });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      rootCause: 'workmanship',
      decidedBy: { id: foreman.session.user.id },
      decidedAt: FIXED_NOW,
    });
    const dismissed = await manager.client.workshop.decideComeback({
      id: ro4.id,
      version: ro4.version,
      decision: 'not_quality',
      rootCause: 'parts',
      reason: '客户压坑撞击，新损伤',
    });
    expect(dismissed).toMatchObject({ status: 'not_quality', rootCause: null, reason: '客户压坑撞击，新损伤' });
    expect((await suspected()).map((c) => c.later.repairOrderId).sort()).toEqual([ro.ro6b!.id, ro.ro7b!.id].sort());
    // Suspected first, then the decided ones.
    const all = (await foreman.client.workshop.comebacks({ limit: 50 })).rows;
    expect(all.map((c) => c.status).slice(0, 2)).toEqual(['suspected', 'suspected']);
    expect(
      all
        .map((c) => c.status)
        .slice(2)
        .sort(),
    ).toEqual(['confirmed', 'not_quality']);
  });
});
