export type { FakeAnswer } from './fakeDelivery.js';
export { createFakeDelivery, deferred, json } from './fakeDelivery.js';
export { once, playedPast } from './media.js';
export { reachableStrings } from './reachableStrings.js';
