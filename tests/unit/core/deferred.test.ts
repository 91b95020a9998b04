/**
 * core/deferred.ts: an object made on first use stands in for it everywhere — zod's parsing,
 * composition (`z.extend`, `.shape` spread, arrays of it) and plain object reads.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { deferred } from '../../../src/core/deferred';

describe('deferred', () => {
  it('makes the object once, on first use', () => {
    let made = 0;
    const value = deferred(() => {
      made++;
      return { a: 1, nested: { b: 2 } };
    });
    expect(made).toBe(0);
    expect(value.a).toBe(1);
    expect(value.nested.b).toBe(2);
    expect(made).toBe(1);
    expect('a' in value).toBe(true);
    expect(Object.keys(value)).toEqual(['a', 'nested']);
    expect({ ...value }).toEqual({ a: 1, nested: { b: 2 } });
    value.a = 3;
    expect(value.a).toBe(3);
    expect(made).toBe(1);
  });

  it('stands for a zod schema: parse, errors, composition', () => {
    let built = 0;
    const person = deferred(() => {
      built++;
      return z.strictObject({ name: z.string().check(z.maxLength(5)) });
    });
    const staff = deferred(() => z.extend(person, { id: z.int() }));
    const both = deferred(() => z.strictObject({ ...person.shape, team: z.array(person) }));
    expect(built).toBe(0);
    expect(person.parse({ name: 'Anna' })).toEqual({ name: 'Anna' });
    expect(person.safeParse({ name: 'Annabelle' }).success).toBe(false);
    expect(person.safeParse({ name: 'Anna', extra: 1 }).success).toBe(false);
    expect(staff.parse({ name: 'Bo', id: 7 })).toEqual({ name: 'Bo', id: 7 });
    expect(both.parse({ name: 'Cy', team: [{ name: 'Di' }] })).toEqual({ name: 'Cy', team: [{ name: 'Di' }] });
    expect(both.safeParse({ name: 'Cy', team: [{ name: 'Dimitri' }] }).success).toBe(false);
    expect(built).toBe(1);
  });
});
