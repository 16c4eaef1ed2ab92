/** Vite's `?url` imports (the tests run under Vite): the URL the dev server serves the file at. */
declare module '*?url' {
  const url: string;
  export default url;
}
