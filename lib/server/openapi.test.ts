import fs from 'node:fs';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument } from './openapi';

describe('the OpenAPI document', () => {
  const document = getOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    // validate() dereferences in place: give it a copy, not the cached document the route serves.
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('describes every endpoint of /api/v1 with its methods', () => {
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      (['get', 'post', 'delete'] as const).filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    // What the route handlers under app/api/v1 export, read from their files.
    const root = path.join(process.cwd(), 'app', 'api', 'v1');
    const handlers = fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => path.basename(file) === 'route.ts')
      .flatMap((file) => {
        const route = `/api/v1/${path.dirname(file)}`.replace(/\/\.$/, '').replace(/\[(\w+)\]/g, '{$1}');
        return [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/export (?:const|(?:async )?function) (GET|POST|DELETE)\b/g)].map((m) => `${m[1]} ${route}`);
      });
    expect(handlers).toContain('POST /api/v1/customers/{customerId}/complaints');
    expect(operations.sort()).toEqual(handlers.sort());
  });

  it('asks for a bearer token, except for health and the document itself', () => {
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths?.['/api/v1/health']?.get?.security).toEqual([]);
    expect(document.paths?.['/api/v1/openapi.json']?.get?.security).toEqual([]);
  });

  it('requires an Idempotency-Key on registering and cancelling, and answers problems as problem+json', () => {
    const register = document.paths?.['/api/v1/registrations']?.post;
    const cancel = document.paths?.['/api/v1/registrations/{registrationId}/cancel']?.post;
    const keyParameter = document.components?.parameters?.IdempotencyKey;
    expect(keyParameter).toMatchObject({ in: 'header', name: 'Idempotency-Key', required: true });
    for (const operation of [register, cancel]) {
      expect(operation?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    }
    expect(document.components?.responses?.InvalidInput).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('refuses unknown fields in request bodies', () => {
    expect(document.components?.schemas?.RegistrationInput).toMatchObject({ additionalProperties: false, required: ['customerId', 'eventId'] });
    expect(document.components?.schemas?.EnrollmentInput).toMatchObject({ additionalProperties: false, required: ['clubCode'] });
  });
});
