import type { Cell } from './cell';

/** The field of `cell` inside the word value `word` (unsigned, unshifted). */
export function fieldOf(word: number, cell: Cell): number {
  return ((word & cell.mask) >>> cell.shift);
}

/** `word` with the field of `cell` replaced by `value` (masked to the field width). */
export function withField(word: number, cell: Cell, value: number): number {
  return ((word & ~cell.mask) | ((value << cell.shift) & cell.mask)) >>> 0;
}

/** `value` shifted into the position of `cell` and masked: what a store buffer entry carries. */
export function placeField(cell: Cell, value: number): number {
  return ((value << cell.shift) & cell.mask) >>> 0;
}
