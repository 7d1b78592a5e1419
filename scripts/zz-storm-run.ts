import fs from 'node:fs';
import { runStorm } from './bench-storm';
async function main() {
  const { eventId, customerIds, token } = JSON.parse(fs.readFileSync('/tmp/storm.json', 'utf8'));
  await runStorm({ base: 'http://localhost:3401', token, eventId, customerIds, seats: 500, connections: 64, databaseFile: '/tmp/storm.db' });
}
void main();
