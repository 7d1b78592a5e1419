import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { closeDatabase, getReader, migrateDatabase, withTransaction } from './client';
import { DIALECT } from './dialect';
import { provinces } from './schema';
import { withTempDatabase } from '@/tests/temp-database';

withTempDatabase();

/** SQLite says so in its message; PostgreSQL's error has the SQLSTATE. */
const isUniqueViolation = (error: unknown) => error instanceof Error && (/UNIQUE constraint failed/.test(error.message) || (error as { code?: string }).code === '23505');

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('withTransaction', () => {
  // PostgreSQL runs transactions side by side, each on a connection of its own; isolation is the database's.
  it.skipIf(DIALECT === 'postgres')('runs concurrent async transactions one after another, never interleaved', async () => {
    const trace: string[] = [];
    const body = (name: string) => async () => {
      trace.push(`${name}:begin`);
      await tick();
      trace.push(`${name}:middle`);
      await tick();
      trace.push(`${name}:end`);
    };
    await Promise.all([withTransaction(body('a')), withTransaction(body('b')), withTransaction(body('c'))]);
    expect(trace).toEqual([
      'a:begin', 'a:middle', 'a:end',
      'b:begin', 'b:middle', 'b:end',
      'c:begin', 'c:middle', 'c:end',
    ]);
  });

  it('rolls back every write when an error is thrown anywhere inside, even after an await', async () => {
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(provinces).values({ code: '999901', nameZh: '测试一', nameEn: 'Test 1', sortOrder: 99 });
        await tick();
        await tx.insert(provinces).values({ code: '999902', nameZh: '测试二', nameEn: 'Test 2', sortOrder: 99 });
        await tick();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await getReader().select().from(provinces).where(sql`${provinces.code} like '9999%'`);
    expect(rows).toEqual([]);
  });

  it('rolls back when a statement fails, and the next transaction still works', async () => {
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(provinces).values({ code: '999903', nameZh: '测试', nameEn: 'Test', sortOrder: 1 });
        await tx.insert(provinces).values({ code: '999903', nameZh: '重复', nameEn: 'Duplicate', sortOrder: 1 });
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    await withTransaction(async (tx) => {
      await tx.insert(provinces).values({ code: '999904', nameZh: '之后', nameEn: 'After', sortOrder: 1 });
    });
    const codes = (await getReader().select({ code: provinces.code }).from(provinces).where(sql`${provinces.code} like '9999%'`)).map((r) => r.code);
    expect(codes).toEqual(['999904']);
  });

  it('lets a read outside see only committed data', async () => {
    let seenInside: unknown[] = ['not read'];
    await withTransaction(async (tx) => {
      await tx.insert(provinces).values({ code: '999905', nameZh: '未提交', nameEn: 'Uncommitted', sortOrder: 1 });
      seenInside = await getReader().select().from(provinces).where(eq(provinces.code, '999905'));
      const own = await tx.select().from(provinces).where(eq(provinces.code, '999905'));
      expect(own).toHaveLength(1);
    });
    expect(seenInside).toEqual([]);
    expect(await getReader().select().from(provinces).where(eq(provinces.code, '999905'))).toHaveLength(1);
  });

  it('joins an outer transaction when nested, so an inner failure rolls back the outer writes too', async () => {
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(provinces).values({ code: '999906', nameZh: '外层', nameEn: 'Outer', sortOrder: 1 });
        await withTransaction(async (inner) => {
          await inner.insert(provinces).values({ code: '999907', nameZh: '内层', nameEn: 'Inner', sortOrder: 1 });
          throw new Error('inner failed');
        });
      }),
    ).rejects.toThrow('inner failed');
    expect(await getReader().select().from(provinces).where(sql`${provinces.code} in ('999906', '999907')`)).toEqual([]);
  });

  it('joins the outer transaction from another copy of this module too (Next evaluates it once per bundle)', async () => {
    vi.resetModules();
    const copy = await import('./client');
    expect(copy.withTransaction).not.toBe(withTransaction);
    const joined = await Promise.race([
      withTransaction(async (tx) => {
        await tx.insert(provinces).values({ code: '999908', nameZh: '外层', nameEn: 'Outer', sortOrder: 1 });
        return copy.withTransaction(async () => copy.inTransaction());
      }),
      new Promise((resolve) => setTimeout(() => resolve('deadlocked'), 2_000)),
    ]);
    expect(joined).toBe(true);
  });

  it('commits concurrent transactions together, but a failing one loses only its own writes', async () => {
    const insert = (code: string, fail = false) =>
      withTransaction(async (tx) => {
        await tx.insert(provinces).values({ code, nameZh: code, nameEn: code, sortOrder: 1 });
        await tick();
        if (fail) throw new Error(`fail ${code}`);
        return code;
      });
    const results = await Promise.allSettled([insert('999911'), insert('999912', true), insert('999913')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const codes = (await getReader().select({ code: provinces.code }).from(provinces).where(sql`${provinces.code} like '99991%'`)).map((r) => r.code);
    expect(codes.sort()).toEqual(['999911', '999913']);
  });

  it('answers a transaction only once its writes are committed and visible to readers', async () => {
    const seen = await Promise.all(
      ['999921', '999922', '999923'].map((code) =>
        withTransaction(async (tx) => {
          await tx.insert(provinces).values({ code, nameZh: code, nameEn: code, sortOrder: 1 });
          return code;
        }).then(async (c) => (await getReader().select().from(provinces).where(eq(provinces.code, c))).length),
      ),
    );
    expect(seen).toEqual([1, 1, 1]);
  });

  it('refuses a transaction still queued (on PostgreSQL: waiting for a connection) when the database is closed, and opens again on the next use', async () => {
    const queued = withTransaction((tx) => tx.insert(provinces).values({ code: '999931', nameZh: '关闭', nameEn: 'Closed', sortOrder: 1 }));
    await closeDatabase();
    await expect(queued).rejects.toThrow('the database was closed');
    expect(await getReader().select().from(provinces).where(eq(provinces.code, '999931'))).toEqual([]);
  });
});

describe('migrateDatabase', () => {
  it('refuses a database that a newer version of the code migrated, and migrates it again once that record is gone', async () => {
    const records = sql.raw(DIALECT === 'postgres' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations');
    const newer = Date.UTC(2099, 0, 1);
    await withTransaction(async (tx) => {
      await tx.run(sql`insert into ${records} (hash, created_at) values ('made-by-a-newer-version', ${newer})`);
    });
    try {
      await expect(migrateDatabase()).rejects.toThrow(/1 migration\(s\) this version of Club Hub does not know/);
    } finally {
      await withTransaction(async (tx) => {
        await tx.run(sql`delete from ${records} where created_at = ${newer}`);
      });
    }
    await expect(migrateDatabase()).resolves.toBeUndefined();
  });
});
