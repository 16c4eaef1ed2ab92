import type { Catalog } from '../catalog.js';
import type { RequestKind } from '../control/types.js';

/** Where a request goes, decided from its path alone (before any access rule). */
export type Route =
  | { area: 'api'; kind: 'api' }
  | { area: 'vod'; kind: RequestKind; videoId: string; privateToken?: string; asset: string[] }
  | {
      area: 'live';
      kind: RequestKind;
      liveStreamId: string;
      privateToken?: string;
      asset: string[] | 'playlist';
    }
  | { area: 'unknown'; kind: 'other' };

const API_ROOTS = new Set(['auth', 'videos', 'live-streams']);

/**
 * Maps path segments to api.video's URL shapes, all on one origin:
 * `/vod/{id}/token/{pt}/…` and `/vod/{id}/…` (vod.api.video), `/private/{pt}/{liveId}.m3u8`,
 * `/private/{pt}/{liveId}/…`, `/{liveId}.m3u8` and `/{liveId}/…` (live.api.video), the rest (ws.api.video).
 */
export function matchRoute(segments: string[], catalog: Catalog): Route {
  const [first, second, third, fourth] = segments;
  if (first === undefined) return { area: 'unknown', kind: 'other' };
  if (API_ROOTS.has(first)) return { area: 'api', kind: 'api' };

  if (first === 'vod' && second !== undefined && third !== undefined) {
    if (third === 'token' && fourth !== undefined) {
      const asset = segments.slice(4);
      return { area: 'vod', kind: vodKind(asset), videoId: second, privateToken: fourth, asset };
    }
    const asset = segments.slice(2);
    return { area: 'vod', kind: vodKind(asset), videoId: second, asset };
  }

  if (first === 'private' && second !== undefined && third !== undefined) {
    if (segments.length === 3 && third.endsWith('.m3u8')) {
      const liveStreamId = third.slice(0, -'.m3u8'.length);
      return { area: 'live', kind: 'manifest', liveStreamId, privateToken: second, asset: 'playlist' };
    }
    const asset = segments.slice(3);
    return { area: 'live', kind: liveKind(asset), liveStreamId: third, privateToken: second, asset };
  }

  if (segments.length === 1 && first.endsWith('.m3u8')) {
    return {
      area: 'live',
      kind: 'manifest',
      liveStreamId: first.slice(0, -'.m3u8'.length),
      asset: 'playlist',
    };
  }
  if (segments.length >= 2 && catalog.findLiveStream(first)) {
    const asset = segments.slice(1);
    return { area: 'live', kind: liveKind(asset), liveStreamId: first, asset };
  }
  return { area: 'unknown', kind: 'other' };
}

function vodKind(asset: string[]): RequestKind {
  const [head, ...rest] = asset;
  if (asset.length === 1 && head === 'session') return 'session';
  if (asset.length === 1 && head === 'thumbnail.jpg') return 'thumbnail';
  if (head === 'mp4' && rest.length === 1 && rest[0] === 'source.mp4') return 'mp4';
  if (head === 'hls' && rest.length === 1 && rest[0] === 'manifest.m3u8') return 'manifest';
  if (head === 'hls' && rest.length > 0) return hlsKind(rest[rest.length - 1] ?? '');
  return 'other';
}

function liveKind(asset: string[]): RequestKind {
  if (asset.length !== 1) return 'other';
  if (asset[0] === 'session') return 'session';
  if (asset[0] === 'thumbnail.jpg') return 'thumbnail';
  return hlsKind(asset[0] ?? '');
}

/** Kind of a file below an HLS master, from its extension. */
function hlsKind(name: string): RequestKind {
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  switch (ext) {
    case '.m3u8':
      return 'playlist';
    case '.ts':
    case '.m4s':
    case '.aac':
    case '.m4a':
      return 'segment';
    case '.mp4':
      return 'init';
    case '.key':
      return 'key';
    case '.vtt':
    case '.webvtt':
      return 'subtitle';
    default:
      return 'other';
  }
}
