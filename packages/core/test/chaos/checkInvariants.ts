import type { LogEntry } from '@private-video/emulator/control';
import { reachableStrings } from '@private-video/test-utils/reachableStrings';
import { PrivateVideoError, type PrivateVideoErrorCode } from '../../src/errors/PrivateVideoError.js';
import { describeScenario } from './chaosScenario.js';
import { type ChaosRun, outcomeTimeout } from './runChaosScenario.js';

/** The codes the README documents; `aborted` and `invalid-source` cannot come from a playback nobody stopped. */
const playbackCodes: ReadonlySet<PrivateVideoErrorCode> = new Set<PrivateVideoErrorCode>([
  'token-used',
  'forbidden',
  'network',
  'server',
  'malformed-response',
  'session-expired',
  'renewal-failed',
  'unsupported',
  'media',
]);

const brief = (entry: LogEntry) =>
  `#${entry.seq} ${entry.kind} ${entry.path.replace(/\/token\/[^/]+/, '/token/…')} ${entry.status} ${entry.rule}${entry.avh ? '' : ' (no avh)'}`;

/** What went wrong, by invariant number: nothing, whatever the faults. */
export function checkInvariants(result: ChaosRun): string[] {
  const { scenario, outcome, log, errors } = result;
  const problems: string[] = [];

  // 1. No delivery request without avh: every one but /session carries the session.
  const unsigned = log.filter((entry) => entry.kind !== 'session' && !entry.avh);
  if (unsigned.length) problems.push(`1. requests without avh: ${unsigned.map(brief).join(' | ')}`);

  // 2. At most one /session per private token: a token is retried only after no answer, a 429 or a 5xx,
  // never once it was spent (opened a session, or found used) or refused with 403/404.
  const byToken = new Map<string, LogEntry[]>();
  for (const entry of log.filter((e) => e.kind === 'session')) {
    const token = entry.privateToken ?? '?';
    byToken.set(token, [...(byToken.get(token) ?? []), entry]);
    if (!result.minted.has(token)) problems.push(`2. /session with a token nobody minted: ${brief(entry)}`);
  }
  for (const entries of byToken.values()) {
    entries.sort((a, b) => a.seq - b.seq);
    const finalIndex = entries.findIndex(
      (entry) =>
        entry.rule === 'session-opened' ||
        entry.rule === 'token-used' ||
        entry.status === 403 ||
        entry.status === 404,
    );
    if (finalIndex !== -1 && finalIndex < entries.length - 1) {
      problems.push(`2. /session retried with a spent or refused token: ${entries.map(brief).join(' | ')}`);
    }
    if (entries.length > 3) problems.push(`2. more than 1 + 2 retries: ${entries.map(brief).join(' | ')}`);
  }
  // Sessions with a short life (`sessionTtl`) are renewed at half of it, or once each dies: one more per half
  // life the run took, by design. A loop renews far faster.
  const opened = log.filter((entry) => entry.rule === 'session-opened').length;
  const { sessionTtl } = scenario;
  const renewalsByDesign = sessionTtl ? Math.floor(result.elapsed / (sessionTtl * 500)) : 0;
  if (opened > 5 + renewalsByDesign) {
    problems.push(`2. ${opened} sessions opened in ${result.elapsed} ms: a renewal loop`);
  }

  // 3. Exactly one outcome: played on, or one final typed error with a documented code; never stuck.
  const finalState = result.states.at(-1)?.state;
  if (outcome.kind === 'stuck') {
    problems.push(
      `3. stuck: no outcome within ${outcomeTimeout(scenario)} ms, state "${outcome.state}" since ${outcome.since} ms ` +
        `(states ${result.states.map((s) => `${s.state}@${s.at}`).join(' → ')})`,
    );
  } else if (outcome.kind === 'playing') {
    if (errors.length) problems.push(`3. played past ${scenario.target} s, and failed too: ${errors}`);
    if (finalState !== 'playing' && finalState !== 'fallback')
      problems.push(`3. played past ${scenario.target} s in state "${finalState}"`);
  } else {
    const { error } = outcome;
    if (!(error instanceof PrivateVideoError)) problems.push(`3. untyped error: ${String(error)}`);
    else if (!playbackCodes.has(error.code))
      problems.push(`3. unexpected code "${error.code}": ${error.message}`);
    if (errors.length !== 1) problems.push(`3. ${errors.length} errors: ${errors.join(' | ')}`);
    if (finalState !== 'error') problems.push(`3. an error in state "${finalState}"`);
    // The README: the session token never appears in an error.
    const leaks = reachableStrings(error).filter(
      (text) => text.includes('avh=') || [...result.sessionTokens].some((token) => text.includes(token)),
    );
    if (leaks.length) problems.push(`3. the error holds a session token: ${leaks.join(' | ')}`);
  }

  // 4. Nothing thrown into the page.
  if (result.pageErrors.length) {
    problems.push(`4. uncaught in the page: ${result.pageErrors.map((e) => String(e)).join(' | ')}`);
  }

  // 5. Silence once destroyed.
  if (result.arrivedAfterDestroy !== 0) {
    problems.push(
      `5. ${result.arrivedAfterDestroy} request(s) arrived after destroy(); logged since: ` +
        `${result.loggedAfterDestroy.map(brief).join(' | ')}`,
    );
  }
  return problems;
}

/** The scenario, its outcome, states and log: what to read when an invariant fails. */
export function reportRun(result: ChaosRun): string {
  const outcome =
    result.outcome.kind === 'error'
      ? `error ${(result.outcome.error as PrivateVideoError).code}: ${(result.outcome.error as Error).message}`
      : result.outcome.kind;
  return [
    describeScenario(result.scenario),
    `outcome: ${outcome}, after ${result.elapsed} ms`,
    `states: ${result.states.map((s) => `${s.state}@${s.at}`).join(' → ')}`,
    `log: ${result.log.map(brief).join('\n     ')}`,
  ].join('\n');
}
