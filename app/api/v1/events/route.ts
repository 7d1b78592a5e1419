import { listChannelEvents } from '@/lib/server/api-queries';
import { apiRoute, otherMethods } from '@/lib/server/http';
import { channelEventListOutput, channelEventsQuery, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute(async (request, actor) => {
  const filters = channelEventsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(presentOutput(channelEventListOutput, { events: await listChannelEvents(actor, filters) }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
