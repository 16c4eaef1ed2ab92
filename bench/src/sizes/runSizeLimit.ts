import { spawnSync } from 'node:child_process';
import { benchRoot } from '../paths';

export interface BudgetResult {
  name: string;
  /** Bytes, minified + gzip. */
  size: number;
  /** Bytes; absent for checks without a budget. */
  limit?: number;
  passed: boolean;
}

/** Runs the CI budget check (`size-limit --json`) so the report shows exactly what CI enforces. */
export function runSizeLimit(): BudgetResult[] {
  const run = spawnSync(`${benchRoot}node_modules/.bin/size-limit`, ['--json'], {
    cwd: benchRoot,
    encoding: 'utf8',
  });
  const start = run.stdout.indexOf('[');
  if (start < 0) throw new Error(`size-limit printed no JSON:\n${run.stdout}\n${run.stderr}`);
  const checks = JSON.parse(run.stdout.slice(start)) as {
    name: string;
    size: number;
    sizeLimit?: number;
    passed: boolean;
  }[];
  return checks.map(({ name, size, sizeLimit, passed }) => ({ name, size, limit: sizeLimit, passed }));
}
