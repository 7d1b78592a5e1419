import { index, integer, table, text } from './core';
import { createdAt } from './columns';

/**
 * Signed-in sessions of members and staff. The session cookie (a JWT) carries a random session id;
 * only its SHA-256 hash is kept here, and every request checks that its row is neither revoked nor
 * expired, so that signing out, disabling an account or changing a password ends a copied cookie too.
 */
export const sessions = table(
  'sessions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    tokenHash: text().notNull().unique(),
    /** Whose session it is: `member:12` or `staff:3`. */
    principal: text().notNull(),
    createdAt: createdAt(),
    expiresAt: integer().notNull(),
    revokedAt: integer(),
  },
  (t) => [index('sessions_principal').on(t.principal), index('sessions_expires_at').on(t.expiresAt)],
);
