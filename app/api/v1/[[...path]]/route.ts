import { problem } from '@/lib/server/http';

/** Every path of the channel API that no route serves: 404 as problem+json, whatever the method. */
async function notFound(): Promise<Response> {
  return problem(404, 'not_found', { detail: 'No such resource.' });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
