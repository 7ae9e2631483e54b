/**
 * Places in an article as one comparable number, passage first and offset second, so that
 * "the last person who spoke before" is a plain comparison across passages.
 */
const PER_PASSAGE = 1_000_000;

export function position(passage: number, offset: number): number {
  return passage * PER_PASSAGE + offset;
}

/** The passage (its position in the list, not its `index`) a place is in. */
export function passageOf(at: number): number {
  return Math.floor(at / PER_PASSAGE);
}
