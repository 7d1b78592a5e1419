import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '@/lib/domain/errors';
import { fieldErrors, formDataToObject, toFormState } from './action';

describe('formDataToObject', () => {
  it('keeps single values, turns repeated keys and x[] groups into arrays, drops Next internals', () => {
    const fd = new FormData();
    fd.append('name', '陈思远');
    fd.append('tag', 'a');
    fd.append('tag', 'b');
    fd.append('segments[]', 'postpaid');
    fd.append('$ACTION_ID_abc', '');
    expect(formDataToObject(fd)).toEqual({ name: '陈思远', tag: ['a', 'b'], segments: ['postpaid'] });
  });

  it('gives nothing for a checkbox group with nothing ticked (browsers send no key)', () => {
    expect(formDataToObject(new FormData())).toEqual({});
  });
});

describe('toFormState', () => {
  it('answers domain refusals with their code and params', () => {
    expect(toFormState(new DomainError('rate_limited', 'rate_limited', { seconds: 30 }))).toEqual({ status: 'error', code: 'rate_limited', params: { seconds: 30 } });
  });

  it('answers invalid input with per-field codes, turning zod English into invalid_input', () => {
    const schema = z.object({ mobile: z.string().regex(/^\d{11}$/, 'invalid_mobile'), age: z.number() });
    const result = schema.safeParse({ mobile: 'x', age: 'y' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fieldErrors(result.error)).toEqual({ mobile: 'invalid_mobile', age: 'invalid_input' });
      expect(toFormState(result.error)).toMatchObject({ status: 'error', code: 'invalid_input' });
    }
  });

  it('rethrows anything else', () => {
    expect(() => toFormState(new TypeError('bug'))).toThrow('bug');
  });
});
