import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import type { ComplaintDetailDto } from '../../shared/contract/complaints';
import { beijing, deliveredRo } from '../fixtures/delivered';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 14 item 3: a complaint against me. The advisor a survey's draft names could confirm it himself, move it onto
 * a colleague and replace the customer's words. Only the manager decides a draft; nobody acts on a complaint about
 * their own work; the customer's recorded words survive a correction.
 */
let t: TestCore;
let server: RunningServer;
let advisor: SignedIn;
let colleague: SignedIn;
let agent: SignedIn;
let manager: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;

const WORDS = '顾问态度不好，解释也不清楚';

function overHttp(who: SignedIn): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${server.url}/rpc`, headers: () => ({ authorization: `Bearer ${who.token}` }) }));
}

/** A reason key has a message in both catalogues (the desk translates it; no raw key on screen). */
function translated(reason: string): void {
  for (const catalogue of [en, zhCN] as const) {
    const message = reason
      .split('.')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        (catalogue as { reasons: unknown }).reasons,
      );
    expect(typeof message === 'string' && message.length > 0, `reasons.${reason}`).toBe(true);
  }
}

/**
 * A delivered RO of `by` and a survey with a 5 on advisor courtesy: a draft against `by` (or, with a 5 on quality,
 * against the RO's technician).
 */
async function draftAgainst(by: SignedIn, day: string, lowOn: 'advisor' | 'quality' = 'advisor'): Promise<ComplaintDetailDto> {
  const ro = await deliveredRo(t, { advisor: by, foreman, technician }, day);
  t.clock.set(beijing(day, '20:00'));
  const template = await agent.client.followup.surveyTemplate();
  const byPosition: Record<number, number | boolean | string> = { 1: 9, 3: 9, 5: 9, 6: 9, 8: 9, 9: 9, 10: true, 11: WORDS };
  byPosition[lowOn === 'advisor' ? 3 : 8] = 5;
  const answers = Object.entries(byPosition).map(([position, value]) => ({
    questionId: template.questions.find((q) => q.position === Number(position))!.id,
    value,
  }));
  const result = await agent.client.followup.recordSurvey({ repairOrderId: ro.id, answers });
  return manager.client.complaints.get({ id: result.complaint!.id });
}

function snapshot() {
  return {
    complaints: countRows(t.core, 'complaints'),
    steps: countRows(t.core, 'complaint_steps'),
    audit: countRows(t.core, 'audit_log'),
  };
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  advisor = await signIn(t.core, 'advisor');
  colleague = await signIn(t.core, 'advisor');
  agent = await signIn(t.core, 'csi_agent');
  manager = await signIn(t.core, 'manager');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('a complaint against me (over HTTP)', () => {
  it('the advisor a draft names can neither confirm it, move it onto a colleague, replace the words nor dismiss it', async () => {
    const draft = await draftAgainst(advisor, '2026-11-18');
    expect(draft).toMatchObject({ status: 'draft', againstPerson: { id: advisor.session.user.id } });
    const me = overHttp(advisor);
    const before = snapshot();
    const base = {
      id: draft.id,
      version: draft.version,
      level: 'ordinary' as const,
      againstDepartment: draft.againstDepartment,
      customerWants: '',
    };

    const attempts = [
      // Confirm it himself, as it stands.
      me.complaints.confirm({ ...base, againstUserId: advisor.session.user.id, customerSays: draft.customerSays }),
      // Move it onto a colleague.
      me.complaints.confirm({ ...base, againstUserId: colleague.session.user.id, customerSays: draft.customerSays }),
      // Replace the customer's words.
      me.complaints.confirm({ ...base, againstUserId: advisor.session.user.id, customerSays: '客户表示满意' }),
      me.complaints.dismiss({ id: draft.id, version: draft.version, reason: '客户误解' }),
    ];
    for (const attempt of attempts) {
      const error = await expectApiError(attempt, 'FORBIDDEN');
      for (const issue of error.issues) translated(issue.reason);
    }
    expect(snapshot()).toEqual(before);
    expect(await manager.client.complaints.get({ id: draft.id })).toMatchObject({
      status: 'draft',
      version: draft.version,
      againstPerson: { id: advisor.session.user.id },
      customerSays: draft.customerSays,
    });
    // A CSI agent does not decide a draft either: the manager does.
    await expectApiError(
      overHttp(agent).complaints.dismiss({ id: draft.id, version: draft.version, reason: '重复' }),
      'FORBIDDEN',
    );
    expect(snapshot()).toEqual(before);
  });

  it('once confirmed, the advisor it is about (and the RO’s advisor) records no step of it; a colleague does', async () => {
    const draft = await draftAgainst(advisor, '2026-11-19');
    const open = await overHttp(manager).complaints.confirm({
      id: draft.id,
      version: draft.version,
      level: 'ordinary',
      againstDepartment: draft.againstDepartment,
      againstUserId: advisor.session.user.id,
      customerSays: draft.customerSays,
      customerWants: '',
    });
    const before = snapshot();
    const error = await expectApiError(
      overHttp(advisor).complaints.advance({
        id: open.id,
        version: open.version,
        step: 'validity',
        valid: false,
        reason: '客户误解',
      }),
      'FORBIDDEN',
      { reason: 'complaint.ownComplaint' },
    );
    translated(error.issues[0]!.reason);
    expect(snapshot()).toEqual(before);
    const judged = await overHttp(colleague).complaints.advance({
      id: open.id,
      version: open.version,
      step: 'validity',
      valid: true,
      reason: '属实',
    });
    expect(judged).toMatchObject({ valid: true, nextStep: 'assign' });
  });

  it('a manager does not decide a draft about an RO of his own, even one set against its technician', async () => {
    const draft = await draftAgainst(manager, '2026-11-20', 'quality');
    expect(draft.againstPerson).toEqual(expect.objectContaining({ id: technician.session.user.id }));
    const before = snapshot();
    const error = await expectApiError(
      overHttp(manager).complaints.dismiss({ id: draft.id, version: draft.version, reason: '客户误解' }),
      'FORBIDDEN',
      { reason: 'complaint.ownDraft' },
    );
    translated(error.issues[0]!.reason);
    expect(snapshot()).toEqual(before);
  });

  it('the manager confirms and may correct: the customer’s recorded words are kept next to the correction, audited', async () => {
    const draft = await draftAgainst(advisor, '2026-11-21');
    const recorded = draft.customerSays;
    expect(recorded).toContain(WORDS);
    const corrected = `${recorded}（客户电话补充：等待时间过长）`;
    const confirmed = await overHttp(manager).complaints.confirm({
      id: draft.id,
      version: draft.version,
      level: 'escalated',
      againstDepartment: draft.againstDepartment,
      againstUserId: colleague.session.user.id,
      customerSays: corrected,
      customerWants: '道歉',
    });
    expect(confirmed).toMatchObject({
      status: 'open',
      customerSays: corrected,
      againstPerson: { id: colleague.session.user.id },
    });
    expect(confirmed.steps).toEqual([
      expect.objectContaining({
        by: expect.objectContaining({ id: manager.session.user.id }),
        data: { step: 'record', recordedCustomerSays: recorded, correctedCustomerSays: corrected },
      }),
    ]);
    const audit = await manager.client.audit.list({ entity: 'complaint', entityId: draft.id, limit: 10 });
    expect(audit.rows).toContainEqual(
      expect.objectContaining({
        action: 'complaint.confirmed',
        user: expect.objectContaining({ id: manager.session.user.id }),
        details: expect.objectContaining({
          values: expect.objectContaining({ customerSaysCorrected: true }),
          changes: { againstUserId: { from: advisor.session.user.id, to: colleague.session.user.id } },
        }),
      }),
    );
  });
});
