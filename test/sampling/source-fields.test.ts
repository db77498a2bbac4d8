// Each sampler declares the fields source-fields.ts lists for it, and the README lists them too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createSampler } from '../../src/sampling/create-sampler.js';
import { describeSourceFields, SOURCE_FIELDS } from '../../src/sampling/source-fields.js';
import { SOURCE_NAMES } from '../../src/sampling/types.js';

describe('what each source gives', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const source of SOURCE_NAMES) {
    it(`${source}: declared by its sampler, listed in the README`, async () => {
      const sampler = await createSampler(source);
      sampler.close();
      assert.deepEqual(sampler.capabilities.fields, SOURCE_FIELDS[source]);
      assert.ok(readme.includes(`- ${source}: ${describeSourceFields(source)}\n`), `README lists "${source}: ${describeSourceFields(source)}"`);
    });
  }
});
