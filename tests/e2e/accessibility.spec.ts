import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { contract } from '../../shared/contract';
import type { ProcedureMeta } from '../../shared/contract/base';
import { roleMayCall, type Role } from '../../shared/domain/roles';
import { deliverDemoRepairOrder } from './delivered-ro';
import { expect, signInAs, test, type Desk } from './fixtures';

/**
 * Issue 17 item 13: axe-core over every screen of renderer/src/app/Screens.tsx, in both languages, finds nothing
 * serious or critical, and every screen has one page heading (h1). The route table is read from Screens.tsx itself,
 * so a screen added there is checked here without a word: each route with the procedure that guards it, opened by
 * the first role below that may call it (signed in by its own name, one page per role, moving between routes by the hash), with a demo record's
 * id where the route needs one.
 */
const ROLE_ORDER: Role[] = ['manager', 'admin', 'advisor', 'foreman', 'parts_clerk', 'csi_agent', 'warranty_admin', 'technician'];

interface ScreenRoute {
  path: string;
  role: Role;
}

function metaOf(area: string, procedure: string): ProcedureMeta {
  const areaContract = (contract as unknown as Record<string, Record<string, { '~orpc': { meta: ProcedureMeta } }>>)[area];
  const meta = areaContract?.[procedure]?.['~orpc'].meta;
  if (!meta) throw new Error(`Screens.tsx guards a route with contract.${area}.${procedure}, which the contract lacks`);
  return meta;
}

/** Every route of Screens.tsx with the role that opens it (the index route is the look-up's). */
function screenRoutes(): ScreenRoute[] {
  const source = readFileSync(join(__dirname, '..', '..', 'renderer', 'src', 'app', 'Screens.tsx'), 'utf8');
  const routes: { path: string; area: string; procedure: string }[] = [{ path: '', area: 'customers', procedure: 'lookup' }];
  for (const match of source.matchAll(
    /path="([^"*]+)"\s+element=\{\s*<Guarded when=\{canCall\(role, contract\.(\w+)\.(\w+)\)\}/g,
  ))
    routes.push({ path: match[1]!, area: match[2]!, procedure: match[3]! });
  // Each route goes to the role, among those that may open it, with the fewest so far: the tests take alike long.
  const load = new Map<Role, number>(ROLE_ORDER.map((r) => [r, 0]));
  return routes.map(({ path, area, procedure }) => {
    const access = metaOf(area, procedure).access;
    const allowed = ROLE_ORDER.filter((r) => roleMayCall(r, access));
    const role = allowed.sort((a, b) => load.get(a)! - load.get(b)!)[0];
    if (!role) throw new Error(`no role may open ${path}`);
    load.set(role, load.get(role)! + 1);
    return { path, role };
  });
}

/**
 * The demo opens no repair order, purchase order, stocktake, complaint or follow-up task: one of each is made through the core's API
 * (as the people who make them), so that their pages show a record, not "not found".
 */
async function addMissingRecords(desk: Desk): Promise<void> {
  const sqlite = desk.core.deps.sqlite;
  const has = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n > 0;
  const as = async (username: string) =>
    desk.core.client((await desk.core.client().users.login({ username, password: 'demo1234' })).token);
  const { customerId } = sqlite
    .prepare('select id as customerId from customers where merged_into_id is null order by id limit 1')
    .get() as { customerId: number };
  // A delivered RO: every printed document has its content, the technician who worked it sees it, and its day-3
  // satisfaction call is a follow-up task.
  if (!has('repair_orders')) await deliverDemoRepairOrder(desk);
  if (!has('complaints'))
    await (
      await as('csi_agent')
    ).complaints.create({ source: 'phone', customerId, againstDepartment: 'workshop', customerSays: '刹车还是有点响' });
  if (!has('followup_tasks')) await (await as('csi_agent')).followup.queue({ due: 'all' });
  const clerk = await as('parts_clerk');
  if (!has('purchase_orders')) {
    const [supplier] = await clerk.parts.suppliers({});
    const { partId } = sqlite.prepare('select min(id) as partId from parts').get() as { partId: number };
    if (supplier) await clerk.parts.createPurchaseOrder({ supplierId: supplier.id, lines: [{ partId, qtyMilli: 1000 }] });
  }
  if (!has('stocktakes')) await clerk.parts.startStocktake({});
}

/** A demo record for each kind of id a route takes (the first row; 1 where there is none, a "not found" page). */
function demoIds(desk: Desk): Record<string, string> {
  const first = (table: string) =>
    String((desk.core.deps.sqlite.prepare(`select min(id) as id from ${table}`).get() as { id: number | null }).id ?? 1);
  return {
    customers: first('customers'),
    vehicles: first('vehicles'),
    'catalog/operations': first('labor_operations'),
    'catalog/packages': first('maintenance_packages'),
    'repair-orders': first('repair_orders'),
    'print/repair-orders': first('repair_orders'),
    parts: first('parts'),
    'parts/stocktakes': first('stocktakes'),
    'parts/purchasing': first('purchase_orders'),
    'followup/tasks': first('followup_tasks'),
    complaints: first('complaints'),
    'loaners/lend': first('repair_orders'),
  };
}

function concrete(path: string, ids: Record<string, string>): string {
  return path
    .replace(/^(.*?)\/:id/, (_, prefix: string) => `${prefix}/${ids[prefix] ?? '1'}`)
    .replace(':month', new Date().toISOString().slice(0, 7));
}

async function checkScreen(page: Page, hash: string, language: string): Promise<string[]> {
  const started = Date.now();
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/${hash}`)}`);
  // The screen's chunk has loaded and its data arrived: nothing says it is busy and its heading shows (a screen that
  // keeps polling never goes network-idle, so that is not waited for).
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page
    .locator('h1')
    .first()
    .waitFor({ state: 'attached', timeout: 5_000 })
    .catch(() => undefined);
  const headings = await page.locator('h1').count();
  // WCAG 2.0 A and AA (scrollable-region-focusable and color-contrast among them); best practices are not asked for.
  // Only violations come back: passes and "incomplete" nodes would be serialised for nothing.
  const ready = Date.now();
  // Legacy mode runs axe in the page alone: no blank page is opened per run to gather the frames' results (BayDesk
  // draws no iframes), which cost more than the rules and sometimes hung.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode()
    .withTags(['wcag2a', 'wcag2aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  const found = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${language} #/${hash}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (headings !== 1) found.push(`${language} #/${hash}: ${headings} h1 headings, not one`);
  if (process.env.A11Y_TIMES) console.log(`${language} #/${hash} ${ready - started} + ${Date.now() - ready} ms`);
  return found;
}

const byRole = new Map<Role, string[]>();
for (const route of screenRoutes()) byRole.set(route.role, [...(byRole.get(route.role) ?? []), route.path]);

test.describe('every screen is usable by keyboard and screen reader', () => {
  for (const [role, paths] of byRole) {
    for (const language of ['en', 'zh-CN']) {
      test(`the ${role}'s screens (${paths.length}) in ${language}`, async ({ page, desk }) => {
        test.setTimeout(120_000);
        await addMissingRecords(desk);
        const ids = demoIds(desk);
        await signInAs(page, desk, role);
        if (language === 'zh-CN') {
          await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
          await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
        }
        const findings: string[] = [];
        for (const path of paths) findings.push(...(await checkScreen(page, concrete(path, ids), language)));
        expect(findings, findings.join('\n')).toEqual([]);
      });
    }
  }
});
