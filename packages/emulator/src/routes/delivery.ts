import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { EmulatorState } from '../emulatorState.js';
import { fileReply } from '../http/fileReply.js';
import { emptyReply, jsonReply, type Reply } from '../http/reply.js';
import { livePlaylist, liveSegmentFile } from '../livePlaylist.js';
import { signPlaylist } from '../playlistSigner.js';
import { resolveInside } from '../resolveInside.js';
import type { AccessDecision } from '../tokenStore.js';
import type { Route } from './matchRoute.js';

type DeliveryRoute = Extract<Route, { area: 'vod' | 'live' }>;
type Resource = { type: 'session' } | { type: 'file'; file: string } | { type: 'live-playlist' };

export interface DeliveryRequest {
  method: string;
  range: string | undefined;
  /** The `If-Range` header: a `Range` is only honoured while it names the file's current version. */
  ifRange?: string | undefined;
  /** The `avh` query parameter, or null when absent. */
  avh: string | null;
}

/** Playlists and sessions change per request (sliding window, signing, one-shot tokens): never cache them. */
const NO_STORE = { 'Cache-Control': 'no-store' };
/** Media may be cached but must be revalidated, so every request still reaches the rules (and the log). */
const NO_CACHE = { 'Cache-Control': 'no-cache' };

/** vod.api.video and live.api.video: the private-token, session and `avh` rules, then the asset itself. */
export async function handleDelivery(
  state: EmulatorState,
  route: DeliveryRoute,
  request: DeliveryRequest,
  /** Whether a reset or close came meanwhile; then no rule may run, and the answer is null. */
  released: () => boolean = () => false,
): Promise<Reply | null> {
  const entry =
    route.area === 'vod'
      ? state.catalog.findVideo(route.videoId)
      : state.catalog.findLiveStream(route.liveStreamId);
  if (!entry) return emptyReply(404, 'not-found');
  const resource = await findResource(state, route);
  if (released()) return null;
  if (!resource) return emptyReply(404, 'not-found');
  const allowedMethods = resource.type === 'session' ? ['GET'] : ['GET', 'HEAD'];
  if (!allowedMethods.includes(request.method)) {
    return emptyReply(405, 'method-not-allowed', { Allow: allowedMethods.join(', ') });
  }

  const id = route.area === 'vod' ? route.videoId : route.liveStreamId;
  if (entry.public) {
    // Public assets have no token path and no sessions on api.video.
    if (route.privateToken !== undefined || resource.type === 'session')
      return emptyReply(404, 'token-unknown');
    return serve(state, route, resource, request, 'public', null);
  }
  if (route.privateToken === undefined) return emptyReply(404, 'token-missing');

  if (resource.type === 'session') {
    const opened = state.tokens.openSession(id, route.privateToken);
    if (!opened.allowed || !opened.sessionToken) return emptyReply(404, opened.rule);
    return jsonReply(200, opened.rule, { session_token: opened.sessionToken }, NO_STORE);
  }
  const decision: AccessDecision =
    request.avh !== null
      ? state.tokens.checkSigned(id, route.privateToken, request.avh)
      : state.tokens.useUnsigned(id, route.privateToken);
  if (!decision.allowed) return emptyReply(404, decision.rule);
  return serve(state, route, resource, request, decision.rule, request.avh);
}

async function findResource(state: EmulatorState, route: DeliveryRoute): Promise<Resource | null> {
  if (route.area === 'vod') {
    const video = state.catalog.findVideo(route.videoId);
    const [head, ...rest] = route.asset;
    if (!video) return null;
    if (route.kind === 'session') return { type: 'session' };
    if (route.kind === 'thumbnail') return fileIn(video.thumbnail);
    if (route.kind === 'mp4') return fileIn(video.mp4);
    if (head === 'hls' && video.hlsDir) {
      const file = await resolveInside(video.hlsDir, rest);
      return file ? { type: 'file', file } : null;
    }
    return null;
  }
  const live = state.catalog.findLiveStream(route.liveStreamId);
  if (!live) return null;
  if (route.asset === 'playlist') return { type: 'live-playlist' };
  if (route.kind === 'session') return { type: 'session' };
  if (route.kind === 'thumbnail') return fileIn(live.thumbnail);
  const name = route.asset.length === 1 ? liveSegmentFile(live, route.asset[0] ?? '') : undefined;
  if (!name) return null;
  const file = await resolveInside(live.segmentDir, [name]);
  return file ? { type: 'file', file } : null;
}

/** A catalog file, held to its own folder like HLS files are: a symlink pointing out of it is not served. */
async function fileIn(path: string | undefined): Promise<Resource | null> {
  const file = path === undefined ? null : await resolveInside(dirname(path), [basename(path)]);
  return file ? { type: 'file', file } : null;
}

async function serve(
  state: EmulatorState,
  route: DeliveryRoute,
  resource: Exclude<Resource, { type: 'session' }>,
  request: DeliveryRequest,
  rule: string,
  avh: string | null,
): Promise<Reply> {
  let playlist: string | null = null;
  if (resource.type === 'live-playlist') {
    const live = state.catalog.findLiveStream(route.area === 'live' ? route.liveStreamId : '');
    if (!live) return emptyReply(404, 'not-found');
    playlist = livePlaylist(live, state.startedAt, state.now());
  } else if (resource.file.toLowerCase().endsWith('.m3u8')) {
    playlist = await readFile(resource.file, 'utf8');
  }
  if (playlist === null && resource.type === 'file') {
    return fileReply(resource.file, request.range, rule, NO_CACHE, request.ifRange);
  }
  const body =
    state.manifestSigning && avh !== null ? signPlaylist(playlist ?? '', avh, state.baseUrl) : playlist;
  return {
    status: 200,
    rule,
    headers: { 'Content-Type': 'application/vnd.apple.mpegurl', ...NO_STORE },
    body: body ?? '',
  };
}
