import { SessionClient, type SessionClientOptions } from '@private-video/core';
import { createFakeDelivery } from '@private-video/test-utils';
import { type RenderResult, render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { type GivenClientProviderProps, PrivateVideoProvider } from '../PrivateVideoProvider.js';
import { createFakePlayback } from './fakePlayback.js';

/** A client on a fake delivery, with no storage and no waiting between retries. */
export function createTestClient(options: SessionClientOptions = {}) {
  const delivery = createFakeDelivery();
  const client = new SessionClient({
    fetch: delivery.fetch,
    storage: null,
    sleep: async () => {},
    retry: { retries: 0 },
    ...options,
  });
  return { client, delivery };
}

export interface RenderWithClientResult extends Omit<RenderResult, 'rerender'> {
  client: SessionClient;
  delivery: ReturnType<typeof createFakeDelivery>;
  playback: ReturnType<typeof createFakePlayback>;
  rerender: (next: ReactNode) => void;
}

/** Renders under a provider with a fresh test client and a fake controller. */
export function renderWithClient(
  ui: ReactNode,
  options: {
    strict?: boolean;
    provider?: Omit<GivenClientProviderProps, 'client'>;
    client?: SessionClientOptions;
    /** Scripts the delivery before anything renders. */
    delivery?: (delivery: ReturnType<typeof createFakeDelivery>) => void;
  } = {},
): RenderWithClientResult {
  const { client, delivery } = createTestClient(options.client);
  options.delivery?.(delivery);
  const playback = createFakePlayback();
  const wrap = (children: ReactNode) => {
    const tree = (
      <PrivateVideoProvider client={client} createPlayback={playback.create} {...options.provider}>
        {children}
      </PrivateVideoProvider>
    );
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const result = render(wrap(ui));
  return {
    ...result,
    client,
    delivery,
    playback,
    rerender: (next: ReactNode) => result.rerender(wrap(next)),
  };
}
