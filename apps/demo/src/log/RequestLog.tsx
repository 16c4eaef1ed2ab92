import type { LogEntry } from '@private-video/emulator/control';
import { useEffect, useRef } from 'react';
import { useKeyboardScroll } from '../demo/useKeyboardScroll';
import { announcement, answered, type Signature, shortPath, signature, summarize } from './describeEntry';
import { useEmulatorLog } from './useEmulatorLog';

export interface RequestLogProps {
  videoIds: readonly string[];
  /** Only requests logged after this sequence number (the story's start). */
  since: number;
  /** Epoch ms of the story's start, so times read as "+1.2 s". */
  startedAt: number;
}

/** The emulator's live log for one story: every request, its kind, whether it carried `avh`, its status. */
export function RequestLog({ videoIds, since, startedAt }: RequestLogProps) {
  const { entries, error } = useEmulatorLog(videoIds, since);
  const summary = summarize(entries);
  const body = useRef<HTMLElement>(null);
  const following = useRef(true);
  useKeyboardScroll(body);

  // Follow new requests, unless someone scrolled up to read older ones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a request arrives.
  useEffect(() => {
    const element = body.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [entries.length]);

  return (
    <section className="pv-log" aria-label="Emulator request log">
      <header className="pv-log__header">
        <h2>
          Requests{' '}
          <span
            className={error ? 'pv-live-dot pv-live-dot--off' : 'pv-live-dot'}
            data-live={!error}
            aria-hidden
          />{' '}
          <small>{error ? 'emulator unreachable, retrying' : 'live from the emulator'}</small>
        </h2>
        <dl className="pv-log__stats" data-testid="log-summary">
          <Stat label="requests" value={summary.total} />
          <Stat label="/session" value={summary.sessions} />
          <Stat
            label="signed"
            value={`${summary.signed}/${summary.privateAssets}`}
            tone={summary.signed === summary.privateAssets ? 'good' : 'bad'}
          />
          {summary.refused > 0 && <Stat label="refused" value={summary.refused} tone="warn" />}
          {summary.unanswered > 0 && <Stat label="no answer" value={summary.unanswered} tone="warn" />}
        </dl>
        <p className="pv-log__legend">
          <span className="pv-avh--signed">✓</span> signed: the session's <code>avh</code>, first characters ·{' '}
          <span className="pv-avh--expected-unsigned">✗</span> nothing to sign (<code>/session</code>, public)
          · <span className="pv-avh--unsigned">✗</span> a private asset without <code>avh</code>
          {/* Only when the log holds one: most stories never hang a request. */}
          {summary.unanswered > 0 && (
            <>
              {' '}
              · <span className="pv-status--none">—</span> no answer: a <code>hang</code> fault held the
              request until its client gave up
            </>
          )}
          . Hover a path or a status for more.
        </p>
        {/* Said once per change of what matters (sessions, refusals, requests never answered, unsigned
            requests), not per request:
            a stream makes dozens of requests a second, and the table itself is no live region. */}
        <p className="pv-sr-only" role="status" data-testid="log-announcement">
          {announcement(summary)}
        </p>
      </header>
      {error && (
        <p className="pv-log__error" role="alert">
          Emulator unreachable: {error.message}
        </p>
      )}
      {/* A region of its own: named, so its Tab stop (while it scrolls) says what it holds. */}
      <section
        className="pv-log__body"
        ref={body}
        aria-label="Requests, oldest first"
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
      >
        <table>
          <thead>
            <tr>
              <th>time</th>
              <th>kind</th>
              <th>path</th>
              <th>avh</th>
              <th>status</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <Row key={entry.seq} entry={entry} startedAt={startedAt} />
            ))}
          </tbody>
        </table>
        {entries.length === 0 && <p className="pv-log__empty">Waiting for the first request…</p>}
      </section>
    </section>
  );
}

/** What a screen reader says for the ✓ / ✗ of the avh column. */
const spoken: Record<Signature, string> = {
  signed: 'signed',
  'expected-unsigned': 'nothing to sign',
  unsigned: 'not signed',
};

function Row({ entry, startedAt }: { entry: LogEntry; startedAt: number }) {
  const signed = signature(entry);
  const avhTitle = {
    signed: `avh=${entry.query.avh}`,
    'expected-unsigned':
      entry.kind === 'session'
        ? 'The /session request spends the private token: it is what creates the avh.'
        : 'Public video: no session, no avh.',
    unsigned: 'A private asset requested without avh: the delivery refuses it.',
  }[signed];
  const query = new URLSearchParams(entry.query).toString();
  return (
    <tr data-seq={entry.seq} data-kind={entry.kind} data-avh={signed} data-status={entry.status}>
      <td className="pv-log__time">+{Math.max(0, (entry.time - startedAt) / 1000).toFixed(1)}s</td>
      <td>
        <span className={`pv-kind pv-kind--${entry.kind}`}>{entry.kind}</span>
      </td>
      <td className="pv-log__path" title={`${entry.method} ${entry.path}${query ? `?${query}` : ''}`}>
        {shortPath(entry.path)}
      </td>
      <td className={`pv-avh pv-avh--${signed}`} title={avhTitle}>
        <span aria-hidden>{signed === 'signed' ? '✓' : '✗'}</span>
        <span className="pv-sr-only">{spoken[signed]}</span>
        {entry.query.avh && <code>{entry.query.avh.slice(0, 5)}</code>}
      </td>
      {answered(entry) ? (
        <td
          className={`pv-status pv-status--${Math.floor(entry.status / 100)}xx`}
          title={`rule: ${entry.rule}`}
        >
          {entry.status}
        </td>
      ) : (
        // Status 0 is no HTTP status: nothing was sent. Shown as a dash, said as "no answer".
        <td className="pv-status pv-status--none" title={noAnswerTitle(entry)}>
          <span aria-hidden>—</span>
          <span className="pv-sr-only">no answer</span>
        </td>
      )}
    </tr>
  );
}

/** The tooltip of a request the emulator never answered. */
function noAnswerTitle(entry: LogEntry): string {
  return (
    `rule: ${entry.rule}. No answer: a hang fault held the request until its client gave up. Logged when ` +
    'the connection closed, so after requests that came later; its time is when it closed.'
  );
}

function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: number | string;
  tone?: 'good' | 'bad' | 'warn';
}) {
  return (
    <div className={tone ? `pv-stat pv-stat--${tone}` : 'pv-stat'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
