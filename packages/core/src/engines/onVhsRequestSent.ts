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
    beforeSend?.call(this, xhr);
    listener(xhr);
  };
}
