/**
 * docs/protocol.md §1 is the message table people read: it must name every
 * message type of src/core/messages.ts, no other, each request's fields, and who sends it (the
 * contract's `from`, which the router enforces).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocol } from '../../../src/core/messages';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/protocol.md'), 'utf8');
const section = doc.slice(doc.indexOf('## 1. Extension messages'), doc.indexOf('## 2. '));
/** Each row's "from → to" cell, by type. */
const directions = new Map([...section.matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
const rows = new Map(
  [...section.matchAll(/^\| `(\w+)` \| [^|]+ \| ([^|]+(?:\\\|[^|]+)*) \|/gm)].map((m) => [m[1]!, m[2]!]),
);

/** The field names of an object schema (refinements keep the shape in zod 4). */
const fieldsOf = (schema: unknown) => Object.keys((schema as { shape?: object }).shape ?? {}).sort();

describe('docs/protocol.md §1, the message table', () => {
  it('lists every message type, and no other', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(protocol).sort());
  });

  it.each(Object.entries(protocol))('names the fields of %s’s request', (type, { request }) => {
    const cell = rows.get(type) ?? '';
    const named = /`\{([^}`]*)\}`/.exec(cell)?.[1] ?? '';
    const fields = named
      .split(',')
      .map((f) => f.trim().split(/[\s:]/)[0]!)
      .filter(Boolean)
      .sort();
    expect(fields).toEqual(fieldsOf(request));
  });

  it.each(Object.entries(protocol))('says who sends %s as the contract does', (type, { from }) => {
    const sender = (directions.get(type) ?? '').split('→')[0]!.trim();
    const named =
      sender === 'popup'
        ? 'popup'
        : sender === 'background'
          ? 'background'
          : /script$/.test(sender)
            ? 'content'
            : sender;
    expect(named).toBe(from);
  });
});
