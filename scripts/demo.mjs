// npm run demo: the CLI on the bundled example workspace. Findings are the point of the examples,
// so exit status 1 ("findings failed the check") is a successful demo; 2 is a real failure.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples', ...process.argv.slice(2)], { stdio: 'inherit' });
if (r.status === 1) console.log('\n(exit status 1: the examples are meant to fail the check; see README "The CLI")');
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
