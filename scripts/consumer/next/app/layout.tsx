import type { ReactNode } from 'react';

export const metadata = { title: 'private-video consumer smoke test (Next.js)', icons: 'data:,' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
