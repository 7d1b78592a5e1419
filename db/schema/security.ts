import { index, integer, table, text } from './core';
import { createdAt } from './columns';

/** Fixed-window counters for rate limits (failed sign-ins per account and per IP, code requests). */
export const rateLimits = table('rate_limits', {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
});

/** One-time codes sent by SMS to activate web access. Only a keyed hash of the code is stored. */
export const otpCodes = table(
  'otp_codes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    mobile: text().notNull(),
    codeHash: text().notNull(),
    expiresAt: integer().notNull(),
    usedAt: integer(),
    /** Wrong guesses against this code; past the limit it is dead. */
    failedAttempts: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('otp_codes_mobile').on(t.mobile, t.createdAt)],
);
