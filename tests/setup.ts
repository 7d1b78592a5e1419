import { vi } from 'vitest';

// Delivery after a commit runs detached from the request; in a test it would outlive the test's
// temporary database. Tests that deliver call deliverExclusively themselves.
vi.mock('@/lib/server/outbox', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/server/outbox')>()), deliverSoon: vi.fn() }));
