// Not bundled: keeps `react-own.ts` listing every value react exports beyond core's.
import type * as core from '@private-video/core';
import type * as react from '@private-video/react';
import type * as page from './react-own';

type Unlisted = Exclude<keyof typeof react, keyof typeof core | keyof typeof page>;

export const everyExportListed: [Unlisted] extends [never] ? true : Unlisted = true;
