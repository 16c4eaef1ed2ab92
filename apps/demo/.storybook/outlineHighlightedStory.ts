/**
 * The sidebar's arrow keys move a highlight that Storybook draws as a 15% tint of `colorSecondary`,
 * about 1.2:1 against the sidebar here: a keyboard user cannot see which story Enter will open. The
 * highlighted item is only named by an attribute of the tree (`data-highlighted-item-id`), so CSS alone
 * cannot select it: this keeps a rule that outlines that item while the story list has the focus.
 */
export function outlineHighlightedStory(): void {
  const style = document.createElement('style');
  // A rule of its own rather than an attribute on the item: Storybook re-renders the sidebar's items.
  style.id = 'pv-highlighted-story';
  document.head.append(style);
  let outlined: string | null | undefined;
  const update = () => {
    const id = document.getElementById('storybook-explorer-tree')?.getAttribute('data-highlighted-item-id');
    if (id === outlined) return;
    outlined = id;
    style.textContent = id
      ? `#storybook-explorer-menu:focus-visible [data-item-id="${CSS.escape(id)}"] {
  outline: 2px solid #8b7bff;
  outline-offset: -2px;
}`
      : '';
  };
  // The tree is rendered (and re-rendered) by the manager's React: watch for it and its attribute.
  new MutationObserver(update).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-highlighted-item-id'],
  });
  update();
}
