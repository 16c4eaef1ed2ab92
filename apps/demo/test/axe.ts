import axe from 'axe-core';
import type { Frame } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: as `packages/react`'s audit. */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A rule that some markup, not the demo's own, is known to break: its nodes are left out of the result. */
export interface Waiver {
  rule: string;
  /** The elements waived, as narrow as the markup allows. */
  selector: string;
  why: string;
}

/** Storybook's own markup around the stories, which the demo cannot change (Storybook 10.6). */
export const storybookWaivers: readonly Waiver[] = [
  {
    rule: 'label-content-name-mismatch',
    selector: '#storybook-explorer-tree [data-action="collapse-root"]',
    why: 'the sidebar group buttons show "Players", "Thumbnails"… but are named "Collapse" / "Expand"',
  },
  {
    rule: 'region',
    selector:
      '[role="separator"][aria-label="Sidebar resize handle"], [role="separator"][aria-label="Addon panel resize handle"]',
    why: 'the resize handles of the sidebar and the panel sit between Storybook’s landmarks',
  },
];

/**
 * What axe finds wrong in `frame`'s document, but for `waivers`: one line per rule, with the elements and
 * why. A frame inside it is not entered: audit it on its own.
 */
export async function violations(frame: Frame, waivers: readonly Waiver[] = []): Promise<string[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ content: axe.source });
  return frame.evaluate(
    async ({ tags, waivers }) => {
      const { axe } = window as unknown as { axe: typeof import('axe-core') };
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        // Not into frames: the story's iframe has no axe of its own to answer, and is audited apart.
        iframes: false,
        elementRef: true,
      });
      return results.violations.flatMap(({ id, nodes }) => {
        const waived = (element: Element) =>
          waivers.some((waiver) => waiver.rule === id && element.matches(waiver.selector));
        const left = nodes.filter((node) => !waived(node.element as Element));
        if (left.length === 0) return [];
        return [
          `${id}: ${left.map((node) => `${node.target.join(' ')} (${node.failureSummary})`).join('; ')}`,
        ];
      });
    },
    { tags, waivers },
  );
}
