import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseExpositionFormat } from '../../src/cli/exposition-format.js';

describe('chooseExpositionFormat', () => {
  it('gives OpenMetrics to Prometheus, which asks for it first', () => {
    const prometheus2 = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    assert.equal(chooseExpositionFormat(prometheus2), 'openmetrics');
    assert.equal(chooseExpositionFormat('application/openmetrics-text'), 'openmetrics');
    assert.equal(chooseExpositionFormat('application/openmetrics-text; version="0.0.1"'), 'openmetrics');
    assert.equal(chooseExpositionFormat('application/openmetrics-text, */*'), 'openmetrics', 'named beats a wildcard at the same q');
  });

  it('gives the text format to everyone else', () => {
    for (const accept of [
      undefined,
      '',
      '*/*',
      'text/plain',
      'text/*',
      'text/plain;version=0.0.4;q=0.5,application/openmetrics-text;q=0.2',
      'application/json',
    ]) {
      assert.equal(chooseExpositionFormat(accept), 'prometheus', String(accept));
    }
  });

  it('does not give OpenMetrics in a version it does not write, or at q=0', () => {
    assert.equal(chooseExpositionFormat('application/openmetrics-text;version=2.0.0,text/plain;q=0.1'), 'prometheus');
    assert.equal(chooseExpositionFormat('application/openmetrics-text;q=0,*/*'), 'prometheus');
    assert.equal(chooseExpositionFormat('application/openmetrics-text;q=nonsense'), 'prometheus');
  });
});
