'use client';
import { useCallback, useState } from 'react';
import { PrivateThumbnail, PrivateVideoPlayer } from '../src/index.js';

export interface ClickToPlayProps {
  videoId: string;
  privateToken: string;
  alt: string;
  /** Forwarded to the player, e.g. to renew the session with a fresh token. */
  getPrivateToken?: () => Promise<string>;
  engine?: 'hls.js' | 'video.js' | 'native';
  domains?: { vod?: string; live?: string };
}

/**
 * The clickable thumbnail of seed 001: a thumbnail that turns into the player of the same video. Both
 * use the same private token, so they share one session: the click makes no second `/session` request
 * (the token is single-use, a second one would fail).
 */
export function ClickToPlay({
  videoId,
  privateToken,
  alt,
  getPrivateToken,
  engine,
  domains,
}: ClickToPlayProps) {
  const [playing, setPlaying] = useState(false);
  // The player takes the focus the thumbnail's button had: that button is gone, and a keyboard user would
  // otherwise start again from the top of the page. (Stable, so a re-render does not take the focus again.)
  const focusPlayer = useCallback((video: HTMLVideoElement | null) => video?.focus(), []);
  if (!playing) {
    return (
      <PrivateThumbnail
        videoId={videoId}
        privateToken={privateToken}
        domains={domains}
        alt={alt}
        onClick={() => setPlaying(true)}
      />
    );
  }
  return (
    <PrivateVideoPlayer
      ref={focusPlayer}
      videoId={videoId}
      privateToken={privateToken}
      domains={domains}
      engine={engine}
      getPrivateToken={getPrivateToken}
      controls
      autoPlay
      muted
      playsInline
      style={{ width: '100%', aspectRatio: '16 / 9' }}
    />
  );
}
