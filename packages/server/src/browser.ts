/**
 * What browser bundles get instead of the package (the `browser` export condition). The server package
 * needs your api.video API key, and a key in a bundle is a key anyone can read.
 */
const message =
  '@private-video/server was imported into a browser bundle. It holds your api.video API key and must only ' +
  'run on your server (route handlers, server components, getServerSideProps, a Node server). In the browser, ' +
  'use @private-video/react or @private-video/core, and get private tokens from your backend ' +
  '(createPrivateTokenHandler).';

function refuse(): never {
  throw new Error(message);
}

// At import time, so the mistake shows on the first page load, not when a token is first needed.
refuse();

// The same names as the real entry: bundlers and dev servers then load this file (and run the throw
// above) instead of stopping at a "missing export" error that does not say why.
export {
  refuse as ApiVideoError,
  refuse as createApiVideoClient,
  refuse as createPrivateTokenHandler,
  refuse as DEFAULT_BASE_URL,
  refuse as isApiVideoError,
  refuse as openSession,
  refuse as parseRetryAfter,
  refuse as toNodeHandler,
  refuse as toPrivateVideoSource,
};
