import { describe, expect, it } from 'vitest';
import { createLogger, maskMobilesIn } from './log';
import { runWithRequestContext } from './request-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger({ write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }) };
}

describe('maskMobilesIn', () => {
  it('masks every mobile number in a text and nothing else', () => {
    expect(maskMobilesIn('sms to 18612345678 and 13002005678.')).toBe('sms to 186****5678 and 130****5678.');
    expect(maskMobilesIn('order 218612345678, id 1861234567, 12345678901')).toBe('order 218612345678, id 1861234567, 12345678901');
  });
});

describe('the logger', () => {
  it('writes JSON lines with a level label, an ISO time and the request id', () => {
    const { lines, log } = capture();
    runWithRequestContext({ requestId: 'req-1' }, () => log.info({ n: 1 }, 'hello'));
    log.warn('outside');
    expect(lines[0]).toMatchObject({ level: 'info', reqId: 'req-1', n: 1, msg: 'hello' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'outside' });
    expect(lines[1]!.reqId).toBeUndefined();
  });

  it('never writes a password, a token, a code or a full mobile number', () => {
    const { lines, log } = capture();
    log.info(
      { password: 'Secret#2026!', token: 'chk_abc', code: '123456', mobile: '18612345678', user: { mobile: '13002005678', newPassword: 'x' }, headers: { authorization: 'Bearer t', cookie: 'c=1' } },
      'sent to 18612345678',
    );
    log.error({ err: new Error('UNIQUE failed for 18612345678') }, 'failed');
    const text = JSON.stringify(lines);
    for (const secret of ['Secret#2026!', 'chk_abc', '123456', '18612345678', '13002005678', 'Bearer t', 'c=1']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ mobile: '186****5678', user: { mobile: '130****5678' }, msg: 'sent to 186****5678', password: '[redacted]' });
    expect(lines[1]).toMatchObject({ err: { type: 'Error', message: 'UNIQUE failed for 186****5678' } });
  });

  it('keeps the level LOG_LEVEL asks for', () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      const { lines, log } = capture();
      log.info('quiet');
      log.warn('loud');
      expect(lines.map((line) => line.msg)).toEqual(['loud']);
    } finally {
      process.env.LOG_LEVEL = previous;
    }
  });
});
