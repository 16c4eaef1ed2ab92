import type { CatalogLiveStream, CatalogVideo } from './catalog.js';

const EMBED = 'https://embed.api.video';

/** The `<iframe>` snippet api.video puts in `assets.iframe`. */
export function iframeHtml(playerUrl: string): string {
  return `<iframe src="${playerUrl}" width="100%" height="100%" frameborder="0" scrolling="no" allowfullscreen="true"></iframe>`;
}

/** An api.video video object; private videos get the given fresh private token in every asset URL. */
export function videoJson(video: CatalogVideo, baseUrl: string, privateToken: string | null) {
  const root = privateToken
    ? `${baseUrl}/vod/${video.videoId}/token/${privateToken}`
    : `${baseUrl}/vod/${video.videoId}`;
  const player = `${EMBED}/vod/${video.videoId}${privateToken ? `?token=${privateToken}` : ''}`;
  return {
    videoId: video.videoId,
    title: video.title,
    description: '',
    public: video.public,
    panoramic: false,
    mp4Support: video.mp4 !== undefined,
    createdAt: video.createdAt,
    updatedAt: video.createdAt,
    publishedAt: video.createdAt,
    discarded: false,
    discardedAt: null,
    deletesAt: null,
    tags: [],
    metadata: [],
    playerId: null,
    language: null,
    languageOrigin: null,
    source: { type: 'upload', uri: `/videos/${video.videoId}/source` },
    assets: {
      iframe: iframeHtml(player),
      player,
      hls: `${root}/hls/manifest.m3u8`,
      thumbnail: `${root}/thumbnail.jpg`,
      ...(video.mp4 ? { mp4: `${root}/mp4/source.mp4` } : {}),
    },
  };
}

/** An api.video live-stream object. */
export function liveStreamJson(live: CatalogLiveStream, baseUrl: string, privateToken: string | null) {
  const player = `${EMBED}/live/${live.liveStreamId}${privateToken ? `?token=${privateToken}` : ''}`;
  const root = privateToken ? `${baseUrl}/private/${privateToken}/` : `${baseUrl}/`;
  return {
    liveStreamId: live.liveStreamId,
    name: live.name,
    streamKey: `emulator-${live.liveStreamId}`,
    public: live.public,
    record: false,
    broadcasting: true,
    createdAt: live.createdAt,
    updatedAt: live.createdAt,
    playerId: null,
    restreams: [],
    assets: {
      iframe: iframeHtml(player),
      player,
      hls: `${root}${live.liveStreamId}.m3u8`,
      thumbnail: `${root}${live.liveStreamId}/thumbnail.jpg`,
    },
  };
}

/** api.video's pagination block, links included. */
export function pagination(
  path: string,
  currentPage: number,
  pageSize: number,
  itemsTotal: number,
  count: number,
) {
  const pagesTotal = Math.max(1, Math.ceil(itemsTotal / pageSize));
  const link = (rel: string, page: number) => ({
    rel,
    uri: `${path}?currentPage=${page}&pageSize=${pageSize}`,
  });
  const links = [link('self', currentPage), link('first', 1)];
  if (currentPage > 1) links.push(link('previous', currentPage - 1));
  if (currentPage < pagesTotal) links.push(link('next', currentPage + 1));
  links.push(link('last', pagesTotal));
  return { currentPage, currentPageItems: count, pageSize, pagesTotal, itemsTotal, links };
}
