import videojs from 'video.js';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { authStatuses, withoutAvh } from './authStatuses.js';
import { countStallReloads, stalledOut } from './countStallReloads.js';
import { failSilentRequests } from './failSilentRequests.js';
import { holdVhsLoading, type VhsLoaders } from './holdVhsLoading.js';
import { hookVhsXhrs, type VhsRequest, type VhsRequestOptions, type VhsXhr } from './hookVhsXhrs.js';
import { redactVideojsLog } from './redactVideojsLog.js';
import { requirePeer } from './requirePeer.js';
import type { PlayState } from './restoreOnLoad.js';
import { isSubtitleRequest, type VhsSubtitleState } from './vhsSubtitles.js';
import { type FailedRequest, toEngineError, type VhsMediaError, withoutSignedUrl } from './videojsErrors.js';
import { watchVhsStall } from './watchVhsStall.js';

requirePeer('video.js', videojs);

type Player = ReturnType<typeof videojs>;

const hlsType = 'application/x-mpegURL';
/**
 * VHS retries a failing segment forever (refused, or a 5xx) and never fires `error`: failures of one asset
 * in a row since the last (re)load, after which the engine gives up on it as hls.js would.
 */
const failureLimit = 3;

/**
 * video.js (VHS) signs through a per-player `vhs.xhr.onRequest` hook, added again on every
 * `xhr-hooks-ready` (VHS builds a new xhr for every source). Never the global hook: it would sign other
 * players' requests. The player is created without a source so the hooks exist before the first request.
 */
