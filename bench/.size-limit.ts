/**
 * Size budgets, enforced in CI by `pnpm --filter bench run test:size` (exits non-zero over budget).
 * Sizes are minified ESM, gzip -9, built by esbuild with the bench's own options: workspace packages
 * come from their sources through the `@private-video/source` condition, which esbuild compiles to
 * the same ES2022 as the published `dist` (checked: within a byte or two of bundling `dist`).
 * size-limit bundles each check into one file (no code splitting), so what an app loads lazily (engines,
 * the video.js element code) is left out of these checks; `npm run bench` measures those chunks.
 */
import type { BuildOptions } from 'esbuild';
import type { SizeLimitConfig } from 'size-limit';
import { esbuildOptions } from './src/esbuildOptions';
import { declaredExternals } from './src/sizes/declaredExternals';
import { lazyChunksLeftOut } from './src/sizes/lazyChunksLeftOut';

/**
 * size-limit's own options (entry, outdir, metafile) win; ours add format, target, conditions, and leave
 * out what a check does not count: lazily imported chunks, and React / core declared as an app's bundle
 * links them (see `declaredExternals`).
 */
function ours(notCounted: string[]) {
  return (config: BuildOptions): BuildOptions => {
    const {
      splitting: _splitting,
      metafile: _metafile,
      write: _write,
      ...options
    } = esbuildOptions('production');
    const plugins = [declaredExternals(notCounted), lazyChunksLeftOut];
    return { ...options, ...config, plugins: [...(config.plugins ?? []), ...plugins] };
  };
}

const react = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'];

// The targets of issue #7 are core ≤ 3 kB, react ≤ 4 kB and a thumbnail-only page ≤ 6 kB. Where today's
// code is over them (see bench/README.md), the limit is today's size plus a little, so CI stops any
// growth while the gap is closed. Lower them as the code shrinks; never raise them without a reason.

