import { mark, markLatest, setValue, unmark } from './record';

const watched = new WeakSet<HTMLVideoElement>();

/**
 * Marks a `<video>`'s first frame and playback milestones. The first frame is the first
 * `requestVideoFrameCallback` (a frame was presented); `loadeddata` and `playing` are recorded too, as the
 * fallback where that API is missing. After a fallback (`mark('fallback')`) the same events are
 * recorded again under `…AfterFallback`, with `currentTime`, so the mp4's start and position are known.
 */
export function watchVideo(video: HTMLVideoElement | null): void {
  if (!video || watched.has(video)) return;
  watched.add(video);
  const fellBack = () => window.__bench.marks.fallback !== undefined;

  // The viewer's position until the fallback, read every frame, independently of the player: the reference
  // the mp4's start is compared with (the `fallback` event's own `position` is the player's claim). A new
  // source resets `currentTime` in the same task the player announces the fallback, so no frame reads that.
  const sample = () => {
    if (fellBack()) return;
    setValue('positionBeforeFallback', video.currentTime);
    requestAnimationFrame(sample);
  };
  sample();

  if ('requestVideoFrameCallback' in video) {
    video.requestVideoFrameCallback(() => mark('firstFrame'));
  }
  video.addEventListener('loadeddata', () => mark(fellBack() ? 'loadeddataAfterFallback' : 'loadeddata'));
  // The viewer's video stops (a buffer run dry after the HLS failure): the start of what they wait through
  // until the mp4 plays. The last stop before the fallback, and only while it lasts: an earlier stall the video
  // recovered from (a `playing` after it) is not the freeze the fallback ends, and would inflate it.
  video.addEventListener('waiting', () => {
    if (window.__bench.marks.playing !== undefined && !fellBack()) markLatest('waitingBeforeFallback');
  });
  video.addEventListener('playing', () => {
    if (!fellBack()) {
      mark('playing');
      unmark('waitingBeforeFallback');
      return;
    }
    if (window.__bench.marks.playingAfterFallback === undefined) {
      setValue('currentTimeAtPlayingAfterFallback', video.currentTime);
    }
    mark('playingAfterFallback');
  });
  video.addEventListener('seeked', () => {
    if (fellBack() && window.__bench.marks.seekedAfterFallback === undefined) {
      setValue('currentTimeAtSeekedAfterFallback', video.currentTime);
      mark('seekedAfterFallback');
    }
  });
  video.addEventListener('timeupdate', () => {
    setValue('currentTime', video.currentTime);
  });
}

/** Shows every text track, so players fetch subtitle playlists and segments (coverage counts them). */
export function showTextTracks(video: HTMLVideoElement | null): void {
  if (!video) return;
  const show = () => {
    for (const track of Array.from(video.textTracks)) track.mode = 'showing';
  };
  video.textTracks.addEventListener('addtrack', show);
  show();
}
