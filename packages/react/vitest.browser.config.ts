import { defineProject } from 'vitest/config';
import { browserProject } from '../../scripts/vitest/projects';
import { serverCommands } from './test/serverCommands';

export default defineProject(
  browserProject({
    name: 'react',
    globalSetup: ['./test/globalSetup.ts'],
    optimizeDeps: ['react', 'react-dom', 'react-dom/client', 'react-dom/server', 'hls.js', 'video.js'],
    commands: serverCommands,
  }),
);
