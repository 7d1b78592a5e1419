import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

  it('passes Redocly’s recommended rules with no error and no warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(document));
      const cli = path.join(process.cwd(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
      const output = execFileSync(process.execPath, [cli, 'lint', file, '--config', path.join(process.cwd(), 'redocly.yaml'), '--format', 'json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      const report = JSON.parse(output) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names its server, its licence, and every refusal of each operation with its codes and an example of each', () => {
    expect(document.servers).toEqual([{ url: expect.any(String), description: expect.stringContaining('PUBLIC_URL') }]);
    expect(document.info.license).toMatchObject({ name: expect.any(String), identifier: 'LicenseRef-Proprietary' });
    const register = document.paths?.['/api/v1/registrations']?.post?.responses as Record<string, { description: string; content: Record<string, { examples: Record<string, { value: unknown }> }> }>;
    expect(Object.keys(register).filter((status) => status.startsWith('4'))).toEqual(['400', '401', '404', '409', '413', '422']);
    expect(register['409']!.description).toContain('`event_full`');
    expect(register['409']!.content['application/problem+json']!.examples.event_full!.value).toMatchObject({ status: 409, code: 'event_full' });
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const method of ['get', 'post', 'delete'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const responses = operation.responses as Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: { status: number; code: string } }> }> }>;
        const where = `${method.toUpperCase()} ${route}`;
        const success = Object.keys(responses).find((status) => status.startsWith('2'))!;
        // The example is the answer's own, or its schema's.
        const media = responses[success]!.content?.['application/json'] as { example?: unknown; schema?: { $ref?: string } } | undefined;
        const schemaExample = (document.components?.schemas?.[media?.schema?.$ref?.split('/').at(-1) ?? ''] as { example?: unknown } | undefined)?.example;
        expect(media?.example ?? schemaExample, where).toBeDefined();
        for (const status of Object.keys(responses).filter((s) => s.startsWith('4'))) {
          const examples = Object.entries(responses[status]!.content?.['application/problem+json']?.examples ?? {});
          expect(examples.length, `${where} ${status}`).toBeGreaterThan(0);
          for (const [code, example] of examples) expect(example.value, `${where} ${status} ${code}`).toMatchObject({ status: Number(status), code });
        }
      }
    }
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
    expect(register?.responses?.['422']).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    expect(document.components?.responses?.InternalError).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('refuses unknown fields in request bodies', () => {
    expect(document.components?.schemas?.RegistrationInput).toMatchObject({ additionalProperties: false, required: ['customerId', 'eventId'] });
    expect(document.components?.schemas?.EnrollmentInput).toMatchObject({ additionalProperties: false, required: ['clubCode'] });
  });
});
