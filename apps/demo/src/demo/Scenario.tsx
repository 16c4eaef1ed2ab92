import { type ReactNode, useEffect, useRef } from 'react';
import { RequestLog } from '../log/RequestLog';
import { control, emulatorUrl } from './emulator';
import { useKeyboardScroll } from './useKeyboardScroll';
import { type ScenarioTools, useScenarioStart } from './useScenarioStart';

export interface ScenarioProps<T> {
  title: string;
  /** One or two sentences: what this scenario shows. */
  summary: ReactNode;
  /** The videos whose requests the log shows. */
  videoIds: readonly string[];
  /** Emulator response delay (the story's `latency` control). */
  latency: number;
  /** Small labels next to the title, e.g. the engine in use. */
  tags?: readonly string[] | undefined;
  /** Mints tokens, injects faults…; its result is handed to `children`. */
  setup: (tools: ScenarioTools) => Promise<T>;
  children: (data: T) => ReactNode;
  /** "What to look for", under the stage. */
  notes?: ReactNode;
}

/** The frame of every story: title, the live scenario, and beside it the emulator's request log. */
export function Scenario<T>({
  title,
  summary,
  videoIds,
  latency,
  tags,
  setup,
  children,
  notes,
}: ScenarioProps<T>) {
  const start = useScenarioStart(setup);
  const stage = useRef<HTMLElement>(null);
  useKeyboardScroll(stage);

  // Latency is emulator-wide: every story sets its own, so none inherits the previous story's.
  useEffect(() => {
    control.setLatency(latency).catch(() => {});
  }, [latency]);

  return (
    <div className="pv-scenario" data-scenario-status={start.status}>
      <header className="pv-scenario__header">
        <div>
          <h1>{title}</h1>
          <p>{summary}</p>
        </div>
        <ul className="pv-tags">
          {tags?.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
          <li className={latency > 0 ? 'pv-tag--warn' : undefined}>latency {latency} ms</li>
        </ul>
      </header>
      <div className="pv-scenario__body">
        <main className="pv-stage" ref={stage}>
          {start.status === 'starting' && (
            <div className="pv-stage__placeholder">Minting private tokens…</div>
          )}
          {start.status === 'failed' && (
            <div className="pv-stage__placeholder pv-stage__placeholder--error" role="alert">
              <strong>The emulator did not answer at {emulatorUrl}.</strong>
              <span>{start.error.message}</span>
              {/* True whether the demo was started without its emulator or the emulator is restarting. */}
              <span>
                The stories need it running with <code>--control</code> (<code>npm run demo</code> starts
                both). Once it answers, remount the story (⟳ in the toolbar) or reload the page.
              </span>
            </div>
          )}
          {start.status === 'ready' && children(start.data)}
          {notes && <aside className="pv-notes">{notes}</aside>}
        </main>
        {start.status === 'ready' ? (
          <RequestLog videoIds={videoIds} since={start.since} startedAt={start.startedAt} />
        ) : (
          <section className="pv-log" aria-label="Emulator request log" />
        )}
      </div>
    </div>
  );
}
