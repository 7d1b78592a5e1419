import 'server-only';
import { asc } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { provinces } from '@/db/schema';

export async function listProvinces() {
  return getReader().select({ code: provinces.code, nameZh: provinces.nameZh, nameEn: provinces.nameEn }).from(provinces).orderBy(asc(provinces.sortOrder));
}
