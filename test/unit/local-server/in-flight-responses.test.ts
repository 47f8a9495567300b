/** The registry of unfinished responses a graceful shutdown waits for. */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InFlightResponses } from '../../../src/local/server/in-flight-responses.js';

const response = (name: string): ServerResponse => ({ name }) as unknown as ServerResponse;

describe('InFlightResponses', () => {
  it('counts, finds and lists what was added and not deleted, in slot order', () => {
    const inFlight = new InFlightResponses();
    const [a, b, c] = [response('a'), response('b'), response('c')];
    inFlight.add(a);
    inFlight.add(b);
    inFlight.add(c);
    expect(inFlight.delete(b)).toBe(true);
    expect(inFlight.size).toBe(2);
    expect(inFlight.has(a)).toBe(true);
    expect(inFlight.has(b)).toBe(false);
    expect([...inFlight]).toEqual([a, c]);
  });

  it('ignores a second add and a second delete of the same response', () => {
    const inFlight = new InFlightResponses();
    const a = response('a');
    inFlight.add(a);
    inFlight.add(a);
    expect(inFlight.size).toBe(1);
    expect(inFlight.delete(a)).toBe(true);
    expect(inFlight.delete(a)).toBe(false);
    expect(inFlight.size).toBe(0);
    expect([...inFlight]).toEqual([]);
  });

  it('reuses freed slots, so a steady load keeps the table at its peak size', () => {
    const inFlight = new InFlightResponses();
    for (let round = 0; round < 1000; round++) {
      const batch = Array.from({ length: 10 }, (_, i) => response(`${round}-${i}`));
      for (const res of batch) inFlight.add(res);
      for (const res of batch) inFlight.delete(res);
    }
    const last = response('last');
    inFlight.add(last);
    expect(inFlight.size).toBe(1);
    expect([...inFlight]).toEqual([last]);
    expect((inFlight as unknown as { slots: unknown[] }).slots.length).toBe(10);
  });

  it('keeps registries apart', () => {
    const first = new InFlightResponses();
    const second = new InFlightResponses();
    const [a, b] = [response('a'), response('b')];
    first.add(a);
    second.add(b);
    second.add(a);
    expect(first.delete(a)).toBe(true);
    expect(second.has(a)).toBe(true);
    expect([...second]).toEqual([b, a]);
  });
});
