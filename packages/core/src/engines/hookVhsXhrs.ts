import type { WatchedRequest } from './onVhsRequestSent.js';

export type VhsRequestOptions = WatchedRequest & { requestType?: string };
/** `aborted` is set by VHS's own `abort()`; `status` is 0 for no answer (a network failure, VHS's time-out). */
export type VhsRequest = { uri?: string; status?: number; aborted?: boolean };
type RequestHook = (options: VhsRequestOptions) => VhsRequestOptions;
type ResponseHook = (request: VhsRequest) => void;
/** A VHS's per-player xhr (`tech.vhs.xhr`): VHS makes a new one, for a new VHS, with every HLS source. */
export type VhsXhr = {
  onRequest(hook: RequestHook): void;
  offRequest(hook: RequestHook): void;
  onResponse(hook: ResponseHook): void;
  offResponse(hook: ResponseHook): void;
};

export interface VhsXhrHooksOptions {
  /** The player's VHS xhr now (`tech.vhs.xhr`), if its source is played by VHS. */
  current: () => VhsXhr | undefined;
  /** Signs (and watches) every request: also those of a VHS whose source is being replaced, still playing. */
  onRequest: RequestHook;
  /** Only the answers of the VHS playing the source the engine set last. */
  onResponse: ResponseHook;
}

export interface VhsXhrHooks {
  /** `xhr-hooks-ready`: the hooks go on the new VHS's xhr, and off those of the VHSs it replaced. */
  install(): void;
  /** The engine sets a new source: what the VHS playing now reports is about a source the engine left. */
  sourceSet(hls: boolean): void;
  /** The player's `loadstart`: once the source is swapped, the hooks of the VHS it disposed come off. */
  release(): void;
  /** Whether the player's VHS is one of a source the engine replaced, which video.js has not swapped yet. */
  replacedVhsPlays(): boolean;
  /** The engine goes: every hook comes off. */
  stop(): void;
}

/**
 * video.js swaps a source a few timer ticks after it is set (`ready`, then its middleware: a second or more in a
 * hidden tab), and the VHS of the source before plays on meanwhile. Its failures would be counted against the
 * new source: an mp4 fallback would arm the stall watch, which only a VHS request can end, and a rebuffer of
 * the mp4, even an hour later, would then fail it. So only the answers of the source's own VHS count (each
 * response hook is bound to its xhr), and the hooks come off an xhr once its VHS is disposed: they would keep
 * it (and the engine) alive.
 */
export function hookVhsXhrs({ current, onRequest, onResponse }: VhsXhrHooksOptions): VhsXhrHooks {
  /** Every xhr hooked, with its own response hook. */
  const hooked = new Map<VhsXhr, ResponseHook>();
  /** The xhr of the VHS playing the source set last: none for an mp4, nor until video.js swapped to it. */
  let sourceXhr: VhsXhr | undefined;
  /** Whether the source set last is HLS: only then is a VHS swapped in the source's. */
  let hlsSet = false;

  const unhook = (xhr: VhsXhr, hook: ResponseHook) => {
    xhr.offRequest(onRequest);
    xhr.offResponse(hook);
    hooked.delete(xhr);
  };
  /** Those not the player's any more: video.js disposed their VHS (`tech.vhs` goes with it). */
  const release = () => {
    const xhr = current();
    for (const [other, hook] of hooked) if (other !== xhr) unhook(other, hook);
  };

  return {
    install() {
      const xhr = current();
      if (xhr === undefined || hooked.has(xhr)) return;
      const hook: ResponseHook = (request) => {
        if (xhr === sourceXhr) onResponse(request);
      };
      xhr.onRequest(onRequest);
      xhr.onResponse(hook);
      hooked.set(xhr, hook);
      // An HLS source swapped in while an mp4 was set since is the mp4's to replace: not the source's VHS.
      sourceXhr = hlsSet ? xhr : undefined;
      release();
    },
    sourceSet(hls) {
      hlsSet = hls;
      sourceXhr = undefined;
    },
    release,
    replacedVhsPlays() {
      const xhr = current();
      return xhr !== undefined && xhr !== sourceXhr;
    },
    stop() {
      sourceXhr = undefined;
      for (const [xhr, hook] of hooked) unhook(xhr, hook);
    },
  };
}
