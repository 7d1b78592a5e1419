import { config } from 'zod/v4/core';

/**
 * Runs in the browser before any of the app's own code. The pages' Content-Security-Policy allows
 * no eval: zod would probe for it (with `new Function`) as its first object schema is built, and
 * the browser would report every page for it. Its parsers run without compiled code instead.
 */
config({ jitless: true });
