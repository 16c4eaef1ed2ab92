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
}

/** Every response is readable cross-origin: players and tests run on other origins. */
export const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'Content-Range, Content-Length, Accept-Ranges, Content-Type, Cache-Control, Date, Last-Modified, X-Emulator-Rule',
} as const;

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

export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const body = reply.body;
  const headers: Record<string, string | number> = { ...corsHeaders, ...reply.headers };
  if (typeof body === 'string' || Buffer.isBuffer(body)) headers['Content-Length'] = Buffer.byteLength(body);
  else if (body) headers['Content-Length'] = body.end - body.start + 1;
  // RFC 9110 forbids Content-Length on 204, and on 304 it would have to be the 200's length.
  else if (!('Content-Length' in headers) && reply.status !== 204 && reply.status !== 304) {
    headers['Content-Length'] = 0;
  }
  res.writeHead(reply.status, headers);
  if (req.method === 'HEAD' || body === undefined) {
    res.end();
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
