import type { IncomingMessage } from 'node:http';
import { liveStreamJson, pagination, videoJson } from '../apiShapes.js';
import type { CatalogLiveStream, CatalogVideo } from '../catalog.js';
import type { EmulatorState } from '../emulatorState.js';
import { BadRequestError, readJsonBody } from '../http/readJsonBody.js';
import { jsonReply, problemReply, type Reply } from '../http/reply.js';
import { mintToken } from '../mintToken.js';

const DOCS = 'https://docs.api.video/reference';

const invalidToken = () =>
  problemReply(401, 'unauthorized', {
    type: `${DOCS}/authentication-invalid`,
    title: 'The access token provided is invalid.',
  });
const missingAuth = () =>
  problemReply(401, 'unauthorized', {
    type: `${DOCS}/authentication-missing`,
    title: 'Authentication is required to access this resource.',
  });
const notFound = (name: string) =>
  problemReply(404, 'not-found', {
    type: `${DOCS}/resource-not-found`,
    title: 'The requested resource was not found.',
    name,
  });
const badRequest = (detail: string) =>
  problemReply(400, 'bad-request', {
    type: `${DOCS}/invalid-attribute`,
    title: 'An attribute is invalid.',
    detail,
  });

/** ws.api.video: authentication, videos and live streams, answering with api.video-shaped JSON. */
export async function handleApi(
  state: EmulatorState,
  req: IncomingMessage,
  segments: string[],
  /** Whether a reset or close came meanwhile; then no rule may run, and the answer is null. */
  released: () => boolean = () => false,
): Promise<Reply | null> {
  const method = req.method ?? 'GET';
  const [root, id, ...rest] = segments;
  try {
    if (root === 'auth' && rest.length === 0 && (id === 'api-key' || id === 'refresh')) {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = (await readJsonBody(req)) as Record<string, unknown> | undefined;
      if (released()) return null;
      const tokens =
        id === 'api-key' ? state.auth.login(body?.apiKey) : state.auth.refresh(body?.refreshToken);
      return tokens ? jsonReply(200, 'authorized', tokens) : invalidCredentials(id);
    }
    if (rest.length > 0 || (root !== 'videos' && root !== 'live-streams')) return notFound('path');
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET');
    const auth = state.auth.authorize(req.headers.authorization);
    if (auth !== 'ok') return auth === 'missing' ? missingAuth() : invalidToken();

    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    if (root === 'videos') {
      if (id === undefined) return list(state, '/videos', state.catalog.videos, query, videoBody);
      const video = state.catalog.findVideo(id);
      return video ? jsonReply(200, 'authorized', videoBody(state, video)) : notFound('videoId');
    }
    if (id === undefined) return list(state, '/live-streams', state.catalog.liveStreams, query, liveBody);
    const live = state.catalog.findLiveStream(id);
    return live ? jsonReply(200, 'authorized', liveBody(state, live)) : notFound('liveStreamId');
  } catch (error) {
    if (error instanceof BadRequestError) return badRequest(error.message);
    throw error;
  }
}

/** Every response carries a freshly minted private token, as api.video does for private videos. */
function videoBody(state: EmulatorState, video: CatalogVideo) {
  const token = video.public ? null : mintToken(state, video.videoId).privateToken;
  return videoJson(video, state.baseUrl, token);
}

function liveBody(state: EmulatorState, live: CatalogLiveStream) {
  const token = live.public ? null : mintToken(state, live.liveStreamId).privateToken;
  return liveStreamJson(live, state.baseUrl, token);
}

function list<T>(
  state: EmulatorState,
  path: string,
  items: readonly T[],
  query: URLSearchParams,
  toJson: (state: EmulatorState, item: T) => unknown,
): Reply {
  const currentPage = positiveInt(query.get('currentPage'), 1);
  const pageSize = Math.min(100, positiveInt(query.get('pageSize'), 25));
  const page = items.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  return jsonReply(200, 'authorized', {
    data: page.map((item) => toJson(state, item)),
    pagination: pagination(path, currentPage, pageSize, items.length, page.length),
  });
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return value !== null && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function invalidCredentials(kind: 'api-key' | 'refresh'): Reply {
  return problemReply(401, 'unauthorized', {
    type: `${DOCS}/authentication-invalid`,
    title: kind === 'api-key' ? 'The API key provided is invalid.' : 'The refresh token provided is invalid.',
  });
}

function methodNotAllowed(allow: string): Reply {
  const reply = problemReply(405, 'method-not-allowed', {
    type: `${DOCS}/method-not-allowed`,
    title: 'The HTTP method is not allowed on this resource.',
  });
  return { ...reply, headers: { ...reply.headers, Allow: allow } };
}
