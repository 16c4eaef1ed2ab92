import {
  createPrivatePlayback,
  type EngineContext,
  type EngineModule,
  PrivateVideoError,
} from '@private-video/core';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { renderWithClient } from './test-utils/render.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

/** An engine that plays nothing and hands the test the controller's hooks. */
function fakeEngines() {
  const contexts: EngineContext[] = [];
  const module: EngineModule = {
    isSupported: () => true,
    createEngine: (context) => {
      contexts.push(context);
      return { name: 'hls.js', loadHls() {}, loadMp4() {}, resume() {}, destroy() {} };
    },
  };
  return { contexts, loadEngine: async () => module };
}

describe('PrivateVideoPlayer after "Try again" (core\'s controller)', () => {
  it("renews with the latest render's getPrivateToken: one given after the retry started", async () => {
    const { contexts, loadEngine } = fakeEngines();
    const onError = vi.fn();
    const ui = (getPrivateToken?: () => Promise<string>) => (
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        fallback={false}
        loadEngine={loadEngine}
        getPrivateToken={getPrivateToken}
        onError={onError}
      />
    );
    const { rerender } = renderWithClient(ui(), { provider: { createPlayback: createPrivatePlayback } });
    await waitFor(() => expect(contexts).toHaveLength(1));
    act(() => contexts[0]!.hooks.onFatal(new PrivateVideoError('media', 'decode error'), undefined));
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(contexts).toHaveLength(2));
    // The app's auth has loaded: from now on a session the delivery ends can be renewed.
    const getPrivateToken = vi.fn(async () => 'pt2');
    rerender(ui(getPrivateToken));
    // The delivery has ended the session: the probe of the refused segment is refused too.
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    act(() => contexts[1]!.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts?avh=st-1`));
    await waitFor(() =>
      expect(getPrivateToken.mock.calls.length + onError.mock.calls.length).toBeGreaterThan(1),
    );
    expect(onError).toHaveBeenCalledTimes(1); // the failure retried, and no other
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
