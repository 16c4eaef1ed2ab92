import { PrivateVideoPlayer, usePrivateSession } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control, emulatorUrl } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { SignedUrl } from '../demo/SignedUrl';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';

/**
 * A hostname of our own for the emulator. Browsers resolve every `*.localhost` name to the loopback
 * interface, so `media.localhost` reaches a local emulator the way `videos.example.com` would reach
 * api.video through a CNAME. A remote emulator is used under its own name.
 */
const customOrigin = (() => {
  const url = new URL(emulatorUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') url.hostname = 'media.localhost';
  return url.origin;
})();

/** Who gets the session token: only URLs of this video on the configured domain. */
function SigningScope({ privateToken }: { privateToken: string }) {
  const { sign } = usePrivateSession({ videoId, privateToken, domains: { vod: customOrigin } });
  const base = `/vod/${videoId}/token/${privateToken}`;
  const rows = [
    ['this domain', `${customOrigin}${base}/mp4/source.mp4`],
    ['api.video', `https://vod.api.video${base}/mp4/source.mp4`],
    ['elsewhere', `https://cdn.example.com${base}/thumbnail.jpg`],
  ];
  return (
    <ul className="pv-urls" aria-label="What sign() does to each URL">
      {rows.map(([label, url]) => (
        <li key={label}>
          <b>{label}</b> <SignedUrl url={sign(url!)} />
        </li>
      ))}
    </ul>
  );
}

/** Videos delivered from a custom domain: the URL is read with `domains`, and only that domain is signed. */
function CustomDomain({ engine, fallback, latency }: PlayerArgs) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      title="Custom delivery domain"
      summary={
        <>
          The player gets a full asset URL on <code>{new URL(customOrigin).host}</code> and{' '}
          <code>domains=&#123;&#123; vod: '{customOrigin}' &#125;&#125;</code>. The session opens there, and{' '}
          <code>avh</code> goes to that domain only, never to other hosts.
        </>
      }
      tags={[engine, new URL(customOrigin).host]}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>
            The URL given is the mp4's: the player finds the video, its token and the HLS manifest in it, on
            the same domain.
          </li>
          <li>
            The log cannot show the host (the emulator answers under both names); the list above shows what{' '}
            <code>sign()</code> does: <code>avh</code> is added for this domain only.
          </li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PrivateVideoPlayer
            src={`${customOrigin}/vod/${videoId}/token/${minted.privateToken}/mp4/source.mp4`}
            domains={{ vod: customOrigin }}
            {...playerProps}
            {...callbacks}
          />
          <PlayerStatus report={report} />
          <SigningScope privateToken={minted.privateToken} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Delivery/Custom delivery domain',
  component: CustomDomain,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof CustomDomain>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Custom delivery domain' };
