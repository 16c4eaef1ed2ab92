import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/react-vite',
    // Explicit, so the builder finds the demo's Vite config whatever directory Storybook is started from.
    options: { builder: { viteConfigPath: fileURLToPath(new URL('../vite.config.ts', import.meta.url)) } },
  },
  stories: ['../src/stories/*.stories.tsx'],
  // Controls, actions and backgrounds are built into Storybook 10's core: no addon to install.
  addons: [],
  // No story logs actions or has a play function: their panels would only ever be empty tabs. Nor is the
  // dev server's "Get started" checklist (write stories, publish…) for someone trying the demo.
  features: {
    actions: false,
    interactions: false,
    sidebarOnboardingChecklist: false,
    menuOnboardingChecklist: false,
  },
  // The demo runs offline: no telemetry, no "what's new" fetch from storybook.js.org.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
};

export default config;
