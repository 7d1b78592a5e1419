/**
 * API tokens of the channels' systems from the command line:
 *   npm run token -- create --channel NAME --scope PROVINCE_CODE|HQ [--name LABEL]
 *   npm run token -- list
 *   npm run token -- revoke --id N
 * `create` prints the token once; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { DomainError } from '@/lib/domain/errors';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput, TOKEN_CHANNELS } from '@/lib/validation/api-tokens';

const USAGE = `usage: npm run token -- create --channel ${TOKEN_CHANNELS.join('|')} --scope PROVINCE_CODE|HQ [--name LABEL]
       npm run token -- list
       npm run token -- revoke --id N`;
const cli = { kind: 'system', via: 'cli' } as const;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { channel: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } },
  });
  await setupDatabase('none');
  switch (positionals[0]) {
    case 'create': {
      if (!values.channel || !values.scope) throw new Error(USAGE);
      const created = await createApiToken(cli, createApiTokenInput.parse({ channel: values.channel, scope: values.scope, name: values.name ?? `${values.channel} ${values.scope}` }));
      console.log(`Created token ${created.id} "${created.name}" for channel ${created.channel}, scope ${created.provinceCode ?? 'HQ'}.`);
      console.log('Store it now; it is not shown again:');
      console.log(created.token);
      return;
    }
    case 'list':
      for (const t of await listApiTokens(cli)) {
        console.log(`${String(t.id).padStart(4)}  ${t.channel.padEnd(8)} ${(t.provinceCode ?? 'HQ').padEnd(7)} ${t.revokedAt ? 'revoked' : 'active '}  ${t.name}`);
      }
      return;
    case 'revoke': {
      const id = Number(values.id);
      if (!Number.isSafeInteger(id)) throw new Error(USAGE);
      await revokeApiToken(cli, id);
      console.log(`Revoked token ${id}.`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main()
  .catch((error: unknown) => {
    if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    else if (error instanceof DomainError) console.error(`refused: ${error.code}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
