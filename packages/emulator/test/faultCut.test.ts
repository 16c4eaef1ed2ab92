import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, openSession, withAvh } from './helpers.js';

interface CutResponse {
  status: number;
  contentLength: number;
  received: number;
  /** Whether the connection was dropped before the body's end. */
  aborted: boolean;
}

/** A GET that reads what arrives, and how the body ended: `fetch` would only say "terminated". */
function get(url: string, headers: Record<string, string> = {}): Promise<CutResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let received = 0;
      let aborted = false;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      res.on('aborted', () => {
        aborted = true;
      });
      res.on('error', () => {}); // the cut, reported by `aborted` and `close`
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentLength: Number(res.headers['content-length']),
          received,
          aborted: aborted || !res.complete,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

async function signedMp4() {
  const emulator = await emulatorForTest();
  const { urls, avh } = await openSession(emulator, 'viPrivateTs');
  return { emulator, mp4: withAvh(urls.mp4 as string, avh) };
}

describe('faults with cutAfterBytes', () => {
  it('send the headers of the whole answer, then only that many bytes, then drop the connection', async () => {
    const { emulator, mp4 } = await signedMp4();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 100_000, count: 1 });
    const cut = await get(mp4);
    expect(cut.status).toBe(200);
    expect(cut.contentLength).toBeGreaterThan(100_000);
    expect(cut).toMatchObject({ received: 100_000, aborted: true });
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'mp4', status: 200, rule: 'fault-cut' });
    // count: 1 is spent: the next request gets all of it.
    const whole = await get(mp4);
    expect(whole).toMatchObject({ status: 200, received: whole.contentLength, aborted: false });
    expect(emulator.log().at(-1)?.rule).toBe('signed');
  });

  it('cut a range answer within the range, counting from its first byte', async () => {
    const { emulator, mp4 } = await signedMp4();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 10 });
    const cut = await get(mp4, { Range: 'bytes=1000-1999' });
    expect(cut).toMatchObject({ status: 206, contentLength: 1000, received: 10, aborted: true });
  });

  it('leave a shorter answer whole, with the rules’ own rule (a refusal has no body to cut)', async () => {
    const { emulator, mp4 } = await signedMp4();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 100 });
    const short = await get(mp4, { Range: 'bytes=0-99' });
    expect(short).toMatchObject({ status: 206, received: 100, aborted: false });
    const refused = await get(mp4.replace(/avh=[^&]+/, 'avh=unknown'));
    expect(refused).toMatchObject({ status: 404, received: 0, aborted: false });
    expect(emulator.log().map((entry) => entry.rule)).toEqual([
      'session-opened',
      'signed',
      'session-unknown',
    ]);
  });

  it('leave a HEAD whole (it has no body), with the rules’ own rule', async () => {
    const { emulator, mp4 } = await signedMp4();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 10 });
    const head = await fetch(mp4, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(10);
    expect(emulator.log().at(-1)).toMatchObject({ method: 'HEAD', status: 200, rule: 'signed' });
  });

  it('cut the rules’ JSON too, at 0 bytes: headers and no body', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    emulator.addFault({ match: { kind: 'session' }, cutAfterBytes: 0, count: 1 });
    const cut = await get(urls.session);
    expect(cut).toMatchObject({ status: 200, received: 0, aborted: true });
    expect(cut.contentLength).toBeGreaterThan(0);
    // The rules ran: the session was opened and the token spent, as when a real answer is lost on the way.
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'session', status: 200, rule: 'fault-cut' });
    expect((await fetch(urls.session)).status).toBe(404);
  });

  it.each([
    ['a thumbnail', 'thumbnail', '/vod/viPublicTs/thumbnail.jpg'],
    ['an mp4', 'mp4', '/vod/viPublicTs/mp4/source.mp4'],
  ] as const)('cut a file at 0 bytes too (%s): headers and no body, as for JSON', async (_, kind, path) => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind }, cutAfterBytes: 0, count: 1 });
    // The connection was dropped before the queued headers went out: the client only saw "socket hang up".
    const cut = await get(`${emulator.url}${path}`);
    expect(cut).toMatchObject({ status: 200, received: 0, aborted: true });
    expect(cut.contentLength).toBeGreaterThan(0);
    expect(emulator.log().at(-1)).toMatchObject({ kind, status: 200, rule: 'fault-cut' });
  });

  it.each([
    [{ cutAfterBytes: -1 }, 'cutAfterBytes must be a whole number of bytes, 0 or more'],
    [{ cutAfterBytes: 1.5 }, 'cutAfterBytes must be a whole number of bytes, 0 or more'],
    [{ cutAfterBytes: '10' }, 'cutAfterBytes must be a whole number of bytes, 0 or more'],
    [
      { cutAfterBytes: 10, status: 500 },
      "cutAfterBytes cuts the rules' answer: it takes no status and no hang",
    ],
    [
      { cutAfterBytes: 10, hang: true },
      "cutAfterBytes cuts the rules' answer: it takes no status and no hang",
    ],
  ])('refuse %j', async (fields, message) => {
    const emulator = await emulatorForTest({ control: true });
    const response = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ match: { kind: 'mp4' }, ...fields }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message });
  });

  it('add to a delay: the wait, then the answer cut short', async () => {
    const { emulator, mp4 } = await signedMp4();
    emulator.addFault({ match: { kind: 'mp4' }, delayMs: 1, cutAfterBytes: 5 });
    expect(await get(mp4)).toMatchObject({ status: 200, received: 5, aborted: true });
    expect(emulator.faults()).toMatchObject([{ cutAfterBytes: 5, matched: 1, served: 1 }]);
  });
});

