import { otherMethods } from '@/lib/server/http';
import { getOpenApiDocument } from '@/lib/server/openapi';

/** The OpenAPI 3.1 document, public so that integrators can read it before they hold a token. */
export function GET() {
  return Response.json(getOpenApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
