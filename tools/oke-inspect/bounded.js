// @ts-check
"use strict";

/**
 * Every API call of the command is bounded: the request itself is aborted when its time is up (so no
 * socket stays open and the process can exit), and the promise gives up at the same moment even if
 * a library ignores the abort.
 */

class TimeoutError extends Error {
  /** @param {string} what @param {number} seconds */
  constructor(what, seconds) {
    super(`${what} got no answer within ${seconds} s`);
    this.name = "TimeoutError";
  }
}

/**
 * @template T
 * @param {(signal: AbortSignal) => Promise<T>} call
 * @param {string} what names the call in the message
 * @param {number} seconds
 * @returns {Promise<T>}
 */
function bounded(call, what, seconds) {
  const controller = new AbortController();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new TimeoutError(what, seconds));
      reject(new TimeoutError(what, seconds));
    }, seconds * 1000);
  });
  return /** @type {Promise<T>} */ (Promise.race([call(controller.signal), timeout])).finally(() => clearTimeout(timer));
}

/**
 * Runs `fn` over `items`, at most `limit` at a time, keeping the order: a pool of a hundred nodes
 * must not open hundreds of connections at once.
 * @template T, R
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
async function mapLimit(items, limit, fn) {
  /** @type {R[]} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

module.exports = { bounded, mapLimit, TimeoutError };
