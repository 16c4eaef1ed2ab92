import type { MintedToken, TokenPolicy } from './control/types.js';
import type { EmulatorState } from './emulatorState.js';
import { resolveTokenPolicy } from './tokenPolicy.js';

/** Mints a private token for a private video or live stream; throws for unknown or public ids. */
export function mintToken(state: EmulatorState, videoId: string, policy?: Partial<TokenPolicy>): MintedToken {
  const video = state.catalog.findVideo(videoId);
  const live = video ? undefined : state.catalog.findLiveStream(videoId);
  const entry = video ?? live;
  if (!entry) throw new MintError(404, `Unknown video or live stream: ${videoId}`);
  if (entry.public) throw new MintError(400, `${videoId} is public: it needs no private token`);
  const resolved = resolveTokenPolicy(
    state.defaultPolicy,
    entry.policy,
    state.videoPolicies[videoId],
    policy,
  );
  const { privateToken } = state.tokens.mint(videoId, !video, resolved);
  const base = state.baseUrl;
  if (video) {
    const root = `${base}/vod/${videoId}/token/${privateToken}`;
    return {
      videoId,
      privateToken,
      live: false,
      urls: {
        session: `${root}/session`,
        thumbnail: `${root}/thumbnail.jpg`,
        ...(video.mp4 ? { mp4: `${root}/mp4/source.mp4` } : {}),
        hls: `${root}/hls/manifest.m3u8`,
      },
    };
  }
  const root = `${base}/private/${privateToken}/${videoId}`;
  return {
    videoId,
    privateToken,
    live: true,
    urls: { session: `${root}/session`, thumbnail: `${root}/thumbnail.jpg`, hls: `${root}.m3u8` },
  };
}

export class MintError extends RangeError {
  override name = 'MintError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
