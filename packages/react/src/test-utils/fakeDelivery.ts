import { vi } from 'vitest';

export type FakeAnswer = Response | Error;

/**
 * A fetch that behaves like the delivery's `/session` endpoint: each unused private token opens one
 * session (`st-1`, `st-2`, …) and is then spent (404), unless a scripted answer is queued.
 */
export function createFakeDelivery() {
  const spent = new Set<string>();
  const queue: FakeAnswer[] = [];
  let opened = 0;
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const scripted = queue.shift();
    if (scripted instanceof Error) throw scripted;
    if (scripted !== undefined) return scripted;
    const token = /\/token\/([^/]+)\/session$/.exec(url.pathname)?.[1];
    if (token === undefined || spent.has(token)) return new Response('Not found', { status: 404 });
    spent.add(token);
    opened += 1;
    return Response.json({ session_token: `st-${opened}` });
  });
  return {
    fetch,
    /** Answers the next requests, in order, before the default behaviour. */
    answer: (...answers: FakeAnswer[]) => void queue.push(...answers),
    spend: (token: string) => void spent.add(token),
    get requests() {
      return fetch.mock.calls.map(([input]) => String(input));
    },
  };
}

/** A promise plus its resolver, to hold a fake response until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}
