// `prepublishOnly` of every published package: npm would publish the `workspace:*` ranges of the manifests as
// they are (no install could read them); pnpm publish writes the versions in their place.
const agent = process.env.npm_config_user_agent ?? '';
if (!agent.startsWith('pnpm/')) {
  console.error(
    `Publish with pnpm (bash scripts/pnpm.sh publish), not ${agent.split(' ')[0] || 'this tool'}: ` +
      'it would publish "workspace:*" dependency ranges as they are.',
  );
  process.exit(1);
}
