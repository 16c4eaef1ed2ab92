import type { Frame } from 'playwright-core';

/**
 * Changes the open story's args the way the Controls panel does (Storybook's `updateStoryArgs` on the
 * preview's channel), so a check can switch engine or fault on the mounted story, without the manager UI
 * (URL args would load the story again: a new mount, a new token). Values are the controls' own: the
 * engine's key (`videojs`), which the argType's `mapping` turns into the engine's name. Resolves once the
 * story's tags show each of `shown` (the engine's name, the fault…).
 */
export async function updateArgs(
  frame: Frame,
  updatedArgs: Record<string, unknown>,
  shown: readonly string[],
): Promise<void> {
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
  for (const tag of shown) await frame.locator('.pv-tags li', { hasText: tag }).waitFor();
}
