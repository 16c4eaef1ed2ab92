// Prints the closing line CI reads ("tests: N passed, N failed"), from vitest's JSON reports: the full run's,
// and those of runs of selected cases (`--selection <report>`: core:floor), whose passes and failures count
// too. The tests a selection leaves out are not counted as skipped: they ran in the full run.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  const selection = args[index] === '--selection';
  const report = JSON.parse(readFileSync(args[selection ? ++index : index], 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!selection) skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
