import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { demoPasswordFile } from '@/db/seed/demo-password';
import { createStaff } from '@/lib/server/staff';
import { contentFingerprint } from '@/tests/outside-connection';
import { createEmptyDatabase } from '@/tests/temp-database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-db-script-'));
/** This test's database: a file, or a database on the test server (DATABASE_URL's value). */
let file = '';
let remove = async () => {};
beforeAll(async () => {
  ({ url: file, remove } = await createEmptyDatabase(dir, 'club-hub.db'));
});
afterAll(async () => {
  await closeDatabase();
  await remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `npm run db:setup` / `db:reseed` as a deployment runs them, on this test's database. */
function dbScript(command: 'setup' | 'reseed', seed: 'demo' | 'none') {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: file, SEED: seed };
  delete env.DEMO_PASSWORD;
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', command], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run db:setup and db:reseed', () => {
  it('refuse SEED=demo, with a clear message and a non-zero exit, once the database holds a real admin', async () => {
    process.env.DATABASE_URL = file;
    await setupDatabase('none');
    await createStaff({ kind: 'system', via: 'cli' }, { username: 'zj.admin', password: 'plum-harbor-lantern-42', role: 'admin' });
    await closeDatabase();
    const content = await contentFingerprint(file);

    const setup = dbScript('setup', 'demo');
    expect(setup.status).toBe(1);
    expect(setup.stderr).toMatch(/SEED=demo refused: .* \(zj\.admin\).*SEED=none/);
    expect(setup.stdout).not.toMatch(/Demo logins/);

    const reseed = dbScript('reseed', 'demo');
    expect(reseed.status).toBe(1);
    expect(reseed.stderr).toMatch(/SEED=demo refused/);
    expect(await contentFingerprint(file)).toBe(content);
    expect(fs.existsSync(demoPasswordFile(file))).toBe(false);
  }, 60_000);
});
