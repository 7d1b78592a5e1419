/**
 * Runs once when the Next.js server starts: checks the SMS settings, starts the scheduler for
 * reminders and outgoing messages, and on SQLite the background checkpoints of the database's
 * write-ahead log (PostgreSQL checkpoints by itself). `next build` evaluates this file too, and must never touch the database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ startScheduler }, { startCheckpointer }, { DIALECT }, { chooseSender, smsSettingsFromEnv }] = await Promise.all([
    import('./lib/server/scheduler'),
    import('./db/checkpointer'),
    import('./db/dialect'),
    import('./lib/server/sms'),
  ]);
  // SMS settings it cannot use stop the server here, not at its first SMS (docs/sms.md).
  try {
    chooseSender(smsSettingsFromEnv());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  startScheduler();
  if (DIALECT === 'sqlite') startCheckpointer();
}
