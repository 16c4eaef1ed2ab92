import { ApiVideoError } from './ApiVideoError.js';

/** What `listVideos` asks `GET /videos` for: a page, and api.video's filters and sort, passed through. */
export interface ListVideosQuery {
  /** The page, from 1 (the API's default). */
  currentPage?: number | undefined;
  /** Videos per page, 1 to 100 (the API's default is 25). */
  pageSize?: number | undefined;
  /** Only videos whose title contains this. */
  title?: string | undefined;
  /** Only videos that have every one of these tags (sent as `tags[]=a&tags[]=b`). */
  tags?: readonly string[] | undefined;
  /** Only videos whose description contains this. */
  description?: string | undefined;
  sortBy?: 'title' | 'createdAt' | 'publishedAt' | 'updatedAt' | undefined;
  sortOrder?: 'asc' | 'desc' | undefined;
}

const sortFields: readonly unknown[] = ['title', 'createdAt', 'publishedAt', 'updatedAt'];
const sortOrders: readonly unknown[] = ['asc', 'desc'];

// In the order they are sent; any other key is refused, not ignored: a misspelt `pagesize` would list 25.
const keys = ['currentPage', 'pageSize', 'title', 'tags', 'description', 'sortBy', 'sortOrder'] as const;

/**
 * The query string (`?currentPage=2&pageSize=10`, or `''` for none) of a `ListVideosQuery`, names and values
 * percent-encoded (`tags[]` is sent as `tags%5B%5D`, a space as `%20`). Fields given as `undefined` are left out.
 * @throws ApiVideoError `bad-request` for a value the API would not take, before any request is sent.
 */
export function toListQuery(query: ListVideosQuery | undefined): string {
  if (query === undefined) return '';
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    throw invalid('query', query, 'an object such as { currentPage: 1, pageSize: 25 }');
  }
  for (const key of Object.keys(query)) {
    if (!(keys as readonly string[]).includes(key)) {
      throw new ApiVideoError(
        'bad-request',
        `Unknown listVideos query field ${JSON.stringify(key)}: expected ${keys.join(', ')}.`,
      );
    }
  }
  const params: [string, string][] = [];
  const { currentPage, pageSize, title, tags, description, sortBy, sortOrder } = query;
  if (currentPage !== undefined) {
    if (!Number.isSafeInteger(currentPage) || currentPage < 1) {
      throw invalid('currentPage', currentPage, 'an integer from 1');
    }
    params.push(['currentPage', String(currentPage)]);
  }
  if (pageSize !== undefined) {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw invalid('pageSize', pageSize, 'an integer from 1 to 100');
    }
    params.push(['pageSize', String(pageSize)]);
  }
  if (title !== undefined) params.push(['title', checkString('title', title)]);
  if (tags !== undefined) {
    if (!Array.isArray(tags)) throw invalid('tags', tags, 'an array of strings');
    tags.forEach((tag, index) => {
      params.push(['tags[]', checkString(`tags[${index}]`, tag)]);
    });
  }
  if (description !== undefined) params.push(['description', checkString('description', description)]);
  if (sortBy !== undefined) {
    if (!sortFields.includes(sortBy)) throw invalid('sortBy', sortBy, sortFields.map(quote).join(', '));
    params.push(['sortBy', sortBy]);
  }
  if (sortOrder !== undefined) {
    if (!sortOrders.includes(sortOrder)) throw invalid('sortOrder', sortOrder, '"asc" or "desc"');
    params.push(['sortOrder', sortOrder]);
  }
  if (params.length === 0) return '';
  return `?${params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

function checkString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(name, value, 'a string');
  try {
    encodeURIComponent(value);
  } catch {
    // A lone surrogate (half of an emoji, say) has no UTF-8 encoding: the URL could not carry it.
    throw invalid(name, value, 'well-formed text');
  }
  return value;
}

function invalid(name: string, value: unknown, expected: string): ApiVideoError {
  return new ApiVideoError('bad-request', `Invalid listVideos ${name} ${show(value)}: expected ${expected}.`);
}

const quote = (value: unknown) => JSON.stringify(value);

/** A value as a message shows it: never a whole object (or a function's source). */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}
