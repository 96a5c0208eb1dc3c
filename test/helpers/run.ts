import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DIST, ROOT } from './paths';
import { FIXTURE_NOW } from './clock';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI (dist/cli.js) at the fixture clock unless `--now` is given. */
export function cli(args: string[], options: { cwd?: string; now?: boolean } = {}): CliRun {
  const extra = options.now === false || args.includes('--now') ? [] : ['--now', FIXTURE_NOW.toISOString()];
  const [command, ...rest] = args;
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), command, ...(command === 'check' || command === 'inventory' || command === 'explain' ? extra : []), ...rest], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
