import { describe, expect, it } from 'vitest';
import { normalizeMobile } from './mobile';

describe('normalizeMobile', () => {
  it('accepts 11-digit mainland numbers with common decorations', () => {
    expect(normalizeMobile('18602001234')).toBe('18602001234');
    expect(normalizeMobile('186 0200 1234')).toBe('18602001234');
    expect(normalizeMobile('+86 186-0200-1234')).toBe('18602001234');
    expect(normalizeMobile('008618602001234')).toBe('18602001234');
  });

  it('rejects anything else', () => {
    for (const bad of ['', '1860200123', '186020012345', '28602001234', '12602001234', '1860200123x', 'admin']) {
      expect(normalizeMobile(bad)).toBe('');
    }
  });
});
