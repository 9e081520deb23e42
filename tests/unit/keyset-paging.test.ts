import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/contract/keyset';

describe('keyset cursors', () => {
  it('a cursor for another sort, or tampered with, is not used', () => {
    const cursor = encodeCursor('onHand:desc', [5000, 'ABC123']);
    expect(decodeCursor(cursor, 'onHand:desc', 2)).toEqual([5000, 'ABC123']);
    expect(decodeCursor(cursor, 'onHand:asc', 2)).toBeNull();
    expect(decodeCursor('{"x":1}', 'onHand:desc', 2)).toBeNull();
    expect(decodeCursor(JSON.stringify(['onHand:desc', { sql: 1 }, 'A']), 'onHand:desc', 2)).toBeNull();
    expect(decodeCursor('not json', 'onHand:desc', 2)).toBeNull();
  });
});
