import { cpus, loadavg, totalmem } from 'node:os';
import type { Browser } from 'playwright-core';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string;
  platform: string;
  /** 1-minute load average when the report was written: other jobs on the machine add noise to timings. */
  loadAverage: number;
}

/** The machine the numbers come from: they only compare within one machine and run. */
export function machineInfo(browser: Browser): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: browser.version(),
    platform: `${process.platform} ${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}
