import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CUSTOMER_GRID_COLUMNS, customerFields, customersContract } from '../../shared/contract/customers';
import { issueFromZod, type ApiIssue } from '../../shared/contract/errors';
import { gridInput } from '../../shared/contract/paging';
import { vehicleCreateInput } from '../../shared/contract/vehicles';

/** What a form (and the core's error handler) shows for an input: the mapped issues, or null when it is valid. */
function issues(schema: z.ZodType, input: unknown): ApiIssue[] | null {
  const result = schema.safeParse(input);
  return result.success ? null : result.error.issues.map((issue) => issueFromZod(issue, input));
}

const customer = { kind: 'person', name: '王伟', phones: [{ number: '13800138000' }] };
const vehicle = { ownerId: 1, vin: 'LSVAU2189N2000001', make: 'VW', model: 'Lavida', year: 2022, fuelType: 'petrol' };

describe('issueFromZod: zod issues become {field, reason, params} the renderer translates', () => {
  it('a valid input has no issues (the baselines below differ from it in one field)', () => {
    expect(issues(customerFields, customer)).toBeNull();
    expect(issues(vehicleCreateInput, vehicle)).toBeNull();
  });

  it('a missing field is "required"', () => {
    expect(issues(customerFields, { ...customer, name: undefined })).toEqual([{ field: 'name', reason: 'required' }]);
  });

  it('an empty or blank string is "required" too (min 1 after trim)', () => {
    expect(issues(customerFields, { ...customer, name: '' })).toEqual([{ field: 'name', reason: 'required' }]);
    expect(issues(customerFields, { ...customer, name: '   ' })).toEqual([{ field: 'name', reason: 'required' }]);
  });

  it('a wrong type is "invalidType", not "required"', () => {
    expect(issues(customerFields, { ...customer, name: 42 })).toEqual([{ field: 'name', reason: 'invalidType' }]);
    expect(issues(customerFields, { ...customer, phones: [{ number: 13800138000 }] })).toEqual([
      { field: 'phones.0.number', reason: 'invalidType' },
    ]);
    expect(issues(customerFields, 'not an object')).toEqual([{ reason: 'invalidType' }]);
  });

  it('a too long string is "tooLong" with the maximum', () => {
    expect(issues(customerFields, { ...customer, name: 'x'.repeat(101) })).toEqual([
      { field: 'name', reason: 'tooLong', params: { max: 100 } },
    ]);
  });

  it('arrays: too few and too many items', () => {
    expect(issues(customerFields, { ...customer, phones: [] })).toEqual([
      { field: 'phones', reason: 'tooFewItems', params: { min: 1 } },
    ]);
    const six = Array.from({ length: 6 }, (_, i) => ({ number: `1380013800${i}` }));
    expect(issues(customerFields, { ...customer, phones: six })).toEqual([
      { field: 'phones', reason: 'tooManyItems', params: { max: 5 } },
    ]);
  });

  it('numbers out of range are tooSmall / tooLarge with the bound', () => {
    expect(issues(vehicleCreateInput, { ...vehicle, year: 1900 })).toEqual([
      { field: 'year', reason: 'tooSmall', params: { min: 1950 } },
    ]);
    expect(issues(vehicleCreateInput, { ...vehicle, year: 2101 })).toEqual([
      { field: 'year', reason: 'tooLarge', params: { max: 2100 } },
    ]);
    expect(issues(vehicleCreateInput, { ...vehicle, mileageKm: -1 })).toEqual([
      { field: 'mileageKm', reason: 'tooSmall', params: { min: 0 } },
    ]);
  });

  it('an unknown field is "unknownField" naming the keys (strict objects)', () => {
    expect(issues(customerFields, { ...customer, nickname: 'x', age: 3 })).toEqual([
      { reason: 'unknownField', params: { keys: 'nickname, age' } },
    ]);
  });

  it('a value outside an enum is "invalidOption"', () => {
    expect(issues(customerFields, { ...customer, kind: 'alien' })).toEqual([{ field: 'kind', reason: 'invalidOption' }]);
  });

  it('an e-mail address that is not one is "email"', () => {
    expect(issues(customerFields, { ...customer, email: 'not-an-address' })).toEqual([{ field: 'email', reason: 'email' }]);
    expect(issues(customerFields, { ...customer, email: '' })).toBeNull();
  });

  it('custom reasons keep their key and params, with the nested path dotted', () => {
    expect(issues(customerFields, { ...customer, phones: [{ number: '13800138000' }, { number: '138abc' }] })).toEqual([
      { field: 'phones.1.number', reason: 'phone.characters' },
    ]);
    expect(issues(vehicleCreateInput, { ...vehicle, vin: 'LSVAU2189N200000' })).toEqual([
      { field: 'vin', reason: 'vin.length', params: { length: 16 } },
    ]);
    expect(issues(vehicleCreateInput, { ...vehicle, vin: 'LSVAU2189N200000O' })).toEqual([
      { field: 'vin', reason: 'vin.characters', params: { length: 17 } },
    ]);
  });

  it('the check-digit warning is raised on the whole input but named on the vin field, and can be accepted', () => {
    const failing = { ...vehicle, vin: 'LSVAU2180N2000001' };
    expect(issues(vehicleCreateInput, failing)).toEqual([{ field: 'vin', reason: 'vin.checkDigit' }]);
    expect(issues(vehicleCreateInput, { ...failing, acceptVinWarning: true })).toBeNull();
  });

  it('refinements of a whole input name their field: merging a file into itself', () => {
    const mergeInput = customersContract.merge['~orpc'].inputSchema as z.ZodType;
    expect(issues(mergeInput, { keepId: 3, duplicateId: 3 })).toEqual([{ field: 'duplicateId', reason: 'merge.same' }]);
  });

  it('grid requests: an unknown sort column or filter column is refused, a reversed range is pageRange', () => {
    const grid = gridInput(CUSTOMER_GRID_COLUMNS);
    expect(issues(grid, { startRow: 0, endRow: 20, sortModel: [{ colId: 'password_hash', sort: 'asc' }] })).toEqual([
      { field: 'sortModel.0.colId', reason: 'invalidOption' },
    ]);
    const filter = { filterType: 'text', type: 'contains', filter: 'x' };
    expect(issues(grid, { startRow: 0, endRow: 20, filterModel: { password_hash: filter } })).toEqual([
      { field: 'filterModel', reason: 'unknownField', params: { keys: 'password_hash' } },
    ]);
    expect(issues(grid, { startRow: 20, endRow: 10 })).toEqual([{ field: 'endRow', reason: 'pageRange' }]);
    expect(issues(grid, { startRow: 0, endRow: 201 })).toEqual([{ field: 'endRow', reason: 'pageRange' }]);
  });

  it('an issue at the root has no field at all (not an empty string)', () => {
    const [issue] = issues(customerFields, { ...customer, colour: 'red' }) ?? [];
    expect(issue).toEqual({ reason: 'unknownField', params: { keys: 'colour' } });
    expect(issue).not.toHaveProperty('field');
  });
});
