/**
 * A bounded slice of `npm run fuzz` (a seeded mutation fuzzer; scripts/fuzz/): every family, up
 * to 5,000 inputs or 10 s each (under 60 s in all), through the whole engine in a worker. No
 * input may crash a parser or rule, hang past 1 s or take 500 MB. A failure names its input
 * number; `npm run fuzz -- --family F --count N` reproduces it with a minimised file in fuzz-out/.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fuzzFamily } from '../../scripts/fuzz/run';
import { FAMILIES } from '../../scripts/fuzz/families';

describe('fuzzing (a bounded slice of npm run fuzz)', () => {
  for (const family of FAMILIES) {
    it(`${family}: no crash, hang or memory blow-up`, async () => {
      const r = await fuzzFamily(family, { count: 5000, seed: 20261125, seconds: 10, minimise: false });
      assert.ok(r.ran >= 200, `${family}: only ${r.ran} inputs ran`);
      assert.deepEqual(r.failures.map((f) => `${f.kind} at input ${f.index} (seed 20261125): ${f.message}`), []);
    });
  }
});