export function createVideojsEngine({
  video,
  hooks,
  videojsOptions,
  setTimeout,
  clearTimeout,
  renewing,
  renewingSession,
  answerTimeout,
}: EngineContext): PlaybackEngine {
  const html5 = (videojsOptions as { html5?: { vhs?: object } } | undefined)?.html5;
  const player: Player = videojs(video, {
    ...videojsOptions,
    html5: {
      nativeAudioTracks: false,
      nativeVideoTracks: false,
      // Where IS_IOS (iPadOS has MSE, so VHS plays there), video.js would play in a copy of the element
      // and dispose of the one given: the controller (and the app) would watch, seek and read a dead
      // element. The tech keeps the given one as it does everywhere else.
      playerElIngest: true,
      ...html5,
      // The app's VHS options join ours rather than replace them: without `overrideNative`, a browser with its
      // own HLS would play it, whose requests nobody can sign. Without `cacheEncryptionKeys`, VHS asks for an
      // AES-128 key again with every segment: a signed request and a round trip more before each (hls.js
      // keeps its keys by itself).
      vhs: { overrideNative: true, cacheEncryptionKeys: true, ...html5?.vhs },
    },
  });
  let active = true;
  let hlsUrl: string | undefined;
  /** The last refusal: an error from the media pipeline rather than a request names neither. */
  let lastRefused: FailedRequest | undefined;
  /** Whether the last request of the video or audio that failed got no answer: nor does that error say. */
  let lastUnanswered = false;
  /** The last request of the video or audio, when it failed: what the media pipeline's error is about. */
  let lastFailed: FailedRequest | undefined;
  let cancelRestore: (() => void) | undefined;
  /** What the viewer had when a resume set the source again: until it loads, the element holds a reset. */
  let viewer: PlayState | undefined;
  const held = () => (video.readyState ? undefined : viewer);
  /** What the controller's fallback restores when the engine gives up (see `EngineHooks.onFatal`). */
  const fatal = (error: PrivateVideoError, status: number | undefined) =>
    hooks.onFatal(error, status, held());
  /**
   * Failures in a row by asset path, a success of that asset starting again; with the last one's status, and
   * `answers` then: a failure with answers since is no longer what a viewer who waits waits on.
   */
  const failures = new Map<string, { count: number; status: number; answers: number }>();
  /** The answers of the video and audio so far (not the subtitles'): VHS is getting somewhere. */
  let answers = 0;
  /**
   * Whether the viewer waits on a failure (see `EngineHooks.waiting`): then the mp4 from there is the quicker way
   * on than VHS's next try, as with hls.js. Not while the controller checks or renews the session for a
   * refusal: the renewed session is what the next try needs.
   */
  const viewerWaits = () => hooks.waiting() && !renewing?.();
  const isSubtitle = (uri: string) => isSubtitleRequest(vhsState(player), pathOf(uri));
  // VHS keeps asking for what the dead session refuses while the controller renews it: held meanwhile.
  const hold = holdVhsLoading({
    setTimeout,
    clearTimeout,
    renewingSession,
    loaders: () => vhsLoaders(player),
    goOn: () => resumeSegmentLoaders(player),
  });

  // VHS may also stop for good after one failure, without a word: watched for, after each failure.
  const stallWatch = watchVhsStall({
    video,
    hooks,
    setTimeout,
    clearTimeout,
    renewing,
    currentTime: () => player.currentTime() ?? 0,
    isSubtitle,
    nudge: () => {
      hold.release();
      readmitRenditions(player);
      resumeSegmentLoaders(player);
    },
    giveUp: (path, status, reason) => giveUp(path, status, reason),
  });

  const silentRequests = failSilentRequests({ setTimeout, clearTimeout, answerTimeout });

  const onRequest = (options: VhsRequestOptions) => {
    options.uri = hooks.sign(options.uri);
    stallWatch.track(options);
    silentRequests.track(options);
    return options;
  };
  // VHS keeps retrying failing segments without ever firing `error`, so failures are seen here: refusals,
  // 5xx, and no answer (status 0: a connection dropped, VHS's time-out), after which VHS may stop for good
  // too (a failed init segment of fMP4 audio). A request VHS aborted itself is its own business.
  const onResponse = (request: VhsRequest) => {
    const { status = 0, aborted } = request;
    if (!active || aborted) return;
    const uri = request.uri ?? '';
    const path = pathOf(uri);
    if (status && status < 400) {
      failures.delete(path);
      if (!isSubtitle(uri)) {
        answers += 1;
        lastFailed = undefined;
      }
      return;
    }
    if (authStatuses.has(status)) {
      lastRefused = { status, url: path };
      hooks.onAssetRefused(status, uri);
    }
    // VHS drops a subtitle track at its first failure (and asks again when it is shown again): the video
    // plays on without it, as with hls.js. Only the video and audio may end the HLS playback.
    if (isSubtitle(uri)) return;
    lastUnanswered = !status;
    lastFailed = { status, url: path };
    if (authStatuses.has(status)) hold.refused();
    stallWatch.failed(path, status);
    const count = (failures.get(path)?.count ?? 0) + 1;
    failures.set(path, { count, status, answers });
    if (count >= failureLimit) giveUp(path, status, `failed ${count} times in a row`);
    else giveUpIfWaiting();
  };
  /** A second failure in a row of one asset, nothing answered since, while the viewer waits: see `viewerWaits`. */
  const giveUpIfWaiting = () => {
    if (!active || !viewerWaits()) return;
    for (const [path, failure] of failures) {
      const { count, status } = failure;
      if (count > 1 && failure.answers === answers)
        return giveUp(path, status, `failed ${count} times in a row, the video waiting`);
    }
  };
  /** What hls.js does once its retries are spent: the controller renews, or falls back to the mp4. */
  const giveUp = (path: string, status: number, reason: string) => {
    failures.clear();
    const name = path.slice(path.lastIndexOf('/') + 1);
    const known = status || undefined; // 0: no answer
    const message = `video.js cannot load ${name}: ${reason} (${known ? `HTTP ${known}` : 'no answer'}).`;
    // As with hls.js: no answer at all is the connection's failure, not the media's.
    fatal(new PrivateVideoError(known ? 'media' : 'network', message, { status: known, url: path }), known);
  };

  // Only the answers of the VHS playing the source set last: one replaced plays on until video.js swaps.
  const xhrHooks = hookVhsXhrs({ current: () => vhsXhr(player), onRequest, onResponse });
  const onError = () => {
    const error = player.error() as VhsMediaError | null | undefined;
    if (!active || error === null || error === undefined) return;
    // The VHS of a source replaced failed before video.js swapped it: the new source (an mp4 fallback) has not.
    if (xhrHooks.replacedVhsPlays()) return;
    const engineError = toEngineError(error, {
      refused: lastRefused,
      unanswered: lastUnanswered,
      failed: lastFailed,
    });
    fatal(engineError, engineError.status);
  };
  // Its own error (console, error display, `player.error()`) would show the signed URL: only this player's.
  const sanitizeError = (target: Player, error: unknown) =>
    target === player ? withoutSignedUrl(error) : error;
  videojs.hook('beforeerror', sanitizeError);
  // Also writes this player's error lines as warnings: its failures reach the app through the controller.
  const releaseLog = redactVideojsLog(videojs.log, player);
  /** The restore the last source was set with: a reload for a stall, before it loaded, keeps it. */
  let sourceRestore: PlayState | undefined;
  const stallReloads = countStallReloads();
  // As in the native engine: an mp4 whose first answer never came stalls before anything of it loaded, and
  // would wait for good; mid-play too, while the viewer plays, when the request for the rest of a download cut
  // short got no answer (WebKit never asks for it). It is asked for again from where it stands, a few times at
  // one place, then it fails (see `countStallReloads`). HLS stalls are VHS's, and the stall watch's.
  const onStalled = () => {
    if (!active || hlsUrl !== undefined || (video.readyState && !hooks.playing())) return;
    if (!stallReloads.mayReload(video.readyState ? video.currentTime : -1)) {
      fatal(new PrivateVideoError('media', `video.js cannot load the mp4: ${stalledOut}.`), undefined);
    } else if (video.readyState) setSourceAgain(video.currentTime);
    else setSource(hooks.sign(video.currentSrc), 'video/mp4', sourceRestore);
  };
  player.on('xhr-hooks-ready', xhrHooks.install);
  player.on('loadstart', xhrHooks.release);
  player.on('error', onError);
  player.on('stalled', onStalled);
  player.on('timeupdate', stallWatch.timeUpdate);
  player.on('play', stallWatch.played);
  player.on('waiting', giveUpIfWaiting);

  const setSource = (src: string, type: string, restore?: PlayState) => {
    sourceRestore = restore;
    lastRefused = undefined;
    lastUnanswered = false;
    lastFailed = undefined;
    failures.clear();
    stallWatch.stop(); // a new source, a new VHS
    hold.stop();
    xhrHooks.sourceSet(type === hlsType);
    cancelRestore?.();
    cancelRestore = undefined;
    player.ready(() => {
      if (!active) return;
      player.error(null as never);
      if (restore !== undefined)
        cancelRestore = restoreOnPlayerLoad(player, restore, video.preload === 'none');
      player.src({ src, type });
    });
  };

  /** The source set again, signed anew, where the viewer was: at `position`, playing or not, at their rate. */
  const setSourceAgain = (position: number) => {
    // Read before the new source pauses the element and resets its rate. Else nothing had loaded (or the last
    // source set again never did): the element holds a reset, and the restore that source was set with stands.
    const restore = (!video.readyState && sourceRestore) || {
      position,
      play: hooks.playing(),
      rate: player.playbackRate() ?? 1,
    };
    if (video.readyState) viewer = restore;
    setSource(hooks.sign(hlsUrl ?? video.currentSrc), hlsUrl ? hlsType : 'video/mp4', restore);
  };

  return {
    name: 'video.js',
    instance: player,
    loadHls(url) {
      hlsUrl = url;
      setSource(url, hlsType);
    },
    loadMp4(url) {
      hlsUrl = viewer = undefined;
      stallReloads.reset();
      setSource(url, 'video/mp4');
    },
    viewer: held,
    resume(position) {
      // The player gave up, or the manifest itself was refused (VHS never asks for it again, and a new
      // `loadstart` clears the error), or an mp4 (which fails only so, or by stalling): it needs its source
      // again, signed anew, at the same position.
      if (player.error() || hlsUrl === undefined || vhsMain(player) === undefined) {
        setSourceAgain(position);
        return;
      }
      failures.clear(); // the assets refused so far were refused on the dead session
      stallWatch.resumed();
      hold.release();
      // VHS excluded the renditions refused on the dead session (for a minute or more) and paused the
      // segment loader that was refused: let the renditions back in and the loaders go on. Should VHS's
      // internals ever change shape, setting the source again at the same position still works.
      readmitRenditions(player);
      if (!resumeSegmentLoaders(player)) setSourceAgain(position);
    },
    destroy() {
      active = false;
      cancelRestore?.();
      stallWatch.stop();
      silentRequests.stop();
      hold.stop();
      xhrHooks.stop();
      player.off('xhr-hooks-ready', xhrHooks.install);
      player.off('loadstart', xhrHooks.release);
      player.off('error', onError);
      player.off('stalled', onStalled);
      player.off('timeupdate', stallWatch.timeUpdate);
      player.off('play', stallWatch.played);
      player.off('waiting', giveUpIfWaiting);
      try {
        player.dispose();
      } finally {
        // Also when dispose throws: else the global hook would hold this player and the logger stay wrapped.
        videojs.removeHook('beforeerror', sanitizeError);
        releaseLog();
        // video.js keeps its registry's entry of a disposed player, as `null`, for good: one more per video that
        // a page open for hours plays. (Not one a player created since under the same id holds.)
        const players = videojs.getPlayers();
        if (players[player.id()] === null) delete players[player.id()];
      }
    },
  };
}

