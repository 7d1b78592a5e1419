import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { acquireWriteLock, releaseWriteLock, releaseWriteLockOf, writeLockMemory } from './write-lock';

/**
 * Another thread taking the lock the way a writer does: it waits (blocking itself only) until the
 * lock is free, holds it for 300 ms with `inside` set (long enough for this thread's timers to
 * tick while it waits, even on a busy machine), and lets go.
 */
const OTHER_WRITER = `
  const { workerData, parentPort, threadId } = require('node:worker_threads');
  const lock = new Int32Array(workerData.writeLock);
  const inside = new Int32Array(workerData.inside);
  for (let holder; (holder = Atomics.compareExchange(lock, 0, 0, threadId + 1)) !== 0; ) Atomics.wait(lock, 0, holder);
  Atomics.store(inside, 0, 1);
  parentPort.postMessage('in');
  setTimeout(() => {
    Atomics.store(inside, 0, 0);
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0, 1);
  }, 300);
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the write lock shared between threads', () => {
  it('lets one thread in at a time, and this thread waits for it without blocking', async () => {
    const seen: string[] = [];
    const inside = new Int32Array(new SharedArrayBuffer(4));
    await acquireWriteLock();
    const other = new Worker(OTHER_WRITER, { eval: true, workerData: { writeLock: writeLockMemory(), inside: inside.buffer } });
    other.on('message', (m: string) => seen.push(m));
    await sleep(100);
    expect(seen).toEqual([]);
    releaseWriteLock();
    await expect.poll(() => seen).toEqual(['in']);

    // Held by the other thread: this thread's turn comes after it lets go, and timers still run meanwhile.
    expect(Atomics.load(inside, 0)).toBe(1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await acquireWriteLock();
    const otherStillInside = Atomics.load(inside, 0);
    releaseWriteLock();
    clearInterval(timer);
    expect(otherStillInside).toBe(0);
    expect(ticks).toBeGreaterThan(3);
    await other.terminate();
  });

  it('is freed when a thread that held it ends without letting go', async () => {
    const inside = new Int32Array(new SharedArrayBuffer(4));
    const dying = new Worker(
      `const { workerData, threadId } = require('node:worker_threads');
       const lock = new Int32Array(workerData.writeLock);
       Atomics.compareExchange(lock, 0, 0, threadId + 1);
       Atomics.store(new Int32Array(workerData.inside), 0, 1);
       process.exit(1);`,
      { eval: true, workerData: { writeLock: writeLockMemory(), inside: inside.buffer } },
    );
    const thread = dying.threadId;
    await new Promise((resolve) => dying.once('exit', resolve));
    expect(Atomics.load(inside, 0)).toBe(1);
    let acquired = false;
    const waiting = acquireWriteLock().then(() => (acquired = true));
    await sleep(50);
    expect(acquired).toBe(false);
    releaseWriteLockOf(thread);
    await waiting;
    releaseWriteLock();
  });

  it('queues the waiters of one thread', async () => {
    const order: number[] = [];
    await acquireWriteLock();
    const waiting = [1, 2, 3].map((n) => acquireWriteLock().then(() => order.push(n) && releaseWriteLock()));
    await sleep(20);
    expect(order).toEqual([]);
    releaseWriteLock();
    await Promise.all(waiting);
    expect(order.sort()).toEqual([1, 2, 3]);
  });
});
