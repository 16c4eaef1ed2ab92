import { SessionClient } from '@private-video/core';
import { render } from '@testing-library/react';
import { expect, it } from 'vitest';
import { PrivateThumbnail, PrivateVideoProvider } from '../src/index.js';
import { domains, waitForElement } from './browserHelpers.js';

// A `/session` that never answers: every thumbnail stays a placeholder, and a session's status tells whether
// it was asked to open (`open()` sets `opening` at once). Each card is of another video (the same video with
// another token would be served by the session under way: the API's object fetched again).
const client = new SessionClient({ domains, storage: null, fetch: () => new Promise<Response>(() => {}) });
const videoIds = { first: 'viGrid07', second: 'viGrid08', control: 'viGrid09' };
const status = (card: keyof typeof videoIds) =>
  client.video({ videoId: videoIds[card], privateToken: card, domains }).getState().status;

function page(card: 'first' | 'second', below: number, control: boolean) {
  return (
    <PrivateVideoProvider client={client}>
      {control && (
        <PrivateThumbnail videoId={videoIds.control} privateToken="control" alt="Control" width={160} />
      )}
      <div style={{ height: below }} />
      <PrivateThumbnail videoId={videoIds[card]} privateToken={card} alt="Card" width={160} />
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
