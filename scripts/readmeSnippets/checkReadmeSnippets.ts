/**
 * Type-checks every ```ts / ```tsx block of the READMEs, and the consumer type tests of scripts/typeTests,
 * against the workspace sources, so the docs cannot drift from the API. Each block becomes its own module in a temporary project whose node_modules links
 * the workspace packages (resolved to their sources through the `@private-video/source` condition, as the
 * tests do) and the types they need. Annotations, as HTML comments right before a block (see
 * extractSnippets.ts): `<!-- snippet-preamble: declare const videoId: string; -->` for what a fragment
 * assumes, `<!-- snippet: skip (reason) -->` for a block that is not meant to compile.
 *
 *   tsx scripts/readmeSnippets/checkReadmeSnippets.ts   (in `npm run test:types`)
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { extractSnippets, type Snippet } from './extractSnippets';

const root = join(import.meta.dirname, '../..');

/** What a snippet may import, and the workspace folder each one is installed in. */
const dependencies: Record<string, string> = {
  '@private-video/core': 'packages/core',
  '@private-video/react': 'packages/react',
  '@private-video/server': 'packages/server',
  '@private-video/emulator': 'packages/emulator',
  react: 'packages/react/node_modules/react',
  '@types/react': 'packages/react/node_modules/@types/react',
  '@types/node': 'node_modules/@types/node',
  vitest: 'node_modules/vitest',
};

const started = performance.now();
const readmes = [
  'README.md',
  'bench/README.md',
  ...['packages', 'apps'].flatMap((dir) =>
    readdirSync(join(root, dir)).map((name) => `${dir}/${name}/README.md`),
  ),
].filter((readme) => existsSync(join(root, readme)));
const snippets = readmes.flatMap((readme) =>
  extractSnippets(readFileSync(join(root, readme), 'utf8'), readme),
);
/**
 * Consumer type tests (scripts/typeTests): what an app writes against the published API, checked as the blocks
 * are; `// @ts-expect-error` marks what must not compile.
 */
const typeTestDir = join(root, 'scripts/typeTests');
const typeTests: Snippet[] = readdirSync(typeTestDir).map((name) => ({
  readme: `scripts/typeTests/${name}`,
  line: 1,
  lang: name.endsWith('.tsx') ? 'tsx' : 'ts',
  code: readFileSync(join(typeTestDir, name), 'utf8'),
  preamble: '',
  skip: undefined,
}));
const checked = [...snippets.filter((snippet) => snippet.skip === undefined), ...typeTests];

const project = mkdtempSync(join(tmpdir(), 'readme-snippets-'));
let errors: string[];
try {
  for (const [name, target] of Object.entries(dependencies)) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, target), link, 'dir');
  }
  const files = new Map<string, Snippet>();
  for (const snippet of checked) {
    const file = join(project, `${snippet.readme.replaceAll('/', '_')}.${snippet.line}.${snippet.lang}`);
    writeFileSync(file, `${snippet.preamble}\n${snippet.code}\n`);
    files.set(file, snippet);
  }
  // The checker's own sources too: nothing else type-checks scripts/.
  const ownFiles = ['checkReadmeSnippets.ts', 'extractSnippets.ts'].map((file) =>
    join(import.meta.dirname, file),
  );
  const program = ts.createProgram([...files.keys(), ...ownFiles], compilerOptions());
  // Only these files' diagnostics: the packages' own `typecheck` scripts check the sources they import.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...files.keys(), ...ownFiles].flatMap((file) => {
      const source = program.getSourceFile(file);
      return source === undefined
        ? []
        : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    }),
  ];
  errors = diagnostics.map((diagnostic) => format(diagnostic, files));
} finally {
  rmSync(project, { recursive: true, force: true });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const skipped = snippets.length + typeTests.length - checked.length;
const summary = `README snippets and type tests: ${checked.length} type-checked, ${skipped} skipped, ${errors.length} errors (${seconds} s)`;
// One stream when failing, so the summary comes after the errors.
if (errors.length > 0) console.error([...errors, summary].join('\n'));
else console.log(summary);
process.exitCode = errors.length === 0 ? 0 : 1;

/** tsconfig.base.json, loosened for fragments (tightened for apps' strictest setting) and pointed at the temporary project's types. */
function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options, errors } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root);
  if (base.error !== undefined || errors.length > 0) throw new Error('tsconfig.base.json could not be read');
  return {
    ...options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    // The strictest setting an app may use: what the docs show must compile there too.
    exactOptionalPropertyTypes: true,
    // A block shows a value without using it.
    noUnusedLocals: false,
    noUnusedParameters: false,
    // Every block is a module of its own, even one without import or export (top-level await too).
    moduleDetection: ts.ModuleDetectionKind.Force,
    typeRoots: [join(project, 'node_modules/@types')],
    types: ['node'],
  };
}

/** `README.md:58:1 (block at line 52) error TS2304: …`: the README's own lines, not the temporary file's. */
function format(diagnostic: ts.Diagnostic, files: Map<string, Snippet>): string {
  const message = `error TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) return message;
  const position = file.getLineAndCharacterOfPosition(start);
  const snippet = files.get(file.fileName);
  if (snippet === undefined)
    return `${file.fileName}:${position.line + 1}:${position.character + 1} ${message}`;
  // A type test's file, after the empty preamble line.
  if (!snippet.readme.endsWith('.md'))
    return `${snippet.readme}:${position.line}:${position.character + 1} ${message}`;
  const preambleLines = snippet.preamble.split('\n').length;
  const block = `block at line ${snippet.line - 1}`;
  return position.line < preambleLines
    ? `${snippet.readme}:${snippet.line - 1} (the snippet-preamble above the ${block}) ${message}`
    : `${snippet.readme}:${snippet.line + position.line - preambleLines}:${position.character + 1} (${block}) ${message}`;
}
