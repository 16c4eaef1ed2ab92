/**
 * The order of one round's runs. `groups` lists the variants that are compared run by run (a private variant and
 * its public baseline), a variant compared with none being a group of its own. A group's runs are adjacent, so
 * the ratio of a round's pair sees the machine in one state; which of the pair goes first alternates round by
 * round, so neither always runs right after the other (the runs before leave caches and the CPU in a state of
 * their own). The groups rotate every second round: no group always runs first, and each position is seen with
 * both orders of its pair. `2 × groups.length` rounds run every group in every position, in both orders.
 */
export function roundOrder<T>(groups: readonly (readonly T[])[], round: number): T[] {
  const shift = Math.floor(round / 2) % groups.length;
  const rotated = [...groups.slice(shift), ...groups.slice(0, shift)];
  const reversed = round % 2 === 1;
  return rotated.flatMap((group) => (reversed ? [...group].reverse() : [...group]));
}
