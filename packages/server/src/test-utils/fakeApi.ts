import { vi } from 'vitest';

export type FakeAnswer = Response | Error;

export interface FakeApiOptions {
  apiKey?: string;
  /** Access-token lifetime the fake announces, in seconds. */
  expiresIn?: number;
  /** The fake's clock, shared with the client under test. */
  now?: () => number;
}

interface Issued {
  refreshToken: string;
  expiresAt: number;
  revoked: boolean;
}

/**
 * A fetch that behaves like the api.video API for the calls the client makes: auth with the API key,
 * refresh, and video / live stream objects minting a new private token on every read. Scripted answers
 * (`answer(path, …)`) come first, in order, for requests whose path ends with that path.
 */
export function createFakeApi(options: FakeApiOptions = {}) {
  const apiKey = options.apiKey ?? 'secret-key';
  const expiresIn = options.expiresIn ?? 3600;
  const now = options.now ?? Date.now;
  const accessTokens = new Map<string, Issued>();
  const refreshTokens = new Set<string>();
  const scripted: { path: string; answer: FakeAnswer }[] = [];
  let counter = 0;

  const videos: Record<string, { public: boolean }> = {
    viPrivate: { public: false },
    viPublic: { public: true },
  };
  const liveStreams: Record<string, { public: boolean }> = { liPrivate: { public: false } };

  function issue(): Response {
    counter += 1;
    const accessToken = `at-${counter}`;
    const refreshToken = `rt-${counter}`;
    accessTokens.set(accessToken, { refreshToken, expiresAt: now() + expiresIn * 1000, revoked: false });
    refreshTokens.add(refreshToken);
    return json({
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
    });
  }

  function authorized(init: RequestInit | undefined): boolean {
    const header = new Headers(init?.headers).get('authorization') ?? '';
    const issued = accessTokens.get(header.replace(/^Bearer /, ''));
    return issued !== undefined && !issued.revoked && now() < issued.expiresAt;
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const index = scripted.findIndex((entry) => url.pathname.endsWith(entry.path));
    if (index >= 0) {
      const { answer } = scripted.splice(index, 1)[0]!;
      if (answer instanceof Error) throw answer;
      return answer;
    }
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (method === 'POST' && url.pathname === '/auth/api-key') {
      return body.apiKey === apiKey ? issue() : problem(401, 'Authentication failed');
    }
    if (method === 'POST' && url.pathname === '/auth/refresh') {
      const token = body.refreshToken;
      if (typeof token !== 'string' || !refreshTokens.delete(token))
        return problem(400, 'Invalid refresh token');
      return issue();
    }
    const video = /^\/videos\/([^/]+)$/.exec(url.pathname)?.[1];
    const live = /^\/live-streams\/([^/]+)$/.exec(url.pathname)?.[1];
    if (method === 'GET' && (video !== undefined || live !== undefined)) {
      if (!authorized(init)) return problem(401, 'Unauthorized');
      counter += 1;
      const privateToken = `pt-${counter}`;
      if (video !== undefined) {
        const entry = videos[video];
        return entry === undefined
          ? problem(404, 'Not found')
          : json(videoObject(video, entry.public, privateToken));
      }
      const entry = liveStreams[live!];
      return entry === undefined
        ? problem(404, 'Not found')
        : json(liveObject(live!, entry.public, privateToken));
    }
    return problem(404, 'Not found');
  });

  return {
    fetch,
    apiKey,
    /** Answers the next request whose path ends with `path` with each answer, in order. */
    answer: (path: string, ...answers: FakeAnswer[]) => {
      for (const answer of answers) scripted.push({ path, answer });
    },
    /** Makes the API refuse an access token from now on, as after a revocation. */
    revoke: (accessToken: string) => {
      const issued = accessTokens.get(accessToken);
      if (issued !== undefined) issued.revoked = true;
    },
    /** `METHOD /path` of every request, in order. */
    get requests(): string[] {
      return fetch.mock.calls.map(
        ([input, init]) => `${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`,
      );
    },
    /** The bearer token each request carried (undefined for auth requests). */
    get bearers(): (string | undefined)[] {
      return fetch.mock.calls.map(([, init]) =>
        new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, ''),
      );
    },
  };
}

export function videoObject(videoId: string, isPublic: boolean, privateToken: string) {
  const base = isPublic
    ? `https://vod.api.video/vod/${videoId}`
    : `https://vod.api.video/vod/${videoId}/token/${privateToken}`;
  const embed = isPublic
    ? `https://embed.api.video/vod/${videoId}`
    : `https://embed.api.video/vod/${videoId}?token=${privateToken}`;
  return {
    videoId,
    title: 'A video',
    public: isPublic,
    assets: {
      iframe: `<iframe src="${embed}" width="100%" height="100%" frameborder="0" scrolling="no" allowfullscreen="true"></iframe>`,
      player: embed,
      hls: `${base}/hls/manifest.m3u8`,
      thumbnail: `${base}/thumbnail.jpg`,
      mp4: `${base}/mp4/source.mp4`,
    },
  };
}

export function liveObject(liveStreamId: string, isPublic: boolean, privateToken: string) {
  const hls = isPublic
    ? `https://live.api.video/${liveStreamId}.m3u8`
    : `https://live.api.video/private/${privateToken}/${liveStreamId}.m3u8`;
  const thumbnail = isPublic
    ? `https://live.api.video/${liveStreamId}/thumbnail.jpg`
    : `https://live.api.video/private/${privateToken}/${liveStreamId}/thumbnail.jpg`;
  const player = isPublic
    ? `https://embed.api.video/live/${liveStreamId}`
    : `https://embed.api.video/live/${liveStreamId}?token=${privateToken}`;
  return {
    liveStreamId,
    name: 'A live stream',
    public: isPublic,
    broadcasting: false,
    assets: { hls, thumbnail, player },
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function problem(status: number, title: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'https://docs.api.video/reference', title, status }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** A clock the test moves by hand. */
export function createClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** A fetch that answers the delivery's `/session` like api.video: one session per private token. */
export function createFakeDelivery() {
  const spent = new Set<string>();
  let opened = 0;
  const fetch = vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const { pathname } = new URL(String(input));
    const token =
      /\/token\/([^/]+)\/session$/.exec(pathname)?.[1] ??
      /^\/private\/([^/]+)\/[^/]+\/session$/.exec(pathname)?.[1];
    if (token === undefined || spent.has(token)) return new Response('Not found', { status: 404 });
    spent.add(token);
    opened += 1;
    return json({ session_token: `st-${opened}` });
  });
  return {
    fetch,
    get requests(): string[] {
      return fetch.mock.calls.map(([input]) => String(input));
    },
  };
}
