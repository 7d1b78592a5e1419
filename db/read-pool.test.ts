import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithRequestContext } from '@/lib/server/request-context';
import { createEmptyDatabase, withTempDatabase } from '@/tests/temp-database';
import { closeDatabase, getReader, withTransaction } from './client';
import { DIALECT } from './dialect';
import { readAll, readStream } from './read-pool';
import { provinces } from './schema';

withTempDatabase();

describe('the heavy reads (SQLite: read workers; PostgreSQL: the pool and a cursor)', () => {
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
    await expect(readAll(sql`select * from no_such_table`)).rejects.toThrow(/no such table|does not exist/);
  });

  it('streams many rows in order, and streams left early give their connection back', async () => {
    const numbers = sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000) select i from n order by i`;
    let expected = 1;
    let chunks = 0;
    for await (const chunk of readStream<{ i: number }>(numbers, 1000)) {
      chunks++;
      for (const row of chunk) expect(Number(row.i)).toBe(expected++);
    }
    expect([chunks, expected]).toEqual([5, 5001]);
    // More abandoned streams than the pool has connections: each must have been handed back.
    for (let k = 0; k < 12; k++) {
      for await (const chunk of readStream<{ i: number }>(numbers, 10)) {
        expect(chunk).toHaveLength(10);
        break;
      }
    }
    expect((await readAll<[{ n: number }[]]>(sql`select count(*) as n from ${provinces} where code = ${'440000'}`))[0]).toEqual([{ n: 1 }]);
  });

  it('reports a query that fails while streaming as an error, and reads on afterwards', async () => {
    const read = async () => {
      for await (const chunk of readStream(sql`select * from no_such_table`)) expect(chunk).toBeUndefined();
    };
    await expect(read()).rejects.toThrow(/no such table|does not exist/);
    expect((await readAll<[{ n: number }[]]>(sql`select count(*) as n from ${provinces} where code = ${'440000'}`))[0]).toEqual([{ n: 1 }]);
  });

  it('keeps camelCase aliases when they are quoted', async () => {
    const [rows] = await readAll<[{ nameZh: string }[]]>(sql`select name_zh as "nameZh" from ${provinces} where code = ${'440000'}`);
    expect(rows).toEqual([{ nameZh: '广东省' }]);
  });
});

describe.runIf(DIALECT === 'postgres')('a read replica (DATABASE_REPLICA_URL)', () => {
  // A stand-in for the replica that can be told apart: another database with two provinces.
  let replica: Awaited<ReturnType<typeof createEmptyDatabase>>;
  const count = async () => (await readAll<[{ n: number }[]]>(sql`select count(*) as n from ${provinces}`))[0][0]!.n;
  const streamed = async () => {
    let n = 0;
    for await (const chunk of readStream(sql`select code from ${provinces}`, 10)) n += chunk.length;
    return n;
  };
  const afterWrite = <T>(fn: () => Promise<T>) => runWithRequestContext({ requestId: 'test', readAfterWrite: true }, fn);
  const useReplica = async (url: string | undefined) => {
    await closeDatabase();
    if (url === undefined) delete process.env.DATABASE_REPLICA_URL;
    else process.env.DATABASE_REPLICA_URL = url;
  };

  afterAll(async () => {
    await useReplica(undefined);
    await replica?.remove();
  });

  it('takes statistics and exports, except for a request that must see its own writes', async () => {
    replica = await createEmptyDatabase(os.tmpdir(), 'replica');
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    await client.query("create table provinces (code text); insert into provinces values ('110000'), ('440000')");
    await client.end();
    const [onPrimary] = (await getReader().all(sql`select count(*) as n from ${provinces}`)) as { n: number }[];
    await useReplica(replica.url);
    expect([await count(), await streamed()]).toEqual([2, 2]);
    expect([await afterWrite(count), await afterWrite(streamed)]).toEqual([onPrimary!.n, onPrimary!.n]);
    // The use-cases' own reads and writes never go there.
    expect(((await getReader().all(sql`select count(*) as n from ${provinces}`)) as { n: number }[])[0]!.n).toBe(onPrimary!.n);
    // A query's own error is not retried on the primary (the table exists only there).
    await expect(readAll(sql`select count(*) from ${sql.identifier('outbox')}`)).rejects.toThrow(/does not exist/);
  });

  it('falls back to the primary when the replica cannot be reached', async () => {
    const [onPrimary] = (await getReader().all(sql`select count(*) as n from ${provinces}`)) as { n: number }[];
    await useReplica('postgres://postgres@127.0.0.1:9/nowhere');
    expect([await count(), await streamed()]).toEqual([onPrimary!.n, onPrimary!.n]);
  });
});
