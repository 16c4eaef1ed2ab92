import { addons } from 'storybook/manager-api';
import { create } from 'storybook/theming';
import { outlineHighlightedStory } from './outlineHighlightedStory';

addons.setConfig({
  theme: create({
    base: 'dark',
    brandTitle: 'private-video · live scenarios',
    colorPrimary: '#8b7bff',
    colorSecondary: '#8b7bff',
    appBg: '#0b0d12',
    appContentBg: '#0f1218',
    appPreviewBg: '#0f1218',
    appBorderColor: '#222836',
    barBg: '#11141b',
    // Storybook draws unselected labels (the boolean control's "False" / "True") in this colour at 50%
    // opacity: #e6e9ef gave 4.48:1 there, under AA's 4.5:1. These two keep them above it.
    textColor: '#f4f6fa',
    booleanBg: '#0b0d12',
    textMutedColor: '#8b93a7',
    fontCode: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  }),
  // Under `layout`: Storybook 10 logs a deprecation warning on every load for the top-level keys.
  layout: { panelPosition: 'bottom', showToolbar: true },
});

outlineHighlightedStory();
