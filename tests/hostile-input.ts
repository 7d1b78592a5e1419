import fc from 'fast-check';

/*
 * Hostile input for property-based tests (fast-check): what a careless or malicious client sends.
 * Every value here is wrong for every field of the app (no valid id, club, code, mobile number or
 * date), so a request built with one must be refused, whatever else it carries.
 */

/** Fixed seed: a failure reproduces; fast-check prints the seed and the shrunk counterexample. */
export const HOSTILE_SEED = 2121;

const LONG = 'x'.repeat(70_000);

/** Strings no field accepts: numbers that are not ids, injections, control and bidi characters, huge texts. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '-0',
    '1.5',
    '1e309',
    '-1e309',
    'NaN',
    'Infinity',
    '-Infinity',
    '9007199254740993',
    '99999999999999999999999',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    "' OR '1'='1",
    "1; DROP TABLE customers; --",
    '1 UNION SELECT password_hash FROM staff',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '../../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '%00',
    '\u0000',
    'a\r\nX-Injected: 1',
    'a\u202Eb',
    '\uFEFF',
    '\uD800',
    '__proto__',
    'constructor',
    'prototype',
    '${7*7}',
    '{{7*7}}',
    '😀'.repeat(500),
    LONG,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(s) && !/^\s*0x[0-9a-f]+\s*$/i.test(s)),
);

/** Numbers no id, count or price accepts. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1.5, -(2 ** 31), 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true, max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e16 }),
);

/** Keys a body should never have, or should refuse as unknown. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', '$ACTION_ID_x', 'admin', 'role', 'provinceCode'),
  fc.string({ maxLength: 12 }),
);

/** Any JSON value built of hostile parts, nested a little. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Raw request bodies that are not what a JSON endpoint wants: broken, deep, huge, prototype-polluting. */
export const hostileRawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    'null',
    '[]',
    '"x"',
    '1e309',
    'NaN',
    '{"customerId": 1e309, "eventId": 1e309}',
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '\u0000',
    '{"a":1,"a":2}',
    `{"x":"${LONG}"}`,
  ),
  fc.integer({ min: 50, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 50, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  hostileJson.map((v) => JSON.stringify(v) ?? ''),
);

/** Idempotency keys a server must refuse (absent, too short or long, characters outside the key alphabet). */
export const hostileIdempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'short', 'x'.repeat(129), 'has space', "k'; DROP TABLE idempotency_keys; --", '../../../../', '%00%00%00%00'),
  fc.string({ unit: 'binary-ascii', minLength: 8, maxLength: 40 }).filter((s) => /[^A-Za-z0-9._:-]/.test(s) && !/[\0\r\n]/.test(s)),
);

/** A valid idempotency key, for requests that are hostile in another part. */
export const validIdempotencyKey: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9._:-]{8,40}$/);

/** Percent-encodes any string's UTF-8 bytes (encodeURIComponent throws on a lone surrogate; a client may still send its bytes). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A path segment no route accepts as an id or a club (encoded as a client would put it in a URL). */
export const hostilePathSegment: fc.Arbitrary<string> = hostileString.filter((s) => s !== '').map((s) => percentEncode(s.slice(0, 2000)));
