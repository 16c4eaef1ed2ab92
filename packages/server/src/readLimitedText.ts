/** What `readLimitedText` answers for a body over its limit. */
export const tooLarge = Symbol('too large');

/**
 * The text of a request's body, read from a clone (so the request's own body stays readable), or
 * `tooLarge` as soon as it passes `limit` bytes: an anonymous caller must not make the server buffer as
 * much as it likes before `authorize` has even run.
 */
export async function readLimitedText(request: Request, limit: number): Promise<string | typeof tooLarge> {
  if (Number(request.headers.get('content-length')) > limit) return tooLarge;
  const body = request.clone().body;
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: a branch of a clone's tee settles its cancel only once the other branch cancels too.
      reader.cancel().catch(() => {});
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
