import { createFakeDelivery } from '@private-video/test-utils';
import { SessionClient } from '../session/SessionClient.js';

/** A client on a fake delivery that asks once (no retry, no wait, no storage): each failure shows at once. */
export function setupOneTryClient() {
  const delivery = createFakeDelivery();
  const client = new SessionClient({
    fetch: delivery.fetch,
    storage: null,
    sleep: async () => {},
    random: () => 0.5,
    retry: { retries: 0 },
  });
  return { client, delivery };
}
