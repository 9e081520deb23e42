import { afterEach, expect, test } from 'vitest';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makePart, stockIn } from '../fixtures/parts';
import { signIn } from '../fixtures/users';

let t: TestCore;
afterEach(() => t?.close());

test('a receipt moves on hand and the moving-average value', async () => {
  t = await openTestCore();
  await signIn(t.core, 'parts_clerk');
  const part = await makePart(t.core);
  await stockIn(t.core, part.id, 2000, 1000);
  await stockIn(t.core, part.id, 1000, 2500);
  const row = t.core.deps.sqlite.prepare('select on_hand_milli, stock_value_fen from parts where id = ?').get(part.id);
  expect(row).toEqual({ on_hand_milli: 3000, stock_value_fen: 4500 });
});
