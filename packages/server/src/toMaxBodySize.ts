/**
 * A `maxBodySize` option: as given when it is a number from 0 up, else the default 16 KiB. `NaN` (an unset
 * environment variable) would otherwise be no limit at all, on a body anyone may send before `authorize` runs.
 */
export function toMaxBodySize(maxBodySize: number | undefined): number {
  return maxBodySize !== undefined && maxBodySize >= 0 ? maxBodySize : 16 * 1024;
}
