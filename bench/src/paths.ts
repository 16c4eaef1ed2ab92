import { fileURLToPath } from 'node:url';

/** `bench/`, whatever the working directory. */
export const benchRoot = fileURLToPath(new URL('..', import.meta.url));
export const pagesDir = `${benchRoot}pages`;
export const sizePagesDir = `${benchRoot}size-pages`;
/** esbuild output (git-ignored): `pages/dev`, `pages/prod`, `sizes/…`. */
export const buildDir = `${benchRoot}.build`;
export const resultsDir = `${benchRoot}results`;
