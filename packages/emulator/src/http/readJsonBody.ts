import type { IncomingMessage } from 'node:http';

const LIMIT = 64 * 1024;

/** The request body parsed as JSON; undefined when empty; throws `BadRequestError` when invalid or too big. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) throw new BadRequestError('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('body is not valid JSON');
  }
}

export class BadRequestError extends Error {
  override name = 'BadRequestError';
}
