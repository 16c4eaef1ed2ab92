/** The part of VHS's request options that `onVhsRequestSent` wraps. */
export interface WatchedRequest {
  uri: string;
  /** @videojs/xhr's, called with the XHR just before it is sent. */
  beforeSend?: (xhr: XMLHttpRequest) => void;
}

/** Calls `listener` with the request's XHR as @videojs/xhr sends it, after the `beforeSend` it had. */
export function onVhsRequestSent(request: WatchedRequest, listener: (xhr: XMLHttpRequest) => void): void {
  const { beforeSend } = request;
  request.beforeSend = function (this: unknown, xhr) {
    // Once sent, the request no longer holds the listener, nor through it the engine and its controller:
    // @videojs/xhr's time-out timer keeps the request for up to 45 s, even after the player aborted it.
    request.beforeSend = beforeSend;
    beforeSend?.call(this, xhr);
    listener(xhr);
  };
}
