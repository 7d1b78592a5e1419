import pino from 'pino';

/**
 * The server's logger: JSON lines on stdout (level, time, message, fields), at `LOG_LEVEL` (default
 * info). Keys that would carry a secret are redacted as a second line of defence; callers still
 * mask mobile numbers themselves (maskMobile) and never pass codes or passwords.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: ['password', 'token', 'secret', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
});
