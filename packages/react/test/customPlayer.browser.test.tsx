import { SessionClient } from '@private-video/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomPlayer } from '../examples/CustomPlayer.js';
import { PrivateVideoProvider } from '../src/index.js';
import {
  control,
  deliveryLog,
  domains,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

describe('examples/CustomPlayer.tsx: a player made of usePrivateSession and usePrivatePlayback', () => {
  it.each(['hls.js', 'native'] as const)(
    'plays in its own <video> with %s: one session, every request signed',
    async (engine) => {
      const { privateToken } = await control.mintToken('viPrivateTs');
      renderPage(<CustomPlayer source={{ videoId: 'viPrivateTs', privateToken }} engine={engine} autoPlay />);
      const video = await waitForElement(() => document.querySelector('figure video'));
      await playedPast(video as HTMLVideoElement, 1);
      expect(screen.getByText('playing')).toBeTruthy();
      const log = await deliveryLog('viPrivateTs');
      expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    },
  );

  it('shows its own alert for a spent token, with no Try again (nothing can renew it)', async () => {
    const privateToken = await spentToken('viPrivateTs');
    renderPage(<CustomPlayer source={{ videoId: 'viPrivateTs', privateToken }} />);
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(alert.textContent).toMatch(/already used/);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('plays on when its source comes again with a new private token (the API object fetched again)', async () => {
    const first = await control.mintToken('viPrivateTs');
    const client = new SessionClient({ domains, storage: null });
    const page = (privateToken: string) => (
      <PrivateVideoProvider client={client}>
        <CustomPlayer source={{ videoId: 'viPrivateTs', privateToken }} autoPlay />
      </PrivateVideoProvider>
    );
    const { rerender } = render(page(first.privateToken));
    const video = (await waitForElement(() => document.querySelector('figure video'))) as HTMLVideoElement;
    const position = await playedPast(video, 1);
    const second = await control.mintToken('viPrivateTs');
    rerender(page(second.privateToken));
    await playedPast(video, position + 1.5);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'manifest')).toHaveLength(1);
    expect(log.filter((entry) => entry.privateToken === second.privateToken)).toEqual([]);
  });
});
