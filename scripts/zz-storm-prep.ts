import fs from 'node:fs';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { seedStormFixture } from '@/db/seed/bench';
import { createApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
async function main() {
  const file = '/tmp/storm.db';
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
  process.env.DATABASE_URL = file;
  await setupDatabase('none');
  const { eventId, customerIds } = seedStormFixture(file, { contenders: 5000, seats: 500, pricePoints: 100 });
  const { token } = await createApiToken({ kind: 'system', via: 'cli' }, createApiTokenInput.parse({ name: 'p', channel: 'online', scope: '440000' }));
  closeDatabase();
  fs.writeFileSync('/tmp/storm.json', JSON.stringify({ eventId, customerIds, token }));
}
void main();
