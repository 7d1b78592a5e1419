import { execFileSync } from 'node:child_process';
import { E2E_DATABASE } from './db';

/** A channel token for Guangdong made the way an administrator makes one: `npm run token -- create`. */
export function createToken(name: string, database = E2E_DATABASE): string {
  const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/token.ts', 'create', '--channel', 'online', '--scope', '440000', '--name', name], {
    env: { ...process.env, DATABASE_URL: database },
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1)!;
}
