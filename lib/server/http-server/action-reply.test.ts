import { describe, expect, it } from 'vitest';
import { actionReplyProblem, type ReplyRows } from './action-reply';

const rowsOf =
  (fields: Record<string, string | Blob>): ReplyRows =>
  (name) =>
    fields[name] ?? null;
const text = (body: string) => rowsOf({ 0: body });

describe('actionReplyProblem', () => {
  it.each([
    '[]',
    '[{"status":"idle"},"$K1"]',
    '["$$dollar","$undefined","$NaN","$Infinity","$-Infinity","$-0","$D2026-01-01T00:00:00.000Z","$n123","$T"]',
    '[{"nested":[1,2,{"deep":"text"}]},null,true,3.5]',
  ])('takes the self-contained arguments %s', (body) => {
    expect(actionReplyProblem(text(body))).toBeNull();
  });

  it('takes references to rows and entries that are there', () => {
    const rows = rowsOf({ 0: '["$1","$@2","$Q3","$B4","$5:a:b"]', 1: '{"a":1}', 2: '"done"', 3: '[["k","v"]]', 4: new Blob(['x']), 5: '{"a":{"b":1}}' });
    expect(actionReplyProblem(rows)).toBeNull();
  });

  it('follows references in rows it reached, and each row once', () => {
    expect(actionReplyProblem(rowsOf({ 0: '["$1"]', 1: '{"next":"$2"}', 2: '{"back":"$1"}' }))).toBeNull();
    expect(actionReplyProblem(rowsOf({ 0: '["$1"]', 1: '{"next":"$a"}' }))).toBe('invalid_arguments');
  });

  it.each([
    ['no row 0', rowsOf({}), 'invalid_arguments'],
    ['row 0 not JSON', text('{'), 'invalid_json'],
    ['row 0 not an array', text('null'), 'invalid_arguments'],
    ['a number for arguments', text('1e309'), 'invalid_arguments'],
    ['a lone tag', text('"$T"'), 'invalid_arguments'],
    ['a missing model row', text('["$1"]'), 'invalid_arguments'],
    ['a missing promise row', text('["$@1"]'), 'invalid_arguments'],
    ['a missing map row', text('["$Q1"]'), 'invalid_arguments'],
    ['a missing set row', text('["$W1"]'), 'invalid_arguments'],
    ['a missing iterator row', text('["$i1"]'), 'invalid_arguments'],
    ['a missing stream row', text('["$R1"]'), 'invalid_arguments'],
    ['a missing blob entry', text('["$B1"]'), 'invalid_arguments'],
    ['a missing typed array entry', text('["$o1"]'), 'invalid_arguments'],
    ['a server reference', rowsOf({ 0: '["$h1"]', 1: '{"id":"x","bound":null}' }), 'invalid_arguments'],
    ['a server function', text('["$F1"]'), 'invalid_arguments'],
    ['a bare $', text('["$"]'), 'invalid_arguments'],
    ['a bad bigint', text('["$nabc"]'), 'invalid_arguments'],
    ['a huge bigint', text(`["$n${'9'.repeat(301)}"]`), 'invalid_arguments'],
    ['an unknown tag', text('["$Zx"]'), 'invalid_arguments'],
    ['a row that is a blob', rowsOf({ 0: '["$1"]', 1: new Blob(['{}']) }), 'invalid_arguments'],
    ['a then-able in a missing row', text('[{"then":"$1:then"}]'), 'invalid_arguments'],
  ])('refuses %s', (_what, rows, code) => {
    expect(actionReplyProblem(rows)).toBe(code);
  });

  it('refuses a reply of more rows than any form has', () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i <= 1001; i += 1) fields[String(i)] = i === 1001 ? '[]' : `["$${(i + 1).toString(16)}"]`;
    expect(actionReplyProblem(rowsOf(fields))).toBe('invalid_arguments');
  });
});
