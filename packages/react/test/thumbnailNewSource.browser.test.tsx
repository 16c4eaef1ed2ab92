import { SessionClient } from '@private-video/core';
import { render } from '@testing-library/react';
import { expect, it } from 'vitest';
import { PrivateThumbnail, PrivateVideoProvider } from '../src/index.js';
import { domains, waitForElement } from './browserHelpers.js';

// A `/session` that never answers: every thumbnail stays a placeholder, and a session's status tells whether
// it was asked to open (`open()` sets `opening` at once).
const client = new SessionClient({ domains, storage: null, fetch: () => new Promise<Response>(() => {}) });
const status = (privateToken: string) =>
  client.video({ videoId: 'viGrid07', privateToken, domains }).getState().status;

function page(privateToken: string, below: number, control: boolean) {
  return (
    <PrivateVideoProvider client={client}>
      {control && <PrivateThumbnail videoId="viGrid07" privateToken="control" alt="Control" width={160} />}
      <div style={{ height: below }} />
      <PrivateThumbnail videoId="viGrid07" privateToken={privateToken} alt="Card" width={160} />
    </PrivateVideoProvider>
  );
}

it('a placeholder given another video waits for the viewport again, like a thumbnail mounted afresh', async () => {
  const { rerender, getByRole } = render(page('first', 0, false));
  await waitForElement(() => status('first') === 'opening');
  // E.g. a recycled card of a virtual list, given the next video as it scrolls far away.
  rerender(page('second', 5000, true));
  // The control, mounted in view in the same render, is observed alongside it: once the observer has said
  // the control is visible, it has said where the card is too.
  await waitForElement(() => status('control') === 'opening');
  expect(status('second')).toBe('idle');
  getByRole('img', { name: 'Card' }).scrollIntoView();
  await waitForElement(() => status('second') === 'opening');
  window.scrollTo(0, 0);
});
