import type { Frame } from 'playwright-core';

/**
 * Changes the open story's args the way the Controls panel does (Storybook's `updateStoryArgs` on the
 * preview's channel), so a check can switch engine or fault without the manager UI. Storybook's URL args
 * cannot do it: they drop values such as `video.js` as unsafe.
 */
export async function updateArgs(frame: Frame, updatedArgs: Record<string, unknown>): Promise<void> {
  const storyId = new URL(frame.url()).searchParams.get('id');
  if (!storyId) throw new Error(`no story id in ${frame.url()}`);
  await frame.evaluate(
    ([id, args]) => {
      const channel = (window as { __STORYBOOK_ADDONS_CHANNEL__?: { emit(...args: unknown[]): void } })
        .__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel) throw new Error('no Storybook channel in this frame');
      channel.emit('updateStoryArgs', { storyId: id, updatedArgs: args });
    },
    [storyId, updatedArgs] as const,
  );
  // The story re-renders with the new args: its tags name the engine and fault in use.
  for (const value of Object.values(updatedArgs))
    if (typeof value === 'string') await frame.locator('.pv-tags li', { hasText: value }).waitFor();
}
