import { ApiVideoError } from './ApiVideoError.js';
import type { ApiPagination, ApiVideo, ApiVideoPage } from './createApiVideoClient.js';

const counts = ['currentPage', 'currentPageItems', 'pageSize', 'pagesTotal', 'itemsTotal'] as const;

/**
 * Reads the answer of `GET /videos`: `data`, an array of video objects (each with its `videoId`), and
 * `pagination`, api.video's block (its counts and `links`).
 * @throws ApiVideoError `malformed-response` when the answer is not that.
 */
export function toVideoPage(body: Record<string, unknown>, path: string): ApiVideoPage {
  const { data, pagination } = body;
  if (!Array.isArray(data)) throw malformed(path, 'has no "data" array');
  data.forEach((item: unknown, index) => {
    if (!isObject(item)) throw malformed(path, `has a data[${index}] that is not a video object`);
    if (typeof item.videoId !== 'string' || item.videoId === '') {
      throw malformed(path, `has a data[${index}] without a "videoId"`);
    }
  });
  return { data: data as ApiVideo[], pagination: toPagination(pagination, path) };
}

function toPagination(pagination: unknown, path: string): ApiPagination {
  if (!isObject(pagination)) throw malformed(path, 'has no "pagination" object');
  for (const field of counts) {
    const value = pagination[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw malformed(path, `has no "pagination.${field}" count`);
    }
  }
  const { links } = pagination;
  if (!Array.isArray(links)) throw malformed(path, 'has no "pagination.links" array');
  return {
    currentPage: pagination.currentPage as number,
    currentPageItems: pagination.currentPageItems as number,
    pageSize: pagination.pageSize as number,
    pagesTotal: pagination.pagesTotal as number,
    itemsTotal: pagination.itemsTotal as number,
    links: links.map((link: unknown, index) => {
      if (!isObject(link) || typeof link.rel !== 'string' || typeof link.uri !== 'string') {
        throw malformed(path, `has a pagination.links[${index}] without "rel" and "uri"`);
      }
      return { rel: link.rel, uri: link.uri };
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(path: string, what: string): ApiVideoError {
  return new ApiVideoError('malformed-response', `The answer of ${path} ${what}.`, { status: 200, path });
}