/**
 * `restoreOnLoad` through the player, whose `currentTime` VHS follows; returns its cancel. With
 * `preload="none"` VHS loads nothing of the new source before it plays: it plays as the source starts.
 */
function restoreOnPlayerLoad(
  player: Player,
  { position, play, rate }: PlayState,
  preloadNone: boolean,
): () => void {
  const early = play && preloadNone;
  const start = () => void player.play()?.catch(() => {});
  const onLoaded = () => {
    player.off('loadstart', start);
    if (position > 0) player.currentTime(position);
    player.playbackRate(rate);
    if (play && !early) start();
  };
  if (early) player.one('loadstart', start);
  player.one('loadedmetadata', onLoaded);
  return () => {
    player.off('loadstart', start);
    player.off('loadedmetadata', onLoaded);
  };
}

type VhsPlaylist = { excludeUntil?: number; playlistErrors_?: number };
type VhsMain = {
  playlists?: VhsPlaylist[];
  mediaGroups?: Record<string, Record<string, Record<string, { playlists?: VhsPlaylist[] }>>>;
};

/** The parsed multivariant playlist: `undefined` until the manifest has loaded. */
function vhsMain(player: Player): VhsMain | undefined {
  const tech = player.tech(true) as unknown as { vhs?: { playlists?: { main?: VhsMain } } } | undefined;
  return tech?.vhs?.playlists?.main;
}

