/** Adds `listener` (called without the event) for `type` on `video`; returns its removal. */
export function listen(
  video: HTMLVideoElement,
  type: keyof HTMLMediaElementEventMap,
  listener: () => void,
  once = false,
): () => void {
  const wrapped = () => {
    if (once) remove();
    listener();
  };
  const remove = () => video.removeEventListener(type, wrapped);
  video.addEventListener(type, wrapped);
  return remove;
}
