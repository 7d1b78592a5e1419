import { describe, expect, it } from 'vitest';
import { readHallCode, signHallCode } from './hall-codes';

describe('hall codes', () => {
  it('names the hall it was signed for, and nothing when forged, changed or signed with another key', () => {
    const code = signHallCode(12, 'key-a');
    expect(readHallCode(code, 'key-a')).toBe(12);
    expect(readHallCode(` ${code} `, 'key-a')).toBe(12);
    expect(readHallCode(code, 'key-b')).toBeNull();
    expect(readHallCode(code.replace('H1.12.', 'H1.13.'), 'key-a')).toBeNull();
    expect(readHallCode(`${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`, 'key-a')).toBeNull();
    expect(readHallCode('H1.12', 'key-a')).toBeNull();
    expect(readHallCode('', 'key-a')).toBeNull();
  });
});
