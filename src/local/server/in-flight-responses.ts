/**
 * The responses a server has not finished yet (a graceful shutdown waits for them, then
 * answers the rest 503), as a table of slots rather than a `Set`.
 *
 * Why not a `Set`: a set that holds a few entries and empties again on every request grows and
 * shrinks its hash table all the time, and V8 links every replaced table to its successor
 * (for iterators), old entries included. Once one of those tables has lived long enough to be
 * promoted to the old generation, the chain of its successors, and every request and response
 * they ever held, survives each young-generation collection until the next full one: under
 * load that tripled the time `chalice local` spent collecting garbage. Slots that are
 * overwritten in place keep nothing alive once a response is finished.
 */
import type { ServerResponse } from 'node:http';

type Tracked = ServerResponse & Record<symbol, number | undefined>;

export class InFlightResponses implements Iterable<ServerResponse> {
  /** Where each response records its slot in THIS registry. */
  private readonly slotKey = Symbol('in-flight slot');
  private readonly slots: (ServerResponse | undefined)[] = [];
  private readonly free: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(res: ServerResponse): void {
    if (this.has(res)) return;
    const tracked = res as Tracked;
    const at = this.free.pop() ?? this.slots.length;
    this.slots[at] = res;
    tracked[this.slotKey] = at;
    this.count++;
  }

  delete(res: ServerResponse): boolean {
    const tracked = res as Tracked;
    const at = tracked[this.slotKey];
    if (at === undefined || this.slots[at] !== res) return false;
    this.slots[at] = undefined;
    tracked[this.slotKey] = undefined;
    this.free.push(at);
    this.count--;
    return true;
  }

  has(res: ServerResponse): boolean {
    const at = (res as Tracked)[this.slotKey];
    return at !== undefined && this.slots[at] === res;
  }

  *[Symbol.iterator](): Iterator<ServerResponse> {
    for (const res of this.slots) if (res !== undefined) yield res;
  }
}
