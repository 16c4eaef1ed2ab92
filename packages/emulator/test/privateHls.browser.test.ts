import { playedPast } from '@private-video/test-utils/media';
import Hls, { type ErrorData } from 'hls.js';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createEmulatorControl } from '../src/control/createEmulatorControl.js';
import type {} from '../src/testing/vitestContext.js';

const control = createEmulatorControl(inject('emulatorUrl'));

function withAvh(url: string, avh: string): string {
  const signed = new URL(url);
  signed.searchParams.set('avh', avh);
  return signed.toString();
}

let hls: Hls | undefined;
let video: HTMLVideoElement;

beforeEach(async () => {
  await control.reset();
  video = document.createElement('video');
  video.muted = true;
  document.body.append(video);
});

afterEach(() => {
  hls?.destroy();
  hls = undefined;
  video.remove();
});

/** Resolves with the first fatal hls.js error. */
function fatalError(player: Hls): Promise<ErrorData> {
  return new Promise((resolve) => {
    player.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) resolve(data);
    });
  });
}

describe('viPrivateFmp4 (AES-128, alternate audio, subtitles) in real Chromium with hls.js', () => {
  it('plays when every request is signed with the session token through xhrSetup', async () => {
    const minted = await control.mintToken('viPrivateFmp4');
    const { session_token: avh } = (await (await fetch(minted.urls.session)).json()) as {
      session_token: string;
    };
    hls = new Hls({
      xhrSetup(xhr, url) {
        // Opening the XHR ourselves is hls.js's supported way to change the URL (the loader won't reopen it).
        xhr.open('GET', withAvh(url, avh), true);
      },
    });
    const fatal = fatalError(hls).then((data) => {
      throw new Error(`hls.js fatal error: ${data.details}`);
    });
    const played = playedPast(video, 1);
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      video.play().catch(() => {});
    });
    hls.loadSource(minted.urls.hls);
    hls.attachMedia(video);
    await Promise.race([played, fatal]);

    expect(video.currentTime).toBeGreaterThan(1);
    const log = (await control.log()).filter((entry) => entry.method !== 'OPTIONS');
    const [session, ...assets] = log;
    expect(session).toMatchObject({ kind: 'session', rule: 'session-opened', status: 200 });
    expect(assets.length).toBeGreaterThan(5);
    for (const entry of assets) {
      expect(entry, entry.path).toMatchObject({ avh: true, rule: 'signed', videoId: 'viPrivateFmp4' });
      expect(entry.status, entry.path).toBeLessThan(300);
    }
    const kinds = new Set(assets.map((entry) => entry.kind));
    for (const kind of ['manifest', 'playlist', 'init', 'key', 'segment'] as const)
      expect(kinds).toContain(kind);
    expect(assets.some((entry) => entry.path.includes('/audio/'))).toBe(true);
  });

  it('fails with a fatal hls.js error when the same page does not sign its requests', async () => {
    const minted = await control.mintToken('viPrivateFmp4');
    hls = new Hls();
    const fatal = fatalError(hls);
    hls.loadSource(minted.urls.hls);
    hls.attachMedia(video);
    const error = await fatal;

    expect(error.type).toBe(Hls.ErrorTypes.NETWORK_ERROR);
    expect(video.currentTime).toBe(0);
    const log = (await control.log()).filter((entry) => entry.method !== 'OPTIONS');
    // The bare private token opens the master once (and is spent), then every child request is refused.
    expect(log[0]).toMatchObject({ kind: 'manifest', status: 200, rule: 'unsigned-first-use', avh: false });
    const refused = log.slice(1);
    expect(refused.length).toBeGreaterThan(0);
    for (const entry of refused) expect(entry).toMatchObject({ status: 404, rule: 'token-used', avh: false });
  });
});
