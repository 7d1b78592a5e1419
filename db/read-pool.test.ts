import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withTransaction } from './client';
import { readAll, readStream } from './read-pool';
import { provinces } from './schema';
import { withTempDatabase } from '@/tests/temp-database';

withTempDatabase();

describe('the read worker', () => {
  it('runs several queries in one round trip, rows keyed by alias', async () => {
    const [count, first] = await readAll<[{ n: number }[], { code: string; name: string }[]]>(
      sql`select count(*) as n from ${provinces}`,
      sql`select code, name_zh as name from ${provinces} where code = ${'440000'}`,
    );
    expect(count).toEqual([{ n: 31 }]);
    expect(first).toEqual([{ code: '440000', name: '广东省' }]);
  });

  it('streams a large read in chunks, and a stream left early does not disturb the next read', async () => {
    const seen: number[] = [];
    for await (const chunk of readStream<{ code: string }>(sql`select code from ${provinces} order by code`, 7)) seen.push(chunk.length);
    expect(seen).toEqual([7, 7, 7, 7, 3]);
    for await (const chunk of readStream<{ code: string }>(sql`select code from ${provinces}`, 5)) {
      expect(chunk).toHaveLength(5);
      break;
    }
    expect((await readAll<[{ n: number }[]]>(sql`select count(*) as n from ${provinces}`))[0]).toEqual([{ n: 31 }]);
  });

  it('sees what the writer committed', async () => {
    await withTransaction(async (tx) => {
      await tx.insert(provinces).values({ code: '999999', nameZh: '测试', nameEn: 'Test', sortOrder: 99 });
    });
    expect((await readAll<[{ n: number }[]]>(sql`select count(*) as n from ${provinces}`))[0]).toEqual([{ n: 32 }]);
  });

  it('reports a failing query as an error', async () => {
    await expect(readAll(sql`select * from no_such_table`)).rejects.toThrow(/no such table/);
  });
});
