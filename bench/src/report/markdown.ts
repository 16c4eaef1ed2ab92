/**
 * A GitHub-flavoured markdown table, so the printed report pastes into the README as is; empty (and
 * so left out of the report) when the scenario was not run.
 */
export function table(headers: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '';
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Milliseconds, rounded; "n/a" when not measured (NaN), never a made-up number. */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a';
}

export function seconds(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} s` : 'n/a';
}

/** Decimal kilobytes (1 kB = 1000 B), as size-limit prints them. */
export function kb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(2)} kB` : 'n/a';
}

export function verdict(ok: boolean): string {
  return ok ? '✅' : '❌';
}
