import { DEFAULT_DOMAINS, PrivateVideoError, type SessionClient, type VideoRef } from '@private-video/core';

/**
 * `ref`, unless it is private and delivered elsewhere than on api.video's delivery or the client's `domains`. A
 * source given as text (a URL, an embed, the iframe's HTML) is what a link or a query parameter carries: opening
 * its session on whatever origin it names would let anyone make the server request any address it can reach
 * (`http://169.254.169.254/…`), a server-side request forgery. Objects (the API's, the token handler's, the app's
 * own) name the origin the app chose.
 */
export function toKnownDelivery(ref: VideoRef, client: SessionClient): VideoRef {
  const kind = ref.live ? 'live' : 'vod';
  const origin = ref.domains[kind];
  const configured = client.toVideoRef({ videoId: ref.videoId, live: ref.live }).domains[kind];
  if (ref.privateToken === undefined || origin === DEFAULT_DOMAINS[kind] || origin === configured) return ref;
  throw new PrivateVideoError(
    'invalid-source',
    `openSession opens the session of a URL only on ${DEFAULT_DOMAINS[kind]} or the \`domains\` it is given; ` +
      `${origin} is neither (pass \`domains: { ${kind}: '${origin}' }\` if it is your delivery domain).`,
  );
}
