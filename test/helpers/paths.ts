import * as path from 'node:path';

/** The repository root (tests run from out/test/…). */
export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures');
export const SHARED = path.resolve(ROOT, '../shared');
export const DIST = path.join(ROOT, 'dist');
