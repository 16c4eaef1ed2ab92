import { deferred } from '@private-video/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type MountedTarget, mountTarget } from './mountTarget.js';

const video = { tagName: 'VIDEO' } as HTMLVideoElement;
const flush = () => new Promise((resolve) => setTimeout(resolve));

function mounted() {
  return { video, unmount: vi.fn() } satisfies MountedTarget;
}

/** What the page was told of (`reportError`), instead of an unhandled rejection. */
function stubReportError() {
  const reported: unknown[] = [];
  vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
  return reported;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('mountTarget', () => {
  it('starts with the target’s video in a microtask, and unmounts it on teardown', async () => {
    const element = mounted();
    const start = vi.fn();
    const stop = mountTarget({ mount: () => element }, start, vi.fn());
    // Not at once: StrictMode's first mount is torn down synchronously.
    expect(start).not.toHaveBeenCalled();
    await flush();
    expect(start).toHaveBeenCalledWith(video);
    stop();
    expect(element.unmount).toHaveBeenCalledTimes(1);
  });

  it('mounts nothing when torn down at once (StrictMode’s first mount)', async () => {
    const mount = vi.fn(mounted);
    mountTarget({ mount }, vi.fn(), vi.fn())();
    await flush();
    expect(mount).not.toHaveBeenCalled();
  });

  it('gives back an element that comes after the teardown, and starts nothing', async () => {
    const later = deferred<MountedTarget>();
    const start = vi.fn();
    const stop = mountTarget({ mount: () => later.promise }, start, vi.fn());
    await flush();
    stop();
    const element = mounted();
    later.resolve(element);
    await flush();
    expect(element.unmount).toHaveBeenCalledTimes(1);
    expect(start).not.toHaveBeenCalled();
  });

  it('fails as network when the target cannot mount, thrown or rejected', async () => {
    const rejected = vi.fn();
    const thrown = vi.fn();
    const offline = new Error('Failed to fetch dynamically imported module');
    mountTarget({ mount: () => Promise.reject(offline) }, vi.fn(), rejected);
    mountTarget(
      {
        mount: () => {
          throw new Error('no container');
        },
      },
      vi.fn(),
      thrown,
    );
    await flush();
    expect(rejected).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'network',
        message: 'The player could not start: Error: Failed to fetch dynamically imported module',
        cause: offline,
      }),
    );
    expect(thrown).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'network', message: expect.stringContaining('no container') }),
    );
  });

  it('fails as network when the target rejects with a value that has no text (the player shows its error)', async () => {
    const fail = vi.fn();
    const start = vi.fn();
    const thrown = Object.create(null) as unknown;
    mountTarget({ mount: () => Promise.reject(thrown) }, start, fail);
    await flush();
    expect(start).not.toHaveBeenCalled();
    expect(fail).toHaveBeenCalledWith(expect.objectContaining({ code: 'network', cause: thrown }));
  });

  it('does not fail once torn down', async () => {
    const later = deferred<MountedTarget>();
    const fail = vi.fn();
    const stop = mountTarget({ mount: () => later.promise }, vi.fn(), fail);
    await flush();
    stop();
    later.reject(new Error('offline'));
    await flush();
    expect(fail).not.toHaveBeenCalled();
  });

  it('reports what start or fail throws (the app’s callbacks) instead of rejecting unhandled', async () => {
    const reported = stubReportError();
    const bugs = [new Error('bug in onStateChange'), new Error('bug in onError')];
    const element = mounted();
    const stop = mountTarget(
      { mount: () => element },
      () => {
        throw bugs[0];
      },
      vi.fn(),
    );
    mountTarget({ mount: () => Promise.reject(new Error('offline')) }, vi.fn(), () => {
      throw bugs[1];
    });
    await flush();
    expect(reported).toEqual(bugs);
    // What started before the throw is torn down all the same.
    stop();
    expect(element.unmount).toHaveBeenCalledTimes(1);
  });
});
