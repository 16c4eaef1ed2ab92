/** One fenced ```ts / ```tsx block of a README, with what its annotation comment says. */
export interface Snippet {
  readme: string;
  /** 1-based line of the block's first code line (the line after the opening fence). */
  line: number;
  lang: 'ts' | 'tsx';
  code: string;
  /** Hidden declarations the block needs (`<!-- snippet-preamble: … -->`), checked before it. */
  preamble: string;
  /** Why the block is not checked (`<!-- snippet: skip (reason) -->`), if it is not. */
  skip: string | undefined;
}

const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const preambleComment = /^<!--\s*snippet-preamble:([\s\S]*?)-->$/;
const skipComment = /^<!--\s*snippet:\s*skip\b([\s\S]*?)-->$/;

/**
 * The ts/tsx blocks of a Markdown file. An annotation is an HTML comment (invisible once rendered) on the
 * lines right before the block's fence; it may span several lines.
 */
export function extractSnippets(markdown: string, readme: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, indent = '', marker = '', info = ''] = open;
    // The closing fence: the same character, at least as long (CommonMark); unclosed runs to the end.
    let end = i + 1;
    while (end < lines.length && !isClosingFence(lines[end] ?? '', marker)) end++;
    if (info === 'ts' || info === 'tsx') {
      const code = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
        .join('\n');
      const comment = commentBefore(lines, i);
      const skip = skipComment.exec(comment);
      snippets.push({
        readme,
        line: i + 2,
        lang: info,
        code,
        preamble: preambleComment.exec(comment)?.[1]?.trim() ?? '',
        skip: skip === null ? undefined : skip[1]?.trim().replace(/^\((.*)\)$/, '$1') || 'no reason given',
      });
    }
    i = end;
  }
  return snippets;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(marker) && /^([`~])\1*$/.test(trimmed) && trimmed[0] === marker[0];
}

/** The HTML comment whose last line is the last non-blank line before `index`, or ''. */
function commentBefore(lines: string[], index: number): string {
  let last = index - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last--;
  if (last < 0 || !(lines[last] ?? '').trimEnd().endsWith('-->')) return '';
  let first = last;
  while (first > 0 && !(lines[first] ?? '').includes('<!--')) first--;
  return lines
    .slice(first, last + 1)
    .join('\n')
    .trim();
}
