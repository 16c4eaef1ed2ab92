import type { BenchResults } from '../results';
import type { FallbackRun } from '../scenarios/fallback';
import type { SizeResult } from '../sizes/measureSizes';
import { median } from '../stats';
import type { UnsignedRequests } from '../unsignedRequests';
import { kb, ms, seconds, table, verdict } from './markdown';

/** The whole report as markdown: printed, saved as `results/latest.md`, pasted into the README. */
export function formatReport(results: BenchResults): string {
  const { machine, settings } = results;
  return [
    `Measured ${results.generatedAt.slice(0, 10)} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ` +
      `Node ${machine.node}, Chromium ${machine.chromium} (headless), ${machine.platform}; ` +
      `run took ${Math.round(results.durationSeconds)} s, load average ${machine.loadAverage} at the end.`,
    '### Sessions per page (React development build, StrictMode)',
    table(
      [
        'page',
        'private tokens',
        '`/session` requests',
        'expected',
        'thumbnail requests (thumbnails)',
        'asset requests',
        'without `avh` (emulator / browser)',
        'ok',
      ],
      results.sessions.map((row) => [
        row.name,
        row.tokens,
        row.sessionRequests,
        row.expected,
        `${row.thumbnailRequests} (${row.thumbnails})`,
        row.assetRequests,
        `${row.unsigned} / ${row.unsignedSeenByBrowser.length}`,
        verdict(row.ok),
      ]),
    ),
    '### Signing coverage (asset requests without `avh`)',
    table(
      [
        'engine',
        'video',
        'asset requests',
        'without `avh` (emulator / browser)',
        'off the token path',
        'refused',
        'requests by kind',
        'kinds missing',
        'ok',
      ],
      results.coverage.map((row) => [
        row.engine,
        `${row.videoId} (${row.flavour})`,
        row.assetRequests,
        `${row.unsigned} / ${row.unsignedSeenByBrowser.length}`,
        row.offTokenPath,
        row.refused,
        Object.entries(row.kinds)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(', '),
        row.missingKinds.join(', ') || '–',
        verdict(row.ok),
      ]),
    ),
    `### Startup: time to first frame (hls.js, ${settings.startupLatencyMs} ms added to every response, median of ${settings.startupRounds} runs; each private run next to its public pair, which goes first alternating)`,
    table(
      [
        'player',
        'from mount (median)',
        'runs with a first frame',
        'min – max',
        'from navigation (median)',
        'mount → manifest request (median)',
        '`/session` requests by the page',
      ],
      results.startup.map((row) => [
        row.name,
        ms(row.medianFromMount),
        `${row.samples} of ${row.runs.length}`,
        `${ms(row.minFromMount)} – ${ms(row.maxFromMount)}`,
        ms(row.medianFromNavigation),
        ms(row.medianToManifestRequest),
        row.runs.map((run) => run.pageSessionRequests).join(', '),
      ]),
    ),
    startupRatio(results),
    `### HLS → mp4 fallback (${settings.fallbackLatencyMs} ms latency, median of ${settings.fallbackRounds} runs)`,
    table(
      [
        'engine',
        'HLS failure (HTTP 500)',
        'first failed response → mp4 playing',
        'video stopped → mp4 playing',
        'fallback event → mp4 playing',
        'position error vs. the viewer’s last frame',
        'vs. the event’s `position`',
        'fallback position',
        'mount → fallback event',
        'mp4 requests without `avh` (❌: one, or no mp4 request)',
      ],
      results.fallback.map((row) => [
        row.engine,
        row.name,
        ms(row.medianFailureToPlaying),
        ms(row.medianStalled),
        ms(row.medianToPlaying),
        seconds(row.medianPositionErrorVsViewer, 3),
        seconds(row.medianPositionError, 3),
        row.runs.map((run) => seconds(run.position, 1)).join(', '),
        ms(row.medianDetection),
        row.runs.map(mp4Cell).join(', '),
      ]),
    ),
    '### Bundle sizes (esbuild, minified ESM, gzip -9; React and ReactDOM excluded where noted)',
    sizesTable(results.sizes),
    '### Size budgets (size-limit, one file per check, enforced by `test:size`)',
    table(
      ['check', 'size (gzip)', 'budget', 'ok'],
      results.budgets.map((row) => [
        row.name,
        kb(row.size),
        row.limit ? kb(row.limit) : '–',
        verdict(row.passed),
      ]),
    ),
    "### Core's floor (the core budget's file with parts taken out: not shippable, it shows what each costs; size-limit counts 32 B less, an empty bundle's)",
    table(
      ['variant', 'gzip'],
      results.coreFloor.map((row) => [row.variant, kb(row.gzip)]),
    ),
    "### Where core's bytes go (the core budget's file, minified before gzip, by source file)",
    table(['file', 'minified', 'share'], breakdownRows(results)),
    failures(results),
  ]
    .filter(
      (block, index, blocks) =>
        block && !(block.startsWith('### ') && !block.includes('\n') && !blocks[index + 1]),
    )
    .join('\n\n');
}

/** Each private row against the public row that starts the same way: the session's own cost. */
const startupPairs = [
  ['cold page', 'private (viPrivateTs)', 'public, same media (viPublicTs)'],
  [
    'after a thumbnail',
    'private, session opened by a thumbnail',
    'public, mounted after its thumbnail loaded',
  ],
  ['engine already loaded', 'private, engine already loaded', 'public, engine already loaded'],
] as const;

