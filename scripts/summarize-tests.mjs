// Prints the closing lines CI reads ("tests: N passed, N failed"), from vitest's JSON reports: the full run's,
// and those of runs of selected cases (`--selection <report>`: core:floor), whose passes and failures count
// too. The tests a selection leaves out are not counted as skipped: they ran in the full run. A file that
// failed outside its tests (a hook, an import) fails no test, and leaves its tests skipped: it is named, with
// why, last (where a log's tail shows it).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const failedFiles = [];
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  const selection = args[index] === '--selection';
  const report = JSON.parse(readFileSync(args[selection ? ++index : index], 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!selection) skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    if (file.status !== 'failed' || file.assertionResults.some((test) => test.status === 'failed')) continue;
    failedFiles.push(`${relative(process.cwd(), file.name)}: ${(file.message ?? '').split('\n')[0]}`);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedFiles.length > 0) console.log(`files failed outside their tests: ${failedFiles.length}`);
for (const file of failedFiles) console.log(`  ${file}`);
