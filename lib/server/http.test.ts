import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '@/lib/domain/errors';
import { readJson } from './http';

const schema = z.object({ a: z.number() });

function streamOf(chunks: Uint8Array[], pulled: { count: number }): ReadableStream<Uint8Array> {
  let i = 0;
  // highWaterMark 0: a chunk is produced only when someone reads.
  return new ReadableStream(
    {
      pull(controller) {
        if (i === chunks.length) controller.close();
        else {
          pulled.count += chunks[i]!.byteLength;
          controller.enqueue(chunks[i++]!);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('readJson', () => {
  it('reads and validates a JSON body, with a byte order mark or without', async () => {
    expect(await readJson(post('/api/v1/registrations', '{"a":1}'), schema)).toEqual({ a: 1 });
    expect(await readJson(post('/api/v1/registrations', '\uFEFF{"a":2}'), schema)).toEqual({ a: 2 });
  });

  it('refuses bad JSON with 400 and an empty body too', async () => {
    expect((await refusal(readJson(post('/api/v1/registrations', '{'), schema))).status).toBe(400);
    expect((await refusal(readJson(post('/api/v1/registrations', ''), schema))).code).toBe('invalid_json');
  });

  it('refuses a declared length over the path limit without reading a byte', async () => {
    const pulled = { count: 0 };
    const request = post('/api/v1/registrations', streamOf([new Uint8Array(10)], pulled), { 'content-length': String(64 * 1024 + 1) });
    const error = await refusal(readJson(request, schema));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413, params: { limit: 64 * 1024 } });
    expect(pulled.count).toBe(0);
  });

  it('stops reading a body without a length at the path limit', async () => {
    const pulled = { count: 0 };
    const chunk = new Uint8Array(16 * 1024).fill(32);
    const request = post('/api/v1/registrations', streamOf(Array.from({ length: 1000 }, () => chunk), pulled));
    expect((await refusal(readJson(request, schema))).status).toBe(413);
    // Read up to the chunk that crossed 64 KB, and perhaps one more the stream queued ahead.
    expect(pulled.count).toBeLessThanOrEqual(6 * chunk.byteLength);
  });

  it("takes a door device's larger batch on its own path", async () => {
    const body = JSON.stringify({ a: 1, pad: 'x'.repeat(100 * 1024) });
    expect((await refusal(readJson(post('/api/v1/registrations', body), schema))).status).toBe(413);
    expect(await readJson(post('/ops/checkin/3/scans', body), schema)).toEqual({ a: 1 });
  });
});
