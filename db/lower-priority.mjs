// Shared by the database's worker threads: on Linux a thread has a niceness of its own
// (/proc/thread-self names this thread's id), so background work can give way to requests.
import fs from 'node:fs';
import os from 'node:os';

/** Lowers this thread's priority to `niceness`; elsewhere than Linux, or when not allowed, it keeps the default. */
export function lowerThisThreadPriority(niceness) {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), niceness);
  } catch {
    // Not Linux, or not allowed: same priority as the rest of the server.
  }
}
