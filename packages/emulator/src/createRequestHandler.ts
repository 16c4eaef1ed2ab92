import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './emulatorState.js';
import { isTrustedOrigin, publicCorsHeaders, requestOrigin, trustedCorsHeaders } from './http/cors.js';
import { hostRefusal } from './http/hostRefusal.js';
import { parseRequestTarget } from './http/parseRequestTarget.js';
import { bodyLength, emptyReply, type Reply, writeReply } from './http/reply.js';
import { RequestHold } from './requestHold.js';
import { handleApi } from './routes/api.js';
import { handleControl, malformedControlPath, untrustedOrigin } from './routes/control.js';
import { handleDelivery } from './routes/delivery.js';
import { matchRoute, type Route } from './routes/matchRoute.js';

const noStore = { 'Cache-Control': 'no-store' };

/** CORS headers of the request's route, settled once the route is known: even a bare 500 carries them. */
interface Cors {
  headers: Readonly<Record<string, string>>;
}

/** The single `node:http` handler: control API, then faults, then API or delivery rules; logs each request. */
export function createRequestHandler(state: EmulatorState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const cors: Cors = { headers: publicCorsHeaders };
    handle(state, req, res, cors).catch((error: unknown) => {
      // A failure of the emulator is said where the user looks (`onError`), never in the response. A client
      // that hung up mid-request (its body cut short) is not one: it is already gone, and that is its right.
      if (!req.socket.destroyed) state.reportError(error);
      // Never leak a stack trace: a bare 500, or a dropped connection if the response had started.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { ...cors.headers, 'Content-Length': 0 });
      res.end();
    });
  };
}

async function handle(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  cors: Cors,
): Promise<void> {
  const method = req.method ?? 'GET';
  // Taken on arrival: a reset or close from now on ends this request's waits and hang.
  const hold = new RequestHold(state.held.signal, res);
  const target = parseRequestTarget(req.url);

  // The API and the control API hand out tokens, media URLs and the log: only trusted pages may read them,
  // and only under an allowed `Host`: a page rebound to this machine is same-origin, beyond CORS's reach.
  const origin = requestOrigin(req);
  const refusedHost = hostRefusal(req.headers.host, state.hostTrust);
  // A malformed control path (`removeFault('')` sends `/__emulator/faults/`) is the control API's too:
  // never logged nor delayed, and refused to untrusted pages like any other control request.
  const controlPath = target.ok
    ? target.segments[0] === '__emulator'
    : /^\/__emulator(\/|$)/.test(target.path);
  if (state.control && controlPath) {
    cors.headers = trustedCorsHeaders(origin, state.corsTrust);
    // Refused before anything runs: a "simple" cross-origin POST (text/plain) comes without a preflight, and
    // CORS would only hide its answer, not stop a reset or a fault.
    const reply =
      refusedHost ??
      (origin !== undefined && !isTrustedOrigin(origin, state.corsTrust)
        ? untrustedOrigin(origin)
        : !target.ok
          ? malformedControlPath()
          : method === 'OPTIONS'
            ? preflight(req)
            : await handleControl(state, req, target.segments.slice(1), target.query));
    writeReply(req, res, reply, cors.headers);
    return;
  }
  if (!target.ok) {
    await hold.wait(state.latencyMs);
    if (hold.released()) return;
    const reply = emptyReply(400, 'bad-request');
    record(state, reply, { method, path: target.path, query: {}, kind: 'other', avh: false });
    writeReply(req, res, reply, cors.headers);
    return;
  }
  const { segments, query, path } = target;

  const route = matchRoute(segments, state.catalog);
  if (route.area === 'api') cors.headers = trustedCorsHeaders(origin, state.corsTrust);
  const entry = {
    method,
    path,
    query: firstValues(query),
    kind: route.kind,
    avh: query.has('avh'),
    ...routeIds(route),
  };
  // Every logged request pays the latency, preflights included: each is one more round trip on a network.
  await hold.wait(state.latencyMs);
  if (hold.released()) return;
  let reply: Reply | null;
  // Delivery answers every host: its answers are readable from every origin already (see the README).
  if (route.area === 'api' && refusedHost) {
    reply = refusedHost;
  } else if (method === 'OPTIONS') {
    reply = preflight(req);
  } else {
    const fault = state.faults.check({ method, path, kind: route.kind, videoId: entry.videoId });
    await hold.wait(fault.delayMs);
    if (hold.released()) return;
    if (fault.hang) {
      // Logged when the connection ends, with a status no answer has: none was ever sent.
      hold.hang(() => state.log.append({ time: state.now(), ...entry, status: 0, rule: 'fault-hang' }));
      return;
    }
    // The handlers await too (a body, file lookups): a reset or close meanwhile drops the request there, and
    // its connection at once (a body still arriving ends with it: the handler's read then fails).
    const released = () => hold.released();
    const stopDropping = hold.dropOnRelease();
    try {
      // Never stored: a browser keeps a 410 (or a 301) fresh for good, and `count` would no longer hold.
      if (fault.status !== undefined) {
        const retryAfter = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
        reply = emptyReply(fault.status, 'fault', { ...noStore, ...retryAfter });
      } else if (route.area === 'api') reply = await handleApi(state, req, segments, released);
      else if (route.area === 'unknown') reply = emptyReply(404, 'not-found');
      else {
        const request = {
          method,
          range: req.headers.range,
          ifRange: [req.headers['if-range'] ?? []].flat().join(', ') || undefined,
          avh: query.get('avh'),
        };
        reply = await handleDelivery(state, route, request, released);
      }
    } catch (error) {
      if (hold.released()) return;
      throw error;
    } finally {
      stopDropping();
    }
    // Not logged into, nor answered from, the state a reset made while the reply was being prepared.
    if (reply === null || hold.released()) return;
    // An answer no cut applies to (a HEAD, a body no longer than the cut) is whole, under the rules' own rule.
    const cutAfterBytes = fault.cut(bodyLength(reply));
    if (cutAfterBytes !== undefined) reply = { ...reply, rule: 'fault-cut', cutAfterBytes };
  }
  // Logged before writing, so a client that has its response can already see the entry.
  record(state, reply, entry);
  writeReply(req, res, reply, cors.headers);
}

function record(
  state: EmulatorState,
  reply: Reply,
  entry: {
    method: string;
    path: string;
    query: Record<string, string>;
    kind: Route['kind'];
    avh: boolean;
    videoId?: string;
    privateToken?: string;
  },
): void {
  state.log.append({ time: state.now(), ...entry, status: reply.status, rule: reply.rule });
  reply.headers = { ...reply.headers, 'X-Emulator-Rule': reply.rule };
}

/**
 * The query as logged: a repeated key with its first value, the one the rules read (`avh`), where
 * `Object.fromEntries` would keep the last. One pass: `get` per key would cost a scan per key.
 */
function firstValues(query: URLSearchParams): Record<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of query) if (!values.has(key)) values.set(key, value);
  return Object.fromEntries(values);
}

function routeIds(route: Route): { videoId?: string; privateToken?: string } {
  if (route.area === 'vod') return withToken(route.videoId, route.privateToken);
  if (route.area === 'live') return withToken(route.liveStreamId, route.privateToken);
  return {};
}

function withToken(videoId: string, privateToken: string | undefined) {
  return privateToken === undefined ? { videoId } : { videoId, privateToken };
}

/** CORS preflight: anything a player or test may send cross-origin. */
function preflight(req: IncomingMessage): Reply {
  return emptyReply(204, 'preflight', {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Range',
    'Access-Control-Max-Age': 600,
  });
}
