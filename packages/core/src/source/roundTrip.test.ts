import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAssetUrls, toSessionUrl } from './assetUrls.js';
import { createVideoRef } from './createVideoRef.js';
import { parseVideoUrl } from './parseVideoUrl.js';

const idChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'.split(''),
);
const tokenChars = fc.constantFrom(...'abcdef0123456789-._~'.split(''));
const videoId = fc.string({ unit: idChars, minLength: 1, maxLength: 30 }).map((id) => `vi${id}`);
const liveId = fc.string({ unit: idChars, minLength: 1, maxLength: 30 }).map((id) => `li${id}`);
const privateToken = fc.option(
  fc.string({ unit: tokenChars, minLength: 1, maxLength: 40 }).filter((token) => !/^\.+$/.test(token)),
  { nil: undefined },
);
const origin = fc.constantFrom(
  'https://vod.api.video',
  'https://cdn.example.com',
  'http://127.0.0.1:4010',
  'http://localhost:8080',
);

describe('asset URLs round-trip through the parser', () => {
  it('every vod URL parses back to the reference that built it', () => {
    fc.assert(
      fc.property(videoId, privateToken, origin, (id, token, vod) => {
        const ref = createVideoRef({ videoId: id, privateToken: token, domains: { vod } });
        const urls = [...Object.values(toAssetUrls(ref)), toSessionUrl(ref)].filter(
          (url) => url !== undefined,
        );
        for (const url of urls) expect(parseVideoUrl(url)).toEqual(ref);
      }),
    );
  });

  it('every live URL parses back to the reference that built it', () => {
    fc.assert(
      fc.property(liveId, privateToken, origin, (id, token, live) => {
        const ref = createVideoRef({ videoId: id, privateToken: token, live: true, domains: { live } });
        for (const url of [toAssetUrls(ref).hls, toAssetUrls(ref).thumbnail])
          expect(parseVideoUrl(url)).toEqual(ref);
        expect(toAssetUrls(ref).mp4).toBeUndefined();
      }),
    );
  });
});
