// The chaos soak of `chaos.browser.test.ts`, in Firefox or WebKit: the same seeded scenarios and invariants,
// for the engines and flavours of the plan it is given. The Node test (`chaos.page.test.ts`) asserts.
import { createEmulatorControl } from '@private-video/emulator/control';
import videojs from 'video.js';
import { postProgress, postReport } from '../../../../scripts/vitest/reportingPage';
import { type ChaosPlan, chaosScenarios, describeScenario } from '../chaos/chaosScenario.js';
import { checkInvariants, reportRun } from '../chaos/checkInvariants.js';
import { runChaosScenario } from '../chaos/runChaosScenario.js';
import type { ChaosReport } from './chaosReport.js';

const query = new URLSearchParams(location.search);
const emulatorUrl = query.get('emulator') ?? '';
const plan = JSON.parse(query.get('plan') ?? '{}') as ChaosPlan;

// As `shortVhsBuffers` does for the Chromium soak: requests keep coming, so faults are met mid-play.
Object.assign((videojs as unknown as { Vhs: object }).Vhs, {
  GOAL_BUFFER_LENGTH: 2,
  MAX_GOAL_BUFFER_LENGTH: 2,
});

const environment = {
  control: createEmulatorControl(emulatorUrl),
  emulatorUrl,
  createVideo: () => {
    const video = document.createElement('video');
    video.muted = true;
    video.poster = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.body.append(video);
    return video;
  },
};

const results: ChaosReport['results'] = [];
for (const scenario of chaosScenarios(plan)) {
  const name = describeScenario(scenario);
  await postProgress(name);
  try {
    const run = await runChaosScenario(scenario, environment);
    results.push({ name, problems: checkInvariants(run), report: reportRun(run) });
  } catch (error) {
    results.push({ name, problems: [`the scenario threw: ${error}`], report: name });
  }
}
await postReport({ userAgent: navigator.userAgent, results } satisfies ChaosReport);
