/** A URL with its `avh` parameter highlighted, so a signed URL reads as signed at a glance. */
export function SignedUrl({ url }: { url: string | undefined }) {
  if (url === undefined) return <code>…</code>;
  const [before, after] = url.split(/(?=[?&]avh=)/);
  if (after === undefined) return <code>{url}</code>;
  const end = after.indexOf('&', 1);
  const avh = end === -1 ? after : after.slice(0, end);
  return (
    <code>
      {before}
      <mark>{avh}</mark>
      {end === -1 ? '' : after.slice(end)}
    </code>
  );
}