describe('a cutAfterBytes fault spends its count only on what it cuts', () => {
  const mp4 = (emulator: { url: string }) => `${emulator.url}/vod/viPublicTs/mp4/source.mp4`;

  it('a HEAD it leaves whole is as if it did not match: the next GET is cut', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 1000, count: 1 });
    expect((await fetch(mp4(emulator), { method: 'HEAD' })).status).toBe(200);
    expect(emulator.log().at(-1)).toMatchObject({ method: 'HEAD', rule: 'public' });
    expect(emulator.faults()).toMatchObject([{ matched: 0, served: 0 }]);
    expect(await get(mp4(emulator))).toMatchObject({ status: 200, received: 1000, aborted: true });
    expect(emulator.faults()).toMatchObject([{ matched: 1, served: 1 }]);
  });

  it('a 2-byte Range probe (what Safari sends first) it leaves whole is as if it did not match: the next GET is cut', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 1000, count: 1 });
    const probe = await get(mp4(emulator), { Range: 'bytes=0-1' });
    expect(probe).toMatchObject({ status: 206, received: 2, aborted: false });
    expect(emulator.log().at(-1)?.rule).toBe('public');
    expect(emulator.faults()).toMatchObject([{ matched: 0, served: 0 }]);
    expect(await get(mp4(emulator))).toMatchObject({ status: 200, received: 1000, aborted: true });
    expect(emulator.faults()).toMatchObject([{ matched: 1, served: 1 }]);
  });

  it('a request it leaves whole goes to the next matching fault: a shorter cut, or a status for a HEAD', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 1000, count: 1 });
    emulator.addFault({ match: { kind: 'mp4' }, cutAfterBytes: 1, count: 1 });
    emulator.addFault({ match: { kind: 'mp4' }, status: 503, count: 1 });
    expect((await fetch(mp4(emulator), { method: 'HEAD' })).status).toBe(503);
    expect(await get(mp4(emulator), { Range: 'bytes=0-1' })).toMatchObject({
      status: 206,
      received: 1,
      aborted: true,
    });
    expect(await get(mp4(emulator))).toMatchObject({ status: 200, received: 1000, aborted: true });
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['fault', 'fault-cut', 'fault-cut']);
    expect(emulator.faults().map(({ matched, served }) => ({ matched, served }))).toEqual([
      { matched: 1, served: 1 },
      { matched: 1, served: 1 },
      { matched: 1, served: 1 },
    ]);
  });
});
