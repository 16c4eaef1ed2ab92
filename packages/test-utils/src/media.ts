/** How much of the stretch up to the time must have been played: a seek lands with none. */
const playedStretch = 0.1;

/**
 * Resolves when the video has played past `seconds` (an event, not a sleep): its time is beyond them, and
 * the stretch it is in was played, not only seeked to. A player that skips ahead to get past a stall (as
 * video.js does) moves the time without playing; that is not playing.
 */
export function playedPast(video: HTMLVideoElement, seconds: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (video.currentTime > seconds && playedUpTo(video)) {
        video.removeEventListener('timeupdate', check);
        resolve(video.currentTime);
      }
    };
    video.addEventListener('timeupdate', check);
    check();
  });
}

/** Whether the time was reached by playing at least `playedStretch` seconds up to it (`video.played`). */
function playedUpTo(video: HTMLVideoElement): boolean {
  const { played, currentTime } = video;
  for (let index = 0; index < played.length; index++) {
    const start = played.start(index);
    // The range's end trails the time by up to one `timeupdate`.
    if (
      start <= currentTime &&
      currentTime - start >= playedStretch &&
      played.end(index) >= currentTime - 0.5
    )
      return true;
  }
  return false;
}

/** Resolves with the next event of that type. */
export function once<T = Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as T), { once: true }),
  );
}
