import type { IncomingMessage } from 'node:http';
import type { ExpireFilter, FaultSpec, LogFilter, TokenPolicy } from '../control/types.js';
import type { EmulatorState } from '../emulatorState.js';
import { validateFault } from '../faults.js';
import { BadRequestError, readJsonBody } from '../http/readJsonBody.js';
import { emptyReply, jsonReply, type Reply } from '../http/reply.js';
import { MintError, mintToken } from '../mintToken.js';
import { resetState } from '../resetState.js';
import { validateTokenPolicy } from '../tokenPolicy.js';
import { validateExpireFilter } from '../validateExpireFilter.js';
import { isRecord, validateKeys } from '../validateKeys.js';
import { validateLatency } from '../validateLatency.js';
import { LOG_FILTER_KEYS, validateLogSince } from '../validateLogSince.js';

const error = (status: number, message: string) => jsonReply(status, 'control', { error: message });

/**
 * A request from a page whose origin is not trusted (not loopback, not in `corsOrigins`): refused before
 * anything runs, preflights included. Says its rule, though not logged: the 403 is the emulator's, not the call's.
 */
export function untrustedOrigin(origin: string): Reply {
  const error = `origin ${JSON.stringify(origin)} is not trusted: the control API answers loopback pages and the corsOrigins only`;
  return jsonReply(403, 'untrusted-origin', { error }, { 'X-Emulator-Rule': 'untrusted-origin' });
}

/** A control path with an empty, dot or encoded-slash segment: no endpoint has one. */
export function malformedControlPath(): Reply {
  return error(
    400,
    'malformed control path: an empty, "." or ".." segment, or an encoded slash, backslash or NUL',
  );
}

/**
 * `/__emulator/…`: the test-control API (only mounted with `control: true`). Never logged, never delayed.
 * A page of an untrusted origin never gets here (`untrustedOrigin`).
 */
export async function handleControl(
  state: EmulatorState,
  req: IncomingMessage,
  segments: string[],
  query: URLSearchParams,
): Promise<Reply> {
  const method = req.method ?? 'GET';
  const [resource, id, ...rest] = segments;
  const route = `${method} ${resource ?? ''}${id === undefined ? '' : '/:id'}`;
  if (rest.length > 0) return error(404, 'unknown control endpoint');
  try {
    switch (route) {
      case 'GET log': {
        const filter = readLogFilter(query);
        return typeof filter === 'string'
          ? error(400, filter)
          : jsonReply(200, 'control', state.log.entries(filter));
      }
      case 'DELETE log':
        state.log.clear();
        return emptyReply(204, 'control');
      case 'GET faults':
        return jsonReply(200, 'control', state.faults.list());
      case 'POST faults': {
        const body = await readJsonBody(req);
        const invalid = validateFault(body);
        return invalid ? error(400, invalid) : jsonReply(201, 'control', state.faults.add(body as FaultSpec));
      }
      case 'DELETE faults':
        state.faults.clear();
        return emptyReply(204, 'control');
      case 'DELETE faults/:id':
        return state.faults.remove(id ?? '') ? emptyReply(204, 'control') : error(404, 'unknown fault');
      case 'PUT latency': {
        const body = await readJsonBody(req);
        const ms = isRecord(body) ? body.ms : undefined;
        const invalid = (isRecord(body) && validateKeys(body, ['ms'], 'latency')) || validateLatency(ms);
        if (invalid) return error(400, invalid);
        state.latencyMs = ms as number;
        return jsonReply(200, 'control', { ms: state.latencyMs });
      }
      case 'GET latency':
        return jsonReply(200, 'control', { ms: state.latencyMs });
      case 'POST tokens': {
        const body = await readJsonBody(req);
        const unknown = isRecord(body) && validateKeys(body, ['videoId', 'policy'], 'token request');
        if (unknown) return error(400, unknown);
        if (!isRecord(body) || typeof body.videoId !== 'string')
          return error(400, 'videoId must be a string');
        const invalid = validateTokenPolicy(body.policy);
        if (invalid) return error(400, invalid);
        return jsonReply(201, 'control', mintToken(state, body.videoId, body.policy as Partial<TokenPolicy>));
      }
      case 'POST sessions/:id': {
        if (id !== 'expire') return error(404, 'unknown control endpoint');
        // No body is the empty filter: every session. Only no body: a `null` is refused like any non-object.
        const body = await readJsonBody(req);
        const filter = body === undefined ? {} : body;
        const invalid = validateExpireFilter(filter);
        if (invalid) return error(400, invalid);
        return jsonReply(200, 'control', { expired: state.tokens.expireSessions(filter as ExpireFilter) });
      }
      case 'POST reset':
        resetState(state);
        return emptyReply(204, 'control');
      case 'GET catalog':
        return jsonReply(200, 'control', catalogSummary(state));
      default:
        return error(404, 'unknown control endpoint');
    }
  } catch (caught) {
    if (caught instanceof BadRequestError) return error(400, caught.message);
    if (caught instanceof MintError) return error(caught.status, caught.message);
    throw caught;
  }
}

/**
 * `?since=N` of `GET log`, or why it is refused. A misspelt or repeated parameter would otherwise read as
 * "the whole log", which a poller would take for new entries.
 */
function readLogFilter(query: URLSearchParams): LogFilter | string {
  const unknown = validateKeys(Object.fromEntries(query), LOG_FILTER_KEYS, 'log', 'query parameter');
  if (unknown) return unknown;
  const values = query.getAll('since');
  if (values.length === 0) return {};
  const [value = ''] = values;
  const since = values.length === 1 && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return validateLogSince(since) ?? { since };
}

/** Ids and capabilities only: on-disk paths are nobody's business over HTTP. */
export function catalogSummary(state: EmulatorState) {
  return {
    videos: state.catalog.videos.map((video) => ({
      videoId: video.videoId,
      title: video.title,
      public: video.public,
      thumbnail: video.thumbnail !== undefined,
      mp4: video.mp4 !== undefined,
      hls: video.hlsDir !== undefined,
    })),
    liveStreams: state.catalog.liveStreams.map((live) => ({
      liveStreamId: live.liveStreamId,
      name: live.name,
      public: live.public,
    })),
  };
}
