/** What the chaos page reports: each scenario's broken invariants, and its run to read if any. */
export interface ChaosReport {
  userAgent: string;
  results: Array<{ name: string; problems: string[]; report: string }>;
}
