/** The end of the last buffered range, in seconds (0 when nothing is buffered). */
export function bufferedEnd(video: HTMLVideoElement): number {
  const { buffered } = video;
  return buffered.length === 0 ? 0 : buffered.end(buffered.length - 1);
}
