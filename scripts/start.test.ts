import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('refuses to start on PostgreSQL without NEXTAUTH_SECRET, before building or touching the database', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: 'postgres://nobody@localhost:1/none' };
    delete env.NEXTAUTH_SECRET;
    const started = spawnSync(process.execPath, ['scripts/start.mjs'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('NEXTAUTH_SECRET is not set');
    expect(started.stdout).not.toContain('Starting on');
  });
});