function startupRatio(results: BenchResults): string {
  const row = (name: string) => results.startup.find((candidate) => candidate.name === name);
  const lines = startupPairs.flatMap(([label, privateName, publicName]) => {
    const privateRun = row(privateName);
    const publicRun = row(publicName);
    if (!privateRun || !publicRun) return [];
    const ratio = privateRun.medianFromMount / publicRun.medianFromMount;
    // Round i's private and public runs ran one after the other (which first alternating by round, see
    // `roundOrder`): their ratio cancels the machine's drift, and the order's effect cancels over the rounds.
    const paired = privateRun.runs
      .map((run, i) => run.fromMount / (publicRun.runs[i]?.fromMount ?? Number.NaN))
      .filter((value) => Number.isFinite(value))
      .sort((a, b) => a - b);
    const quartile = (q: number) => paired[Math.min(paired.length - 1, Math.floor(q * paired.length))];
    const spread =
      paired.length >= 4
        ? `; paired by round: median ${median(paired).toFixed(2)}×, middle half ${quartile(0.25)!.toFixed(2)}–${quartile(0.75)!.toFixed(2)}× (${paired.length} pairs)`
        : '';
    return [`- ${label}: **${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'}×**${spread}`];
  });
  return lines.length > 0 ? `Private ÷ public (from mount, medians):\n\n${lines.join('\n')}` : '';
}

/**
 * The sizes, side by side with the peers; a row's `note` (what it leaves out) goes under the table, its mark on
 * the row, so the number is never read without it.
 */
function sizesTable(sizes: readonly SizeResult[]): string {
  const notes: string[] = [];
  const nameWithMark = (row: SizeResult) => {
    if (!row.note) return row.name;
    notes.push(row.note);
    return `${row.name} ${footnoteMark(notes.length)}`;
  };
  const rows = sizes.map((row) => [
    row.library,
    nameWithMark(row),
    row.sizes
      ? `${kb(row.sizes.initial.min)} / **${kb(row.sizes.initial.gzip)}**`
      : `not measured: ${row.skipped}`,
    row.sizes?.lazy
      .map((chunk) => `${chunk.name} +${kb(chunk.gzip)} (= ${kb(row.sizes!.initial.gzip + chunk.gzip)})`)
      .join('; ') || '–',
  ]);
  const headers = [
    'library',
    'bundle',
    'loaded first (min / gzip)',
    'lazy chunks, gzip (= with what loads first)',
  ];
  const footnotes = notes.map((note, index) => `${footnoteMark(index + 1)} ${note}`);
  return [table(headers, rows), ...footnotes].join('\n\n');
}

/** ¹, ², …: marks that read the same in the terminal and in the README. */
function footnoteMark(index: number): string {
  return String(index).replace(/\d/g, (digit) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(digit)]!);
}

/** `unsigned of requests`, marked ❌ where the run's check failed (a run without any mp4 request fails too). */
function mp4Cell(run: FallbackRun): string {
  const cell = `${run.mp4Unsigned} of ${run.mp4Requests}`;
  return run.mp4SigningOk ? cell : `${cell} ${verdict(false)}`;
}

/** The ten largest files, then the rest as one row, then the total. */
function breakdownRows(results: BenchResults): string[][] {
  const rows = results.coreBreakdown;
  const total = rows.reduce((sum, row) => sum + row.min, 0);
  const share = (bytes: number) => `${Math.round((bytes / total) * 100)}%`;
  const shown = rows.slice(0, 10);
  const rest = rows.slice(10);
  const restBytes = rest.reduce((sum, row) => sum + row.min, 0);
  return [
    ...shown.map((row) => [`\`${row.file}\``, kb(row.min), share(row.min)]),
    ...(rest.length > 0 ? [[`${rest.length} other files`, kb(restBytes), share(restBytes)]] : []),
    ...(total > 0 ? [['**total**', `**${kb(total)}**`, '100%']] : []),
  ];
}

/** Timeouts and page errors, so a bad number is never shown without its reason. */
function failures(results: BenchResults): string {
  const lines: string[] = [];
  const note = (what: string, run: { timedOut: boolean; errors: string[] }) => {
    if (run.timedOut) lines.push(`- ${what}: timed out`);
    for (const error of run.errors) lines.push(`- ${what}: ${error}`);
  };
  const unsigned = (what: string, row: UnsignedRequests) => {
    for (const url of row.unsignedSeenByBrowser) lines.push(`- ${what}: sent without \`avh\`: ${url}`);
  };
  for (const row of results.sessions) {
    note(`sessions, ${row.name}`, row);
    unsigned(`sessions, ${row.name}`, row);
    if (row.thumbnailRequests < row.thumbnails) {
      lines.push(
        `- sessions, ${row.name}: ${row.thumbnailRequests} thumbnail request(s) for ${row.thumbnails} thumbnail(s)`,
      );
    }
  }
  for (const row of results.coverage) {
    note(`coverage, ${row.engine} ${row.videoId}`, row);
    unsigned(`coverage, ${row.engine} ${row.videoId}`, row);
  }
  for (const row of results.startup) {
    for (const [i, run] of row.runs.entries()) note(`${row.name}, run ${i + 1}`, run);
  }
  for (const row of results.fallback) {
    for (const [i, run] of row.runs.entries()) {
      const what = `${row.engine}, ${row.name}, run ${i + 1}`;
      note(what, run);
      if (run.mp4Requests === 0) lines.push(`- ${what}: no mp4 request, so none was checked for \`avh\``);
      if (run.mp4Unsigned > 0) {
        lines.push(`- ${what}: ${run.mp4Unsigned} of ${run.mp4Requests} mp4 requests without \`avh\``);
      }
    }
  }
  return lines.length ? `### Problems seen during the run\n\n${lines.join('\n')}` : '';
}