/** A request's URL without its query (the session, a byte range): the asset it asks for. */
function pathOf(uri: string): string {
  return withoutAvh(uri).split('?')[0] ?? '';
}

function vhsState(player: Player): VhsSubtitleState | undefined {
  return (player.tech(true) as unknown as { vhs?: VhsSubtitleState } | undefined)?.vhs;
}

function readmitRenditions(player: Player): void {
  const main = vhsMain(player);
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

/** VHS's playlist controller: its playlist and segment loaders. */
function vhsLoaders(player: Player): (VhsLoaders & Record<string, unknown>) | undefined {
  const tech = player.tech(true) as unknown as
    | { vhs?: { playlistController_?: VhsLoaders & Record<string, unknown> } }
    | undefined;
  return tech?.vhs?.playlistController_;
}

function resumeSegmentLoaders(player: Player): boolean {
  const controller = vhsLoaders(player) as Record<string, SegmentLoader | undefined> | undefined;
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

/**
 * VHS's own test (Media Source Extensions for H.264/AAC; ManagedMediaSource only when `experimentalUseMMS`
 * is set globally). Where VHS declines, video.js plays HLS natively and its child requests go unsigned.
 */
function vhsPlaysHls(): boolean {
  const handler = (videojs as unknown as { VhsSourceHandler?: VhsSourceHandler }).VhsSourceHandler;
  // VHS before 3.14 (video.js before 8.18.1) looks for Media Source Extensions only as it loads (to register
  // itself), not in `canHandleSource`: where there are none (an iPhone before iOS 17.1) it said yes. Looked
  // for here too, in the MediaSource VHS would play through (as its playlist controller picks it).
  const options = videojs.options as { vhs?: { experimentalUseMMS?: unknown } } | undefined;
  const { MediaSource, ManagedMediaSource } = globalThis as MediaSources;
  const mediaSource = (options?.vhs?.experimentalUseMMS ? ManagedMediaSource : undefined) ?? MediaSource;
  if (mediaSource?.isTypeSupported?.(vhsCodecs) !== true) return false;
  return Boolean(handler?.canHandleSource({ src: '', type: hlsType }, { vhs: { overrideNative: true } }));
}

/** What VHS asks a MediaSource for (`browserSupportsCodec('avc1.4d400d,mp4a.40.2')`). */
const vhsCodecs = 'video/mp4;codecs="avc1.4d400d,mp4a.40.2"';
type MediaSources = Partial<
  Record<'MediaSource' | 'ManagedMediaSource', { isTypeSupported?(type: string): boolean }>
>;
type VhsSourceHandler = { canHandleSource(source: object, options: object): unknown };

/** The video.js engine adapter (`@private-video/core/videojs`), loaded for `engine: 'video.js'`. */
export const videojsEngine: EngineModule = {
  isSupported: vhsPlaysHls,
  createEngine: createVideojsEngine,
};
