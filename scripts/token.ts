/**
 * API tokens of the channels' systems from the command line:
 *   npm run token -- create --channel NAME --scope PROVINCE_CODE|HQ [--name LABEL]
 *   npm run token -- list
 *   npm run token -- revoke --id N
 * `create` prints the token once; only its hash is stored. `list` and `revoke` refuse a missing
 * database rather than create an empty one. `--help` for more.
 */
import { ZodError } from 'zod';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { DomainError } from '@/lib/domain/errors';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput, TOKEN_CHANNELS } from '@/lib/validation/api-tokens';
import { DATABASE_URL_HELP, parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv, requireExistingDatabase } from './cli-database';

const USAGE = usageText({
  synopsis: [`npm run token -- create --channel ${TOKEN_CHANNELS.join('|')} --scope PROVINCE_CODE|HQ [--name LABEL]`, 'npm run token -- list', 'npm run token -- revoke --id N'],
  description: [
    "API tokens of the channels' systems (/api/v1). create prints the token once; only its hash is stored.",
    'create brings the database up to date first (creating it when there is none); list and revoke refuse a missing database.',
  ].join('\n'),
  options: [
    ['--channel NAME', `create: the channel (${TOKEN_CHANNELS.join(', ')})`],
    ['--scope CODE|HQ', "create: the province's code, or HQ for every province"],
    ['--name LABEL', 'create: a label for the list (default: channel and scope)'],
    ['--id N', 'revoke: the token, by the id list shows'],
  ],
  environment: [DATABASE_URL_HELP],
  examples: [`npm run token -- create --channel ${TOKEN_CHANNELS[0]} --scope 330000 --name "浙江营业厅系统"`, 'npm run token -- list', 'npm run token -- revoke --id 3'],
});
const cli = { kind: 'system', via: 'cli' } as const;

/** The options each command takes: any other is refused rather than silently ignored. */
const OPTIONS_OF = { create: ['channel', 'scope', 'name'], list: [], revoke: ['id'] } as const;

async function main() {
  const { positionals, values } = parseCommandLine({
    usage: USAGE,
    allowPositionals: true,
    options: { channel: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } },
  });
  const [command, ...extra] = positionals;
  if (command === undefined) usageError('a command is needed (create, list or revoke)');
  if (!Object.hasOwn(OPTIONS_OF, command)) usageError(`unknown command "${command}" (create, list or revoke)`);
  if (extra.length > 0) usageError(`unexpected argument "${extra[0]}"`);
  const allowed: readonly string[] = OPTIONS_OF[command as keyof typeof OPTIONS_OF];
  const stray = Object.keys(values).find((o) => o !== 'help' && !allowed.includes(o));
  if (stray) usageError(`${command} takes no --${stray}`);
  switch (command) {
    case 'create': {
      if (!values.channel || !values.scope) usageError('create needs --channel and --scope');
      databaseFromEnv();
      await setupDatabase('none');
      const created = await createApiToken(cli, createApiTokenInput.parse({ channel: values.channel, scope: values.scope, name: values.name ?? `${values.channel} ${values.scope}` }));
      console.log(`Created token ${created.id} "${created.name}" for channel ${created.channel}, scope ${created.provinceCode ?? 'HQ'}.`);
      console.log('Store it now; it is not shown again:');
      console.log(created.token);
      return;
    }
    case 'list':
      requireExistingDatabase('npm run token -- list');
      for (const t of await listApiTokens(cli)) {
        console.log(`${String(t.id).padStart(4)}  ${t.channel.padEnd(8)} ${(t.provinceCode ?? 'HQ').padEnd(7)} ${t.revokedAt ? 'revoked' : 'active '}  ${t.name}`);
      }
      return;
    default: {
      const id = Number(values.id);
      if (!values.id || !Number.isSafeInteger(id)) usageError(`revoke needs --id N, a whole number${values.id ? `, got "${values.id}"` : ''}`);
      requireExistingDatabase('npm run token -- revoke');
      await revokeApiToken(cli, id);
      console.log(`Revoked token ${id}.`);
    }
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
