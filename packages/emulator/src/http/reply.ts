import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/** A file slice to stream; `end` is inclusive, as in `Content-Range`. */
export interface FileBody {
  file: string;
  start: number;
  end: number;
}

/** A response decided but not yet written, so it can be logged before the client can see it. */
export interface Reply {
  status: number;
  rule: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer | FileBody;
  /** Drop the connection after this many bytes of the body (a `cutAfterBytes` fault). */
  cutAfterBytes?: number;
}

export function jsonReply(status: number, rule: string, value: unknown, headers = {}): Reply {
  return {
    status,
    rule,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

/** api.video errors are RFC 7807 problems: `{ type, title, status, detail? }`. */
export function problemReply(
  status: number,
  rule: string,
  problem: { type: string; title: string; detail?: string; name?: string },
): Reply {
  return {
    status,
    rule,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ ...problem, status }),
  };
}

export function emptyReply(status: number, rule: string, headers = {}): Reply {
  return { status, rule, headers };
}

/** The bytes of a reply's body, as its `Content-Length` says. */
export function bodyLength({ body }: Reply): number {
  if (body === undefined) return 0;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Buffer.byteLength(body);
  return Math.max(0, body.end - body.start + 1);
}

/** Writes `reply` with `cors`, the CORS headers of its route and the request's `Origin` (see `cors.ts`). */
export function writeReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  cors: Readonly<Record<string, string>>,
): void {
  const { body, cutAfterBytes } = reply;
  const headers: Record<string, string | number> = { ...cors, ...reply.headers };
  if (body !== undefined) headers['Content-Length'] = bodyLength(reply);
  // RFC 9110 forbids Content-Length on 204, and on 304 it would have to be the 200's length.
  else if (!('Content-Length' in headers) && reply.status !== 204 && reply.status !== 304) {
    headers['Content-Length'] = 0;
  }
  res.writeHead(reply.status, headers);
  if (req.method === 'HEAD' || body === undefined) {
    res.end();
    return;
  }
  if (cutAfterBytes !== undefined) {
    writeCut(res, body, cutAfterBytes);
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  // The client may have left while the reply was decided (latency, file lookups): a stream piped into a
  // closed response is never read and would hold its file open for good.
  if (body.end < body.start || res.destroyed) {
    res.end();
    return;
  }
  const stream = createReadStream(body.file, { start: body.start, end: body.end });
  // A disappearing file or a client hanging up must not crash the server: pipeline closes both sides.
  pipeline(stream, res, () => {});
}

/** The first `bytes` of the body, then the connection dropped: the client sees a transfer cut mid-way. */
function writeCut(res: ServerResponse, body: string | Buffer | FileBody, bytes: number): void {
  const drop = () => {
    res.destroy();
  };
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    res.write(Buffer.from(body).subarray(0, bytes), drop);
  } else if (res.destroyed) {
    drop();
  } else if (bytes === 0) {
    // The headers wait for the body's first write: dropped at once, the client would get no answer at all.
    res.write('', drop);
  } else {
    const stream = createReadStream(body.file, { start: body.start, end: body.start + bytes - 1 });
    // Not `pipeline`: it would end the response, which must be dropped instead. A client gone stops the read.
    res.on('close', () => stream.destroy());
    stream.on('error', drop);
    stream.on('end', () => res.write('', drop));
    stream.pipe(res, { end: false });
  }
}
