import type { Reporter, TestModule } from 'vitest/node';

/**
 * Lists the tests that passed only when tried again (real-browser tests get one retry: see `projects.ts`),
 * with what failed first, so a flake is seen and can be fixed rather than hidden by the retry.
 */
export default class FlakyReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const flaky = testModules.flatMap((module) =>
      [...module.children.allTests()].filter((test) => test.diagnostic()?.flaky),
    );
    console.log(`flaky: ${flaky.length} test(s) passed only when tried again`);
    for (const test of flaky) {
      const [first] = test.result().errors ?? [];
      console.log(`  ${test.project.name} › ${test.module.relativeModuleId} › ${test.fullName}`);
      // Whole, up to a screenful: a page's failure says where it stood on the lines after its first.
      if (first) console.log(`    first try: ${first.message.split('\n').slice(0, 40).join('\n      ')}`);
    }
  }
}
