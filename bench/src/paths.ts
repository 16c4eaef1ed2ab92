import { fileURLToPath } from 'node:url';

/** `bench/`, whatever the working directory. */
export const benchRoot = fileURLToPath(new URL('..', import.meta.url));
export const pagesDir = `${benchRoot}pages`;
export const sizePagesDir = `${benchRoot}size-pages`;
/** esbuild output (git-ignored): `pages/dev`, `pages/prod`, `sizes/…`. */
export const buildDir = `${benchRoot}.build`;
/** Where `latest.{json,md}` go; CI's checks write elsewhere so the committed results stay those of a full run. */
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? `${benchRoot}results`;
