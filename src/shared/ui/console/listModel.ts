/** The rows the filters leave and the selected one: what a console's list and its keys both read. */
export interface ListModel {
  count: number;
  /** the id of the row at position i */
  idAt: (i: number) => string;
  selectedId: string | null;
}

/** The selected row's position, -1 if nothing is selected or the filters hide it. */
export function selectedAt({ count, idAt, selectedId }: ListModel): number {
  if (selectedId === null) return -1;
  for (let i = 0; i < count; i++) if (idAt(i) === selectedId) return i;
  return -1;
}

/**
 * The position one step on from `at` among `count` rows, kept within them; from no selection (-1)
 * either step lands on the first row. Null when there is no row to land on.
 */
export function stepFrom(at: number, step: 1 | -1, count: number): number | null {
  if (count === 0) return null;
  return step > 0 ? Math.min(count - 1, at + 1) : Math.max(0, at - 1);
}
