/**
 * Runs once when the Next.js server starts: the scheduler for reminders and outgoing messages.
 * `next build` evaluates this file too, and must never touch the database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startScheduler } = await import('./lib/server/scheduler');
  startScheduler();
}
