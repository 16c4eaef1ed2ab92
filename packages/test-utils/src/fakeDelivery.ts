import { vi } from 'vitest';

export type FakeAnswer = Response | Error | ((url: string) => Response | Error | Promise<Response | Error>);

/**
 * A fetch that behaves like the delivery's `/session` endpoint: each unused private token opens one
 * session (`st-1`, `st-2`, …) and is then spent (404), unless a scripted answer is queued.
 */
export function createFakeDelivery() {
  const spent = new Set<string>();
  const queue: FakeAnswer[] = [];
  let opened = 0;
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const scripted = queue.shift();
    const answer = typeof scripted === 'function' ? await scripted(url) : scripted;
    if (answer instanceof Error) throw answer;
    if (answer !== undefined) return answer;
    const token = /\/token\/([^/]+)\/session$/.exec(new URL(url).pathname)?.[1];
    const key = `${new URL(url).origin}${new URL(url).pathname}`;
    if (token === undefined || spent.has(token) || spent.has(key))
      return new Response('Not found', { status: 404 });
    spent.add(key);
    opened += 1;
    return json({ session_token: `st-${opened}` });
  });
  return {
    fetch,
    /** Answers the next requests, in order, before the default behaviour. */
    answer: (...answers: FakeAnswer[]) => void queue.push(...answers),
    /** Marks a private token as used, for every video. */
    spend: (token: string) => void spent.add(token),
    get requests() {
      return fetch.mock.calls.map(([input]) => String(input));
    },
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A promise plus its resolver, to hold a fake response until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
