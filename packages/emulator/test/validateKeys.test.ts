import { describe, expect, it } from 'vitest';
import { validateKeys } from '../src/validateKeys.js';

const FAULT_KEYS = ['match', 'status', 'delayMs', 'hang', 'count', 'after'];

describe('validateKeys', () => {
  it('accepts known keys, and keys set to undefined (JSON drops them)', () => {
    expect(validateKeys({}, FAULT_KEYS, 'fault')).toBeNull();
    expect(validateKeys({ match: {}, status: 500, count: 1 }, FAULT_KEYS, 'fault')).toBeNull();
    expect(validateKeys({ match: {}, stauts: undefined }, FAULT_KEYS, 'fault')).toBeNull();
  });

  it('names the unknown key and every accepted one, with the key a typo most likely meant', () => {
    const keys = 'the keys are match, status, delayMs, hang, count, after';
    expect(validateKeys({ match: {}, stauts: 500 }, FAULT_KEYS, 'fault')).toBe(
      `fault: unknown key "stauts" (did you mean "status"?); ${keys}`,
    );
    expect(validateKeys({ delay: 100 }, FAULT_KEYS, 'fault')).toBe(
      `fault: unknown key "delay" (did you mean "delayMs"?); ${keys}`,
    );
    expect(validateKeys({ hangs: true }, FAULT_KEYS, 'fault')).toBe(
      `fault: unknown key "hangs" (did you mean "hang"?); ${keys}`,
    );
    expect(validateKeys({ cout: 1 }, FAULT_KEYS, 'fault')).toBe(
      `fault: unknown key "cout" (did you mean "count"?); ${keys}`,
    );
    expect(validateKeys({ DelayMS: 1 }, FAULT_KEYS, 'fault')).toBe(
      `fault: unknown key "DelayMS" (did you mean "delayMs"?); ${keys}`,
    );
  });

  it('suggests nothing when no accepted key is close, and says "the only" for a single one', () => {
    expect(validateKeys({ retries: 3 }, FAULT_KEYS, 'fault')).toBe(
      'fault: unknown key "retries"; the keys are match, status, delayMs, hang, count, after',
    );
    // Short keys need a close match: two edits turn "x" into "ms", yet it is no typo of it.
    expect(validateKeys({ x: 1 }, ['ms'], 'latency')).toBe('latency: unknown key "x"; the only key is ms');
    expect(validateKeys({ sinse: '1' }, ['since'], 'log', 'query parameter')).toBe(
      'log: unknown query parameter "sinse" (did you mean "since"?); the only query parameter is since',
    );
  });
});
