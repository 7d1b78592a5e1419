import 'server-only';
import { asc } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { clubs } from '@/db/schema';

/** The four clubs with their settings: reference data every signed-in user may read. */
export async function listClubs() {
  return getReader().select().from(clubs).orderBy(asc(clubs.sortOrder));
}
