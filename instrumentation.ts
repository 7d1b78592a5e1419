/**
 * Runs once when the Next.js server starts: the scheduler for reminders and outgoing messages, and
 * on SQLite the background checkpoints of the database's write-ahead log (PostgreSQL checkpoints
 * by itself). `next build` evaluates this file too, and must never touch the database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ startScheduler }, { startCheckpointer }, { DIALECT }] = await Promise.all([import('./lib/server/scheduler'), import('./db/checkpointer'), import('./db/dialect')]);
  startScheduler();
  if (DIALECT === 'sqlite') startCheckpointer();
}
