import type { MachineInfo } from './machine';
import type { CoverageResult } from './scenarios/coverage';
import type { FallbackResult } from './scenarios/fallback';
import type { SessionsResult } from './scenarios/sessions';
import type { StartupResult } from './scenarios/startup';
import type { BreakdownRow } from './sizes/measureCoreBreakdown';
import type { FloorResult } from './sizes/measureCoreFloor';
import type { SizeResult } from './sizes/measureSizes';
import type { BudgetResult } from './sizes/runSizeLimit';

/** Everything one run measured: written to `results/latest.json`, rendered to `results/latest.md`. */
export interface BenchResults {
  generatedAt: string;
  machine: MachineInfo;
  settings: {
    startupRounds: number;
    startupLatencyMs: number;
    fallbackRounds: number;
    fallbackLatencyMs: number;
  };
  sessions: SessionsResult[];
  coverage: CoverageResult[];
  startup: StartupResult[];
  fallback: FallbackResult[];
  sizes: SizeResult[];
  budgets: BudgetResult[];
  coreFloor: FloorResult[];
  coreBreakdown: BreakdownRow[];
  durationSeconds: number;
}
