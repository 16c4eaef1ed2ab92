import { addons } from 'storybook/manager-api';
import { create } from 'storybook/theming';

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
    textColor: '#e6e9ef',
    textMutedColor: '#8b93a7',
    fontCode: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  }),
  // Under `layout`: Storybook 10 logs a deprecation warning on every load for the top-level keys.
  layout: { panelPosition: 'bottom', showToolbar: true },
});
