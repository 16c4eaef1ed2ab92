import { withoutAvh } from './authStatuses.js';

type Asset = { resolvedUri?: string };

/** What of VHS's state names the subtitle assets (`tech.vhs`): internals, read defensively. */
export type VhsSubtitleState = {
  playlists?: { main?: { mediaGroups?: { SUBTITLES?: Record<string, Record<string, Asset>> } } };
  playlistController_?: {
    subtitleSegmentLoader_?: { playlist_?: { segments?: (Asset & { map?: Asset })[] } };
  };
};

/**
 * Whether a request (its path, without query) was for subtitles: one of the manifest's subtitle
 * playlists, or a file of the subtitle playlist VHS loads. Neither VHS's `requestType` (a playlist, a
 * segment) nor the URL tells; the playlist it belongs to does. Should VHS's internals change shape, a
 * subtitle counts as any asset again.
 */
export function isSubtitleRequest(vhs: VhsSubtitleState | undefined, path: string): boolean {
  const groups = Object.values(vhs?.playlists?.main?.mediaGroups?.SUBTITLES ?? {});
  const renditions = groups.flatMap((group) => Object.values(group));
  const segments = vhs?.playlistController_?.subtitleSegmentLoader_?.playlist_?.segments ?? [];
  return [...renditions, ...segments, ...segments.map((segment) => segment.map)].some(
    (asset) => asset?.resolvedUri !== undefined && withoutAvh(asset.resolvedUri).split('?')[0] === path,
  );
}