export default [
  {
    name: 'core: sessions + signing ({ SessionClient, toVideoRef })',
    path: 'size-pages/core-session.ts',
    notCounted: [],
    // target: 3 kB. Raised from 4.59 kB to 4.64 kB (+41 B) for input fixes no saving could pay for yet:
    // sessionTtl and timeout read as durations (NaN, 0 or Infinity opened a session at every use or failed
    // every open), NaN retries, string times in setSession, a private object without assets, the scheme-only
    // domain, an iframe's data-src. Raised to 4.73 kB (+89 B) for three sessions that failed a player needlessly
    // or for good: an open given a `getPrivateToken` renews an expired (or lost) session (players failed at
    // start with one), a renewal gets one more token after a lost one (it failed mid-play as token-used), and a
    // `getPrivateToken` that never answers fails after the `timeout` (the player waited for good). Lowered to
    // 4.71 kB once any spent token (not only one lost to an attempt of ours) was replaced the same way (-16 B).
    // Raised to 4.74 kB (+36 B): a `getPrivateToken` always gets a signal (an app's `fetch(url, { signal })` did
    // not type-check under `exactOptionalPropertyTypes`), and an id or domain no error message can quote as
    // JSON (a `BigInt`, a cycle) fails as `invalid-source`, not as a `TypeError` of the message. Raised to
    // 4.8 kB (+52 B): a player that joins an open started without its `getPrivateToken` (its thumbnail's) renews
    // the token that open found spent, as its own open would have (it failed as `token-used`). Raised to 4.81 kB
    // (+15 B): a renewal sends the fresh private token only to the delivery origin the backend's answer names
    // (the handler's `assets`), not to whatever origin a source from a link named. Raised to 4.82 kB (+9 B, the
    // same code): splitting `PrivatePlayback` into small units changed the order in which esbuild puts core's
    // modules into this bundle (the asset URL functions now come after URL parsing), which gzip compresses less.
    // Raised to 4.84 kB (+16 B): a renewal given the token handler's error JSON (what `r.json()` of its 403
    // gives) says the handler's error code, and keeps it as the cause; it said "got object". Raised to 4.87 kB
    // (+31 B): one whose token is for another video or delivery origin (a proxy domain, or the security fix
    // above refusing one) says so; it said "got string", which sent the app's developer nowhere. Lowered to
    // 4.82 kB (-51 B) by a byte hunt that changed nothing a caller sees: the session URL and the signed assets
    // built without intermediate objects, a check made twice (a session in the state means a spent token), the
    // store's write given its two values. Raised to 4.83 kB (+10 B): a caller with its own `getPrivateToken`
    // (a player) that joins a request it cannot get past (a thumbnail's renewal of an expired session, the client
    // without `getPrivateToken`) renews through its own, as for a spent token; it failed as `session-expired`.
    // Raised to 4.84 kB (+11 B): a renewal whose handler JSON names the delivery by its mp4 or thumbnail (the
    // API gave no hls) checks that origin too; it sent the fresh private token to a linked source's origin.
    // Raised to 4.85 kB (+9 B): a renewal your backend refused (the token handler's 403 JSON) fails as
    // `forbidden`, which offers no retry; as `renewal-failed` it told a viewer who may not watch to try again.
    // Raised to 4.87 kB (+15 B): a `privateToken` or `videoId` that reads "undefined" or "null" (a missing
    // value made into text: `?token=${token}`) fails at once as `invalid-source`; it spent a session request,
    // failed as `token-used`, then asked the app's backend for a token of a video that may be public.
    // Raised to 4.9 kB (+28 B): a renewal whose token handler answered "no such video" (its 404, a video
    // deleted since; or its 400) fails as `invalid-source`; as `renewal-failed` it offered a futile "Try again".
    // Raised to 4.98 kB (+87 B): `servingVideo`, a live session of the video for a source with another private
    // token (the API gives each fetch of a video a new one): an app's data library fetching its video objects
    // again started every player over and spent a token each time, and a watch page opened a second session.
    // Raised to 5.05 kB (+65 B): that new token, unspent, is offered to the session it was served for its next
    // renewal (`VideoSession.offer`): a kept session that the delivery ended, or that neared its expiry, failed
    // as `session-expired` without a `getPrivateToken` while the app had handed over a token that could renew it.
    // Raised to 5.06 kB (+9 B): not a token that came with a server session (spent there; a renewal would first
    // have spent a `/session` request on it). Raised to 5.07 kB (+16 B): a session still opening serves that new
    // token too, and takes it if its own turns out spent (a refetch on focus just after the page loaded made a
    // second `/session` and started the player over). Raised to 5.12 kB (+43 B) for four flaws a review found in
    // that token's path: a token offered again while a renewal spent it stayed offered (the next renewal sent the
    // spent token again: `token-used`, or a "Try again" that could not help); a session renewing with it was not
    // served, so a component mounted meanwhile spent it a second time; an open whose offered token was spent
    // too did not go on to `getPrivateToken`; and `setSession` on a public video made it a private one. Raised
    // to 5.13 kB (+15 B): an open started without a `getPrivateToken` (a thumbnail's) takes that of a caller that
    // joins it (its player's) for a token it finds spent; it failed as `token-used` first, which the thumbnail
    // showed and reported (`onError`, or the console) before the player's renewal replaced it. Raised to 5.24 kB
    // (+111 B) for five input fixes of a review of the source code: an error quoting a bad videoId or domain
    // left out the private (or session) token of the asset URL given there (an unspent credential in consoles
    // and error trackers); `assets.iframe` HTML with a numeric entity for `&` (WordPress's `&#038;`) before the
    // token was read as a public video, and one with a `>` in an attribute before `src` (valid HTML) refused; a
    // bad delivery domain was blamed on the API object whose assets it made unreadable; and
    // `toPrivateVideoError` of a value with no text (a null-prototype object) threw instead of typing it. (+3 B
    // within the limit before: an open or renewal of an expired session that fails while `setSession` adopts a
    // server session resolves with it.) Lowered to 5.15 kB (-92 B) by a second byte hunt that changed nothing a
    // caller sees (a new `VideoSession` links itself to its client, regular expressions written where they are
    // used, one-use helpers inlined, the default storage picked by the store), which also paid for entities
    // decoded in one pass (`&#38;amp;` is the text `&amp;`, it was read as `&`). Raised to 5.19 kB (+42 B): a
    // client's `getPrivateToken` given or taken away (`setGetPrivateToken`, the app's auth loaded) makes its
    // sessions tell their subscribers, so that what a failure offers ("Try again") follows: with a client of the
    // app's own, a spent-token player never offered it (the provider's own client did it through React's context,
    // which react no longer needs: -16 B there). Raised to 5.21 kB (+16 B): a `renew()` that nothing can make
    // (no `getPrivateToken`) on a session never opened fails without failing the session, whose token is unspent:
    // `open()` then failed as `session-expired` for good. Raised to 5.25 kB (+40 B): the session store reads every
    // stored entry (to remove expired ones) only once one it knows of has expired, not at each write: a page that
    // opened 3000 sessions spent 27 ms on each next one (in memory; 8 ms in `sessionStorage`), 0.16 ms now.
    // Raised to 5.27 kB (+23 B): and when the storage is full, as entries it does not know of (another tab's,
    // on shared storage) may have expired: a full storage kept none of this page's sessions for a refresh.
    limit: '5.27 kB',
  },
  {
    name: 'react: all of its own exports, without React, core and engines',
    path: 'size-pages/react-own.ts',
    notCounted: [...react, '@private-video/core'],
    // target: 4 kB. Lowered to 3.9 kB once the viewer's error texts moved to core (-330 B), which paid for the
    // fixes of this stop: an expired session renewed before showing, focus, layout, the retry's viewer state.
    // Lowered to 3.75 kB once core's `viewer` option gave that state back (-124 B); to 3.7 kB once the player's
    // poster followed the session (-27 B). Raised to 3.71 kB (+17 B, still under the target): a failure no
    // `onError` handles goes to the console (a mistyped or missing engine told the developer nothing). Raised
    // to 3.74 kB (+32 B, still under the target) by fixes of players over time: the status of a start made for
    // another engine, target or `fallback` is stale (the last one's error showed for a render), only a retry's
    // own start gives back what the viewer had (a later restart went back to that failure), and the default
    // client of the first render is kept (see the page's). Raised to 3.75 kB (+11 B, still under the target): a
    // `rootMargin` the browser cannot read (`'200'`, no unit) threw from the thumbnail's effect, which unmounted
    // the whole app; now the console says why and the thumbnail loads. Raised to 3.8 kB (+42 B, still under the
    // target) for six focus and naming fixes of an accessibility audit: the player's focused alert lost the
    // focus at the next render, a focus given to video.js's `<video>` fell to the page as video.js wrapped it, a
    // retried video without controls took no focus, a thumbnail's last alert took none, a clickable thumbnail
    // without `alt` had no name, and `renderError` got a `retry` whose button nested in a link. Raised to 3.85 kB
    // (+51 B, still under the target): an unmounted thumbnail no longer renews a session (see the page's).
    // Raised to 3.86 kB (+14 B, still under the target): `onEngine`, the engine's own object (quality menus).
    // Raised to 3.88 kB (+23 B, still under the target): a thumbnail's placeholder holds the focus while its
    // "Try again" opens the session again (the page had it: a screen reader started over from the top), its
    // error message is a polite status, and a thumbnail given another video renews nothing for the old one.
    // Raised to 3.9 kB (+20 B, still under the target): a player or thumbnail given its video with a new private
    // token (the API object fetched again, as data libraries do on focus) uses the video's live session (core's
    // `servingVideo`); it started the player over and spent the new token at each fetch (the hooks too, whose
    // `sign` moves a URL of the token given onto the session's). Raised to 3.92 kB (+19 B, still under the
    // target): a failed thumbnail's message is headed by its `alt` (a screen reader in a grid of them heard the
    // same message once per thumbnail, with nothing to say which video each was). Raised to 3.93 kB (+6 B,
    // still under the target): a decorative thumbnail's retry no longer leaves its request for the focus behind
    // (a later failure, of another video in a recycled card, took the focus and scrolled the page to it).
    // Raised to 3.94 kB (+8 B, still under the target): an eager thumbnail or `usePrivateAssets` whose session
    // expired by the clock while mounted renews at its next render (it showed a placeholder, or no URLs, for good).
    // Raised to 3.95 kB (+10 B, still under the target): a provider given its `getPrivateToken` after mount (the
    // app's auth loaded) renders the players and thumbnails below again, which offer "Try again" then; in the
    // app's usual shape (the provider around a layout's `children`) they never rendered again, so never offered it.
    // Raised to 4.03 kB (+76 B, over the target) by four fixes of a review of the components: a `width` or
    // `height` given as a string ("320", as HTML attributes read) was dropped from the box's CSS (the placeholder
    // filled its container, then the image shrank: a layout shift; the player's alert left its box); `hidden`
    // hid neither a thumbnail's placeholder, message, image nor link, nor the player's alert; and a
    // `renderError` retry that failed again left a request for the focus, which a later video's image took.
    // Lowered to 4 kB (-31 B, under the target again) by a byte hunt that changed nothing a caller sees (branches
    // merged, single-use variables inlined, the engine passed in the render's copy of the props), which also paid
    // for a hidden player's `<video>` hidden by its style (a CSS reset's `video { display: block }` showed it).
    // Then 3989 B: the provider's context no longer says whether it has a `getPrivateToken` (-16 B, core's
    // sessions tell their subscribers), a loaded thumbnail kept when its session expires (+42 B), paid by a
    // byte hunt that changed nothing a caller sees (-46 B: branches merged, a single-use hook inlined, props
    // read once).
    limit: '4 kB',
  },
  {
    name: 'page: thumbnail only, over React',
    path: 'size-pages/thumbnail-page.tsx',
    notCounted: react,
    // target: 6 kB. Raised from 7 kB to 7.05 kB by the check of a server-rendered image that failed before
    // hydration; back at 7 kB since savings paid for that and later fixes, then 6.99 kB, 6.89 kB, 6.88 kB.
    // Raised to 6.93 kB by core's input fixes above (+41 B) and a thumbnail shown again loading anew (+6 B);
    // to 7.02 kB by core's session fixes above (+88 B); to 7.06 kB (+39 B) by a thumbnail whose session the
    // clock says has expired (a page left open past its life): it renews before showing, rather than load a
    // broken image from the dead session; and by its error box keeping its size at small widths. Lowered to
    // 7.05 kB with core's (-16 B). Raised to 7.31 kB (+264 B) by a thumbnail whose session the delivery has
    // ended before its time (the clock cannot see it): its image failed for good, a retry asked for the same
    // dead URL, and a linked thumbnail has no retry. Now a failed image checks the session and renews it.
    // Raised to 7.35 kB (+40 B) by core's signal and input fixes above, to 7.4 kB (+45 B) by its joined open,
    // to 7.42 kB (+22 B) by its renewal that keeps the fresh token on the delivery origin the backend names.
    // Lowered to 7.4 kB by the order of core's modules after `PrivatePlayback` was split (-15 B, see above).
    // Raised to 7.42 kB (+20 B) by core's renewal that names the token handler's error, to 7.45 kB (+29 B) by
    // its renewal that says a URL was for another video or origin. Lowered to 7.39 kB (-67 B) by core's byte
    // hunt above, whose error-code patterns gzip shares with `toRetryPlan`'s, and a dead field of react's. Its
    // failure written to the console without `onError` (+8 B, see react's) fits in that limit. Raised to 7.4 kB
    // (+3 B): core reads a `retries` that is not a number from 0 up (`NaN`, -1) as its default 2, as the server
    // package's client does (core made no retry then, so one option meant two things in one app). Raised to
    // 7.41 kB (+9 B): a component keeps the default client of its first render, since one set later
    // (`setDefaultClient`) made its next render open the session of a spent private token again. Raised to
    // 7.42 kB (+11 B) by core's renewal that checks the origin an mp4 or thumbnail asset names (see core's).
    // Core's renewal that reads a getPrivateToken answer's fields in its `try` (+2 B) fits in that limit. Raised
    // to 7.44 kB (+16 B) by the thumbnail whose unreadable `rootMargin` took the app down (see react's). The
    // accessibility fixes (see react's) fit in it (+7 B). Raised to 7.48 kB (+41 B): a thumbnail unmounted while
    // its failed image's session was checked renewed that session, spending a fresh private token (a call to the
    // app's backend) for nobody; a virtualised feed does this for every failed thumbnail scrolled away. Raised
    // to 7.5 kB (+11 B) by core's renewal refused by the app's backend, which fails as `forbidden` (see core's).
    // Raised to 7.51 kB (+14 B) by core's refusal of "undefined" and "null" as a token or id (see core's).
    // Raised to 7.53 kB (+20 B) by the thumbnail's fixes of react's 3.88 kB. Raised to 7.56 kB (+28 B) by core's
    // renewal that the handler's "no such video" ends (see core's). Raised to 7.67 kB (+108 B) by a video given
    // with a new private token using its live session (see core's `servingVideo`, and react's); to 7.73 kB
    // (+61 B) by that token renewing the session it was served (see core's `offer`), to 7.74 kB (+13 B) by
    // a token spent with a server session not offered; lowered to 7.73 kB (-14 B) once the hooks did the same.
    // Raised to 7.74 kB (+17 B) by a failed thumbnail's message headed by its `alt` (see react's), to 7.76 kB
    // (+19 B) by core's session still opening that serves a new token of its video (see core's), to 7.8 kB (+41 B)
    // by core's four fixes of that token's path (see core's), to 7.81 kB (+10 B) by a decorative thumbnail's retry
    // that took the focus to a later failure (see react's), to 7.82 kB (+4 B) by an expired eager thumbnail that
    // waited for good (see react's), to 7.83 kB (+16 B) by core's open that takes a joining player's
    // `getPrivateToken` (see core's), to 7.84 kB (+5 B) by core's renewal of an expired session that fails while
    // a server session arrives (`setSession`, a router refresh): that session serves it now (it failed the player),
    // to 7.95 kB (+110 B) by core's five input fixes (no token quoted in errors, `assets.iframe` HTML with
    // `&#038;` or a `>` in an attribute, a bad domain named as such, an error of a value with no text); lowered
    // to 7.86 kB (-94 B) by core's second byte hunt, to 7.92 kB (+66 B) by react's four fixes of the components
    // (string sizes, `hidden`, a `renderError` retry's focus request), lowered to 7.9 kB (-24 B) by react's byte
    // hunt. Raised to 7.94 kB (+41 B) by core's `setGetPrivateToken` that tells the sessions (see core's). Raised
    // to 7.96 kB (+21 B): a thumbnail that loaded keeps its image when its session expires (a page left open past
    // its life, rendered again), where it spent a private token on a renewal, or showed `session-expired` in its
    // place; a react byte hunt (-46 B, nothing a caller sees changes) paid for most of it. Raised to 7.97 kB
    // (+13 B) by core's `renew()` that fails without failing a session never opened (see core's). Raised to
    // 8.01 kB (+39 B) by core's session store, which sweeps only once an entry it knows of has expired (see core's),
    // and to 8.03 kB (+23 B) as it sweeps a full storage too (see core's).
    limit: '8.03 kB',
  },
  {
    name: 'page: player, over React (its engine a lazy chunk)',
    path: 'size-pages/player-page.tsx',
    notCounted: react,
    // No target in issue #7; a limit so that what every player page loads first cannot grow unnoticed (the bench
    // printed it, nothing enforced it). Today's size plus a little, as for the others. Raised to 11.84 kB
    // (+236 B): a player whose connection dropped for a few seconds waits for it (`reconnectTimeout`) and plays on
    // where the viewer was, on HLS with its buffer; it fell back to an mp4 it could not reach and failed.
    // Raised to 11.98 kB (+151 B): a page whose Content-Security-Policy refuses `blob:` to the engines makes the
    // player fall back to the mp4, saying why (hls.js, and video.js without blob: workers, waited for good).
    // Raised to 12 kB (+12 B) by core's `renew()` that fails without failing a session never opened.
    // Raised to 12.01 kB (+14 B): core's `viewer` option gives back what it is given, so a playlist built on core
    // gives the next video's player the sound alone (video.js's new `<video>` had it reset), not a position.
    // Raised to 12.05 kB (+38 B) by core's session store, which sweeps only once an entry has expired (see core's),
    // and to 12.07 kB (+21 B) as it sweeps a full storage too (see core's).
    limit: '12.07 kB',
  },
  {
    name: 'engine: the hls.js adapter, without hls.js',
    path: 'size-pages/hls-engine.ts',
    notCounted: ['hls.js'],
    // The code a player page loads lazily with hls.js, beside the library itself: a limit for the same reason.
    limit: '2.75 kB',
  },
  {
    name: 'engine: the video.js adapter, without video.js',
    path: 'size-pages/videojs-engine.ts',
    notCounted: ['video.js'],
    // And with video.js (without react's video.js element code, another lazy chunk).
    limit: '4.6 kB',
  },
].map(({ notCounted, ...check }) => ({
  ...check,
  gzip: true,
  modifyEsbuildConfig: ours(notCounted),
})) satisfies SizeLimitConfig;
