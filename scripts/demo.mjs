// npm run demo: the CLI on the bundled example workspace. Findings are the point of the examples,
// so exit status 1 ("findings failed the check") is a successful demo; 2 is a real failure.
// The examples' certificates were made at a fixed clock (test/helpers/clock.ts, FIXTURE_NOW), so
// the demo evaluates them at that clock and shows the same findings every day; `--now` overrides.
import { spawnSync } from 'node:child_process';

const EXAMPLES_CLOCK = '2026-06-01T00:00:00Z';

const args = process.argv.slice(2);
const pinned = !args.includes('--now');
const r = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples', ...(pinned ? ['--now', EXAMPLES_CLOCK] : []), ...args], { stdio: 'inherit' });
if (pinned) console.log(`\n(evaluated at ${EXAMPLES_CLOCK.slice(0, 10)}, the clock the examples were made at; for today: npm run demo -- --now ${new Date().toISOString().slice(0, 10)})`);
if (r.status === 1) console.log('(exit status 1: the examples are meant to fail the check; see README "The CLI")');
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
