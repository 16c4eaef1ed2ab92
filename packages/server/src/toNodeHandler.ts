import { jsonResponse } from './jsonResponse.js';
import { toMaxBodySize } from './toMaxBodySize.js';

/**
 * What it reads of a request: Node's `IncomingMessage` as `http` and Express give it (Express adds
 * `originalUrl` and maybe a parsed `body`). Written out rather than imported from `node:http`, so that these
 * types need no `@types/node` where they are only imported (a browser file, an edge function).
 */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket says `encrypted`. */
  socket?: object | null | undefined;
  readableEnded?: boolean | undefined;
  body?: unknown;
}

/** What it uses of a response: Node's `ServerResponse`. */
export interface NodeResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableFinished: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  removeHeader(name: string): void;
  end(body: Uint8Array | undefined, callback: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  destroy(): unknown;
}

/** A Node `http` / Express handler, as `toNodeHandler` returns it; it never rejects. */
export type NodeHandler = (request: NodeRequest, response: NodeResponse) => Promise<void>;

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions {
  /** Largest request body read, in bytes (default 16 KiB); a larger one gets 413. */
  maxBodySize?: number | undefined;
}

/**
 * Runs a Web-standard handler in Node's `http` server, Express, Fastify's raw mode…:
 * `http.createServer(toNodeHandler(handler))` or `app.all('/api/private-token', toNodeHandler(handler))`.
 * It never rejects: a failure becomes a 500 JSON answer.
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: NodeHandlerOptions = {},
): NodeHandler {
  const maxBodySize = toMaxBodySize(options.maxBodySize);
  return async (req, res) => {
    let response: Response;
    try {
      const body = await readBody(req, maxBodySize);
      response =
        body === tooLarge
          ? jsonResponse(413, {
              error: { code: 'payload-too-large', message: 'The request body is too large.' },
            })
          : unrepresentable.test(req.method ?? '')
            ? notImplemented(req.method as string)
            : await handler(toRequest(req, body, res));
    } catch {
      response = internalError();
    }
    try {
      await send(response, res);
    } catch {
      // An answer Node cannot write (a body stream that fails, a header value it refuses): a rejection
      // here would be unhandled in `http.createServer(toNodeHandler(…))` and stop the process.
      if (res.headersSent) {
        res.destroy();
      } else {
        for (const name of response.headers.keys()) res.removeHeader(name);
        await send(internalError(), res);
      }
    }
  };
}

function internalError(): Response {
  return jsonResponse(500, { error: { code: 'internal-error', message: 'The handler failed.' } });
}

const tooLarge = Symbol('too large');

/** The methods a `Request` refuses to carry (the Fetch standard's forbidden methods): no handler can get them. */
const unrepresentable = /^(connect|trace|track)$/i;

/**
 * 501, not 405: a 405 must list the methods allowed (`Allow`), which only the handler knows, and these methods
 * can reach no handler at all, which is what 501 says.
 */
function notImplemented(method: string): Response {
  return jsonResponse(501, {
    error: { code: 'not-implemented', message: `This server does not answer ${method} requests.` },
  });
}

function toRequest(req: NodeRequest, body: Uint8Array<ArrayBuffer> | undefined, res: NodeResponse): Request {
  const tls = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  // Express strips the mount path from `url`; `originalUrl` keeps the path the browser asked for.
  const url = new URL(
    req.originalUrl ?? req.url ?? '/',
    `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`,
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers are not headers.
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const controller = new AbortController();
  // The browser went away before the answer: let the handler stop early. Also where it left before this ran
  // (during an app's async middleware): its 'close' has come and gone.
  if (res.destroyed) controller.abort();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = req.method ?? 'GET';
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    body: hasBody ? body : undefined,
    signal: controller.signal,
  });
}

async function readBody(
  req: NodeRequest,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined | typeof tooLarge> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // A body parser (express.json()) already read the stream: use what it parsed.
  if (req.readableEnded && req.body !== undefined) {
    // express.raw() leaves the bytes themselves; JSON.stringify would turn them into {"type":"Buffer",…}.
    if (req.body instanceof Uint8Array) return new Uint8Array(req.body);
    return new TextEncoder().encode(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) return tooLarge;
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function send(response: Response, res: NodeResponse): Promise<void> {
  // Read first: a body that fails then leaves nothing half-written.
  const body = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  // An answer of `fetch` passed on as it came (a proxy; a constructed one has no `url`) was read decoded: its
  // encoding and length went with it. (One built from a fetched body keeps its headers: the app's to mend.)
  const skipped = response.url ? /^(set-cookie|content-encoding|content-length)$/ : /^set-cookie$/;
  response.headers.forEach((value, name) => {
    if (!skipped.test(name)) res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // The browser already went away: there is nobody to answer, and no 'close' event left to wait for.
  if (res.destroyed) return;
  await new Promise<void>((resolve) => {
    res.end(body, () => resolve());
    res.once('close', () => resolve());
  });
}
