/** Resolves when the video has played past `seconds` (an event, not a sleep). */
export function playedPast(video: HTMLVideoElement, seconds: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (video.currentTime > seconds) {
        video.removeEventListener('timeupdate', check);
        resolve(video.currentTime);
      }
    };
    video.addEventListener('timeupdate', check);
    check();
  });
}

/** Resolves with the next event of that type. */
export function once<T = Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as T), { once: true }),
  );
}
