// The files every published package must ship beside its code: the licence its manifest names (the
// repository's own, word for word), its README and its changelog. Reads what `npm pack` would publish.
// Usage: node bench/scripts/check-pack-files.mjs <package-dir>   (exits 1 and says what is missing)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const root = resolve(import.meta.dirname, '../..');
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);
const files = new Set(packed.files.map((file) => file.path));
const problems = ['LICENSE', 'README.md', 'CHANGELOG.md']
  .filter((name) => !files.has(name))
  .map((name) => `${name} is not in the package`);
if (
  files.has('LICENSE') &&
  readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')
) {
  problems.push("LICENSE differs from the repository's");
}
const { license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
if (license !== 'MIT') problems.push(`"license" is ${JSON.stringify(license)}, not "MIT" as LICENSE says`);

if (problems.length > 0) {
  console.error(`${packed.name}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`${packed.name}: LICENSE, README.md and CHANGELOG.md are packed`);
