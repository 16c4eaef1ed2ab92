import videojs from 'video.js';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { authStatuses } from './authStatuses.js';

type VhsRequestOptions = { uri: string; requestType?: string };
type VhsRequest = { uri?: string; status?: number };
type VhsXhr = {
  onRequest(hook: (options: VhsRequestOptions) => VhsRequestOptions): void;
  offRequest(hook: (options: VhsRequestOptions) => VhsRequestOptions): void;
  onResponse(hook: (request: VhsRequest) => void): void;
  offResponse(hook: (request: VhsRequest) => void): void;
};
type Player = ReturnType<typeof videojs>;

const hlsType = 'application/x-mpegURL';

/**
 * video.js (VHS) signs through a per-player `vhs.xhr.onRequest` hook, added again on every
 * `xhr-hooks-ready` (VHS builds a new xhr for every source). Never the global hook: it would sign other
 * players' requests. The player is created without a source so the hooks exist before the first request.
 */
export function createVideojsEngine({ video, hooks, videojsOptions }: EngineContext): PlaybackEngine {
  const player: Player = videojs(video, {
    ...videojsOptions,
    html5: {
      vhs: { overrideNative: true },
      nativeAudioTracks: false,
      nativeVideoTracks: false,
      ...(videojsOptions?.html5 as object | undefined),
    },
  });
  let active = true;
  let hlsUrl: string | undefined;
  let lastRefusedStatus: number | undefined;
  const hooked = new Set<VhsXhr>();

  const onRequest = (options: VhsRequestOptions) => {
    options.uri = hooks.sign(options.uri);
    return options;
  };
  // VHS keeps retrying refused segments without ever firing `error`, so refusals are seen here.
  const onResponse = (request: VhsRequest) => {
    const status = request.status;
    if (!active || status === undefined || !authStatuses.has(status)) return;
    lastRefusedStatus = status;
    hooks.onAssetRefused(status, request.uri ?? '');
  };
  const installHooks = () => {
    const xhr = vhsXhr(player);
    if (xhr === undefined || hooked.has(xhr)) return;
    xhr.onRequest(onRequest);
    xhr.onResponse(onResponse);
    hooked.add(xhr);
  };
  const onError = () => {
    const error = player.error();
    if (!active || error === null || error === undefined) return;
    const status = lastRefusedStatus;
    hooks.onFatal(
      new PrivateVideoError('media', `video.js gave up: ${error.message || `MediaError ${error.code}`}.`, {
        status,
        cause: error,
      }),
      status,
    );
  };
  player.on('xhr-hooks-ready', installHooks);
  player.on('error', onError);

  const setSource = (src: string, type: string, position?: number) => {
    lastRefusedStatus = undefined;
    player.ready(() => {
      if (!active) return;
      player.error(null as never);
      if (position !== undefined && position > 0) {
        player.one('loadedmetadata', () => {
          player.currentTime(position);
        });
      }
      player.src({ src, type });
    });
  };

  return {
    name: 'video.js',
    loadHls(url) {
      hlsUrl = url;
      setSource(url, hlsType);
    },
    loadMp4(url) {
      hlsUrl = undefined;
      setSource(url, 'video/mp4');
    },
    resume(position) {
      if (player.error()) {
        // The player gave up: it needs its source again (signed anew), at the same position.
        setSource(hooks.sign(hlsUrl ?? video.currentSrc), hlsUrl ? hlsType : 'video/mp4', position);
        return;
      }
      if (hlsUrl === undefined) return;
      // VHS excluded the renditions refused on the dead session (for a minute or more) and paused the
      // segment loader that was refused: let the renditions back in and the loaders go on. Should VHS's
      // internals ever change shape, setting the source again at the same position still works.
      readmitRenditions(player);
      if (!resumeSegmentLoaders(player)) setSource(hooks.sign(hlsUrl), hlsType, position);
    },
    destroy() {
      active = false;
      for (const xhr of hooked) {
        xhr.offRequest(onRequest);
        xhr.offResponse(onResponse);
      }
      hooked.clear();
      player.off('xhr-hooks-ready', installHooks);
      player.off('error', onError);
      player.dispose();
    },
  };
}

type VhsPlaylist = { excludeUntil?: number; playlistErrors_?: number };
type VhsMain = {
  playlists?: VhsPlaylist[];
  mediaGroups?: Record<string, Record<string, Record<string, { playlists?: VhsPlaylist[] }>>>;
};

function readmitRenditions(player: Player): void {
  const tech = player.tech(true) as unknown as { vhs?: { playlists?: { main?: VhsMain } } } | undefined;
  const main = tech?.vhs?.playlists?.main;
  const groups = Object.values(main?.mediaGroups ?? {}).flatMap((group) => Object.values(group));
  const renditions = groups
    .flatMap((group) => Object.values(group))
    .flatMap((media) => media.playlists ?? []);
  for (const playlist of [...(main?.playlists ?? []), ...renditions]) {
    // Renditions excluded for good (unsupported codecs, content steering) stay excluded.
    if (playlist.excludeUntil === undefined || playlist.excludeUntil === Number.POSITIVE_INFINITY) continue;
    delete playlist.excludeUntil;
    playlist.playlistErrors_ = 0;
  }
}

type SegmentLoader = { paused?: () => boolean; load?: () => void };

function resumeSegmentLoaders(player: Player): boolean {
  const tech = player.tech(true) as unknown as {
    vhs?: { playlistController_?: Record<string, SegmentLoader> };
  };
  const controller = tech?.vhs?.playlistController_;
  const loaders = ['mainSegmentLoader_', 'audioSegmentLoader_', 'subtitleSegmentLoader_']
    .map((name) => controller?.[name])
    .filter((loader): loader is Required<SegmentLoader> => typeof loader?.load === 'function');
  if (loaders.length === 0) return false;
  for (const loader of loaders) if (loader.paused?.()) loader.load();
  return true;
}

function vhsXhr(player: Player): VhsXhr | undefined {
  const tech = player.tech(true) as unknown as { vhs?: { xhr?: VhsXhr } } | undefined;
  return tech?.vhs?.xhr;
}

export const videojsEngine: EngineModule = {
  isSupported: () => true,
  createEngine: createVideojsEngine,
};
