/**
 * Focuses `video`, made focusable by script only if it is not (no new tab stop): a `<video>` without controls
 * is not, though its `tabIndex` reads 0.
 */
export function focusVideo(video: HTMLVideoElement) {
  video.focus();
  if (document.activeElement !== video) {
    video.tabIndex = -1;
    video.focus();
  }
}
