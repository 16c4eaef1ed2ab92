import type { GetPrivateToken, PlaybackEngineName } from '@private-video/react';
import { PrivateVideoProvider } from '@private-video/react';
import type { ReactNode } from 'react';
import { emulatorDomains } from './emulator';

export interface DemoProviderProps {
  engine?: PlaybackEngineName | undefined;
  fallback?: boolean | undefined;
  /** Client-side session lifetime in ms; it must match what the emulator was told when minting. */
  sessionTtl?: number | undefined;
  getPrivateToken?: GetPrivateToken | undefined;
  children: ReactNode;
}

/**
 * One `PrivateVideoProvider` per story: a fresh session client (so stories never share sessions) that
 * reaches the emulator as its delivery domain. `storage={null}`: tokens are minted per mount, so there is
 * nothing worth keeping across reloads.
 */
export function DemoProvider({ engine, fallback, sessionTtl, getPrivateToken, children }: DemoProviderProps) {
  return (
    <PrivateVideoProvider
      domains={emulatorDomains}
      storage={null}
      engine={engine}
      fallback={fallback}
      sessionTtl={sessionTtl}
      getPrivateToken={getPrivateToken}
    >
      {children}
    </PrivateVideoProvider>
  );
}
