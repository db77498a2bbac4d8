import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useContext, useEffect } from 'react';
import StdinContext from '../../../node_modules/ink/build/components/StdinContext.js';
import { useInkInput } from '../../../src/ui/ink/input-events.js';
import { waitUntil } from '../wait-for-frame.js';

describe("useInkInput, Ink's stdin events", () => {
  it('hands on each piece of a read as Ink emits it, escape sequences whole', async () => {
    const seen: string[] = [];
    function Keys() {
      const { events, setRawMode } = useInkInput();
      useEffect(() => {
        // Ink reads stdin only while raw mode is asked for.
        setRawMode(true);
        const onInput = (data: string) => seen.push(data);
        events.on('input', onInput);
        return () => {
          events.off('input', onInput);
          setRawMode(false);
        };
      }, [events, setRawMode]);
      return <Text>keys</Text>;
    }
    const { stdin, unmount } = render(<Keys />);
    try {
      stdin.write('\x1b[21~');
      stdin.write('\x1b[200~pasted\x1b[201~');
      await waitUntil(() => seen.length >= 4, 'the events of both reads');
      assert.deepEqual(seen, ['\x1b[21~', '\x1b[200~', 'pasted', '\x1b[201~']);
    } finally {
      unmount();
    }
  });

  it('says so when Ink gives no event emitter', () => {
    let thrown: unknown;
    function Keys() {
      try {
        useInkInput();
      } catch (error) {
        thrown = error;
      }
      return <Text>keys</Text>;
    }
    function WithoutEmitter() {
      const stdin = useContext(StdinContext);
      return (
        <StdinContext.Provider value={{ ...stdin, internal_eventEmitter: undefined as never }}>
          <Keys />
        </StdinContext.Provider>
      );
    }
    const { unmount } = render(<WithoutEmitter />);
    unmount();
    assert.match(String(thrown), /^Error: Ink's useStdin\(\) gives no internal_eventEmitter to read keys from: the UI bundle's Ink is not the ink 6\.8\.x/);
  });
});
