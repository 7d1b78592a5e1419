import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const ORIGIN = 'http://localhost:3000';

describe('safeReturnPath', () => {
  it("keeps the app's own paths with their query and fragment", () => {
    expect(safeReturnPath('/points', ORIGIN)).toBe('/points');
    expect(safeReturnPath('/ops/members/music?page=2&sort=name#list', ORIGIN)).toBe('/ops/members/music?page=2&sort=name#list');
    expect(safeReturnPath('/events/12', ORIGIN)).toBe('/events/12');
  });

  it('keeps absolute URLs on the same origin as their path (next-auth sends the page URL)', () => {
    expect(safeReturnPath('http://localhost:3000/tickets?cancelled=1', ORIGIN)).toBe('/tickets?cancelled=1');
    expect(safeReturnPath('http://localhost:3000', ORIGIN)).toBe('/');
  });

  it('refuses other hosts, other schemes, other ports and credentials', () => {
    for (const raw of [
      'https://evil.example/x',
      'http://evil.example',
      '//evil.example/x',
      '///evil.example/x',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://localhost:3000/points',
      'http://localhost:3001/points',
      'http://user:pass@localhost:3000/points',
      'http://localhost:3000.evil.example/points',
    ]) {
      expect(safeReturnPath(raw, ORIGIN), raw).toBeNull();
    }
  });

  it('refuses backslashes, tabs, newlines and other control characters that browsers turn into a host', () => {
    for (const raw of ['/\\evil.example/x', '\\\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '\t//evil.example', '/\r\n/evil.example', '/points\u0000', '/\u007f/evil.example']) {
      expect(safeReturnPath(raw, ORIGIN), JSON.stringify(raw)).toBeNull();
    }
  });

  it('refuses dot segments that resolve to a path starting with two slashes', () => {
    expect(safeReturnPath('/.//evil.example', ORIGIN)).toBeNull();
    expect(safeReturnPath('/..//evil.example', ORIGIN)).toBeNull();
    expect(safeReturnPath('/a/..//evil.example', ORIGIN)).toBeNull();
  });

  it('keeps encoded slashes and backslashes encoded: they stay a path on this origin', () => {
    expect(safeReturnPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(safeReturnPath('/%5Cevil.example/x', ORIGIN)).toBe('/%5Cevil.example/x');
    expect(safeReturnPath('/%2f/evil.example', ORIGIN)).toBe('/%2f/evil.example');
  });

  it('refuses paths relative to the current page and broken escapes that are not paths', () => {
    expect(safeReturnPath('points', ORIGIN)).toBeNull();
    expect(safeReturnPath('evil.example/x', ORIGIN)).toBeNull();
    expect(safeReturnPath('%E0%A4%A', ORIGIN)).toBeNull();
    expect(safeReturnPath('http://%zz', ORIGIN)).toBeNull();
  });

  it('refuses what is not a string, empty or too long', () => {
    expect(safeReturnPath(undefined, ORIGIN)).toBeNull();
    expect(safeReturnPath(['/points'], ORIGIN)).toBeNull();
    expect(safeReturnPath('', ORIGIN)).toBeNull();
    expect(safeReturnPath(`/${'a'.repeat(5000)}`, ORIGIN)).toBeNull();
    expect(safeReturnPath(`/${'a'.repeat(2000)}`, ORIGIN)).toBe(`/${'a'.repeat(2000)}`);
  });

  it('refuses everything when the origin itself is not a URL', () => {
    expect(safeReturnPath('/points', 'not a url')).toBeNull();
  });
});
