import { beforeEach, describe, expect, inject, it } from 'vitest';
import { hlsNotPlaying, pageBrowserLabels, userAgents } from '../../../scripts/pageBrowsers';
import { pageReport } from '../../../scripts/vitest/pageReport';
import type { PageReport, ScenarioOutcome } from './pages/scenarioOutcome.js';

const browser = inject('pageBrowser');
const playbackReport = pageReport<PageReport>({
  browser,
  root: new URL('..', import.meta.url).pathname,
  page: '/test/pages/playback.html',
  query: { emulator: inject('emulatorUrl') },
  dependencies: ['hls.js', 'video.js'],
  timeout: 240_000,
  // A scenario's 20 s deadline, with its emulator reset and log, takes well under this.
  stallTimeout: 60_000,
});
let report: PageReport;

beforeEach(async () => {
  report = await playbackReport();
}, 300_000);

/** The outcome of the page's scenario of that name (see `pages/playbackPage.ts`). */
function outcome(name: string): ScenarioOutcome {
  const found = report.outcomes.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`The page ran no scenario named "${name}"`);
  return found;
}

/** Each `/session` request's status, by the index of the private token it spent (0, then the renewals'). */
function sessions({ requests, tokens }: ScenarioOutcome): string[] {
  return requests
    .filter((request) => request.kind === 'session')
    .map((request) => `${tokens.indexOf(request.privateToken ?? '')}:${request.status}`);
}

/** Asset requests (anything but `/session`) that went without `avh`: there must be none. */
function unsigned({ requests }: ScenarioOutcome) {
  return requests.filter((request) => request.kind !== 'session' && !request.avh);
}

describe(`in ${pageBrowserLabels[browser]}, against the emulator`, () => {
  it(`ran in ${pageBrowserLabels[browser]}, without an error or unhandled rejection on the page`, () => {
    expect(report.userAgent).toMatch(userAgents[browser]);
    expect(report.pageErrors).toEqual([]);
  });

  describe.each(['hls.js', 'video.js'])('%s', (engine) => {
    // Left out where the engine's HLS does not play even without this library (see `hlsNotPlaying`).
    const playsHls = !hlsNotPlaying[browser].includes(engine);

    it.skipIf(!playsHls).each(['viPrivateTs', 'viPrivateFmp4'])(
      'plays %s with one session and every request signed',
      (videoId) => {
        const played = outcome(`${engine} plays ${videoId}`);
        expect(played).toMatchObject({ reached: true, state: 'playing', source: 'hls', events: [] });
        expect(sessions(played)).toEqual(['0:200']);
        expect(unsigned(played)).toEqual([]);
        expect(played.requests.filter((request) => request.status >= 400)).toEqual([]);
      },
    );

    it.skipIf(!playsHls)(
      'renews a session that expires mid-play, through getPrivateToken, and plays on',
      () => {
        const renewed = outcome(`${engine} renews a session that expires mid-play and plays on`);
        expect(renewed).toMatchObject({ reached: true, state: 'playing', source: 'hls' });
        expect(renewed.events).toEqual(['sessionrenewed']);
        expect(sessions(renewed)).toEqual(['0:200', '1:200']);
        expect(unsigned(renewed)).toEqual([]);
        // Only the old session's requests were refused (one sent before the renewal may be answered after it,
        // on a loaded machine); the new one's all succeed.
        const [first, second] = renewed.tokens;
        const refused = renewed.requests.filter((request) => request.status >= 400);
        expect(refused.filter((request) => request.privateToken !== first)).toEqual([]);
        expect(renewed.requests.filter((request) => request.privateToken === second).length).toBeGreaterThan(
          1,
        );
      },
    );

    it('falls back to the mp4 when the manifest fails', () => {
      const fellBack = outcome(`${engine} falls back to the mp4 when the manifest fails`);
      expect(fellBack).toMatchObject({
        reached: true,
        state: 'fallback',
        source: 'mp4',
        events: ['fallback'],
      });
      expect(fellBack.requests.some((request) => request.kind === 'mp4' && request.status < 300)).toBe(true);
      expect(unsigned(fellBack)).toEqual([]);
    });

    it('falls back to an mp4 cut short mid-play, asks for it again where it stood, and plays on', () => {
      const played = outcome(`${engine} falls back to an mp4 that is cut short mid-play, and plays on`);
      expect(played).toMatchObject({ reached: true, state: 'fallback', source: 'mp4', events: ['fallback'] });
      expect(played.requests.filter((request) => request.rule === 'fault-cut')).toHaveLength(1);
      expect(unsigned(played)).toEqual([]);
    });
  });

  it('native: plays the mp4', () => {
    const played = outcome('native plays the mp4');
    expect(played).toMatchObject({ reached: true, state: 'playing', source: 'mp4', events: [] });
    expect(sessions(played)).toEqual(['0:200']);
    expect(unsigned(played)).toEqual([]);
  });

  it.each([
    ['was cut short', 'fault-cut'],
    ['was cut short mid-play', 'fault-cut'],
    ['never came', 'fault-hang'],
  ])(
    'native: plays an mp4 whose first answer %s (asked for again where the browser would not)',
    (how, rule) => {
      const played = outcome(`native plays an mp4 whose first answer ${how}`);
      expect(played).toMatchObject({ reached: true, state: 'playing', source: 'mp4', events: [] });
      expect(played.requests.filter((request) => request.rule === rule)).toHaveLength(1);
      expect(unsigned(played)).toEqual([]);
    },
  );

  it('native: fails with a typed media error when the mp4 never answers, rather than wait for good', () => {
    const failed = outcome('native fails with a media error when the mp4 never answers');
    expect(failed).toMatchObject({ reached: true, state: 'error', code: 'media', events: ['error'] });
    // The first load and two reloads at stalls at least (held requests are logged once they end).
    expect(failed.requests.filter((request) => request.rule === 'fault-hang').length).toBeGreaterThanOrEqual(
      3,
    );
    expect(unsigned(failed)).toEqual([]);
  });

  it('a spent private token fails as a typed token-used error, with no asset requested', () => {
    const failed = outcome('a spent private token fails as token-used');
    expect(failed).toMatchObject({ reached: true, state: 'error', code: 'token-used', events: ['error'] });
    // For each token, the page spending it, then the player's own refused: the first, then its one
    // replacement (through getPrivateToken, spent too). It asks for nothing else, and no third token.
    expect(sessions(failed)).toEqual(['0:200', '0:404', '1:200', '1:404']);
    expect(failed.tokens).toHaveLength(2);
    expect(failed.requests).toHaveLength(4);
  });
});
