import { describe, expect, it } from 'vitest';
import { roundOrder } from './roundOrder';

// The startup scenario's shape: three private/public pairs and the server-opened variant on its own.
const groups = [
  ['private', 'public'],
  ['private thumb', 'public thumb'],
  ['private warm', 'public warm'],
  ['server'],
];
const rounds = Array.from({ length: 2 * groups.length }, (_, round) => roundOrder(groups, round));

describe('roundOrder', () => {
  it('runs every variant once a round', () => {
    for (const order of rounds) expect([...order].sort()).toEqual(groups.flat().sort());
  });

  it("keeps each pair's runs adjacent", () => {
    for (const order of rounds) {
      for (const [first, second] of groups.filter((group) => group.length === 2)) {
        expect(Math.abs(order.indexOf(first!) - order.indexOf(second!))).toBe(1);
      }
    }
  });

  it('alternates which of a pair goes first, round by round', () => {
    const privateFirst = rounds.map((order) => order.indexOf('private') < order.indexOf('public'));
    expect(privateFirst).toEqual([true, false, true, false, true, false, true, false]);
  });

  it('starts every group in every position, with both orders of its pair', () => {
    const seen = new Set(rounds.map((order) => `${order[0]} then ${order[1]}`));
    expect(seen).toEqual(
      new Set([
        'private then public',
        'public then private',
        'private thumb then public thumb',
        'public thumb then private thumb',
        'private warm then public warm',
        'public warm then private warm',
        'server then private',
        'server then public',
      ]),
    );
  });

  it('places each variant in as many positions as there are groups', () => {
    for (const variant of groups.flat()) {
      const positions = new Set(rounds.map((order) => order.indexOf(variant)));
      expect(positions.size).toBeGreaterThanOrEqual(groups.length);
    }
  });
});
