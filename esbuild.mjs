// Bundles the extension client, the language server and the CLI into dist/ (no node_modules ship).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * yaml (eemeli) reads process.env.LOG_TOKENS once per token and process.env.LOG_STREAM once per
 * document node, to print debug traces; a process.env read is a slow interceptor call, and on a
 * 2 MB values file it is a fifth of the parse. The bundle pins both to false. If a yaml upgrade
 * moves them, the build fails here rather than silently losing the speed.
 */
const yamlNoEnvLookups = {
  name: 'yaml-no-env-lookups',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false');
      if (patched === source) throw new Error(`yaml-no-env-lookups: no process.env lookup found in ${args.path}; update esbuild.mjs`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// The CEL evaluator (server/src/schema/celLibrary.ts) is a bundle of its own, dist/cel.js, that the
// CLI and the server require only when a CRD's validation rule is first evaluated.
const celApart = {
  name: 'cel-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/celLibrary$/ }, () => ({ path: './cel.js', external: true }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  define: { 'process.env.TLS_LENS_VERSION': JSON.stringify(pkg.version) },
  plugins: [yamlNoEnvLookups],
};
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The server: a launcher (dist/server.js) that loads the bundle (dist/server-main.js) with V8's code cache.
  { ...common, entryPoints: ['server/src/launch/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js', plugins: [...common.plugins, celApart] },
  // The CLI: a small launcher (dist/cli.js) that loads the bundle (dist/cli-main.js) with V8's code cache.
  { ...common, entryPoints: ['server/src/launch/cli.ts'], outfile: 'dist/cli.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js', plugins: [...common.plugins, celApart] },
  { ...common, entryPoints: ['server/src/schema/celLibrary.ts'], outfile: 'dist/cel.js' },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
