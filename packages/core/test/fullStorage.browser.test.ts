import { afterEach, describe, expect, it } from 'vitest';
import { SessionClient } from '../src/session/SessionClient.js';
import { cleanUpEachTest, control, deliveryLog, emulatorUrl } from './browserHelpers.js';

cleanUpEachTest();

const domains = { vod: emulatorUrl, live: emulatorUrl };
const padding: string[] = [];

/** The app's own data fills `sessionStorage` to its quota (a persisted store, a cache…). */
function fillSessionStorage(): void {
  let chunk = 'x'.repeat(1 << 20);
  for (let index = 0; chunk.length > 16; index++) {
    try {
      sessionStorage.setItem(`app:padding:${index}`, chunk);
      padding.push(`app:padding:${index}`);
    } catch {
      chunk = chunk.slice(chunk.length / 2);
    }
  }
}

afterEach(() => {
  for (const key of padding.splice(0)) sessionStorage.removeItem(key);
  for (const key of Object.keys(sessionStorage))
    if (key.startsWith('private-video:')) sessionStorage.removeItem(key);
});

/**
 * The real `sessionStorage`, filled to its real quota: a write of ours refused (`QuotaExceededError`) must not
 * hide the sessions it holds, whose private tokens are spent.
 */
describe('sessionStorage full (its quota reached by the app)', () => {
  it('still reuses a session the previous page stored, after the session of another video could not be stored', async () => {
    // Page 1 (a list): the thumbnail of A opened its session, persisted for the watch page.
    const a = await control.mintToken('viPrivateTs');
    const page1 = new SessionClient({ domains });
    const opened = await page1.getSession({ videoId: 'viPrivateTs', privateToken: a.privateToken });

    // The app's own data has filled sessionStorage meanwhile.
    fillSessionStorage();
    expect(() => sessionStorage.setItem('probe', 'x'.repeat(64))).toThrow();

    // Page 2 (after a full navigation: same sessionStorage): a related video's thumbnail opens first
    // (its write fails: quota), then the viewer plays A (its VideoSession is created now).
    const page2 = new SessionClient({ domains });
    const b = await control.mintToken('viPrivateTs2');
    await page2.getSession({ videoId: 'viPrivateTs2', privateToken: b.privateToken });
    // A's entry is still right there in sessionStorage, readable:
    expect(Object.keys(sessionStorage).some((key) => key.includes(a.privateToken))).toBe(true);

    const reused = page2.getSession({ videoId: 'viPrivateTs', privateToken: a.privateToken });
    await expect(reused).resolves.toMatchObject({ token: opened!.token });
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => entry.status)).toEqual([200]);
  });
});
