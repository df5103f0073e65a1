import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode, type UIEvent } from 'react';
import { selectedAt, type ListModel } from './listModel';

/** Rows drawn beyond the visible ones, above and below, so that fast scrolling does not show gaps. */
const OVERSCAN = 8;

/** The root font size in px: rows are sized in rem, so that a 4K wall shows them larger. */
const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

interface Props {
  /** the scrolling list's data-testid; its `data-rows` is `count`, for tools that wait on the list */
  testId: string;
  /** the listbox's accessible name */
  label: string;
  /** one row's height in rem, so that the list scales with the screen */
  rowRem: number;
  /** the list scrolls the selected row into view when the selection changes, and only then */
  list: ListModel;
  /** a row was clicked */
  onSelect: (id: string) => void;
  /** column headings above the rows, on their grid (a `console-head` row) */
  head?: ReactNode;
  /** the row at position i, keyed by `place.id`, drawn with a ListRow given `place` */
  row: (i: number, place: RowPlace) => ReactNode;
}

/** Where the list puts a row, and whether it is the selected one. */
export interface RowPlace {
  id: string;
  /** px from the list's top */
  top: number;
  height: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/**
 * A console's list, windowed: only the rows in view (and a few around them) are in the DOM, so
 * 10,000 rows scroll as smoothly as 50. Rows have one fixed height.
 */
export function WindowedList({ testId, label, rowRem, list, onSelect, head, row }: Props) {
  const { count, idAt, selectedId } = list;
  const { box, rowPx, first, last, onScroll } = useWindowedList(count, rowRem, selectedId, () =>
    selectedAt(list),
  );
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const id = idAt(i);
    rows.push(row(i, { id, top: i * rowPx, height: rowPx, selected: id === selectedId, onSelect }));
  }
  return (
    <div className="console-table">
      {head}
      <div
        ref={box}
        className="console-list"
        data-testid={testId}
        data-rows={count}
        role="listbox"
        aria-label={label}
        onScroll={onScroll}
      >
        <div style={{ height: count * rowPx, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}

type RowProps = RowPlace & Omit<HTMLAttributes<HTMLDivElement>, keyof RowPlace | 'style'>;

/**
 * One option of a WindowedList, placed at `top`. Its inline top and height are what tools read a
 * row's position from. Other attributes (the console's data-*) go on the option too.
 */
export function ListRow({ id, selected, top, height, className, onSelect, children, ...attrs }: RowProps) {
  return (
    <div
      {...attrs}
      role="option"
      aria-selected={selected}
      className={`console-row${className ? ` ${className}` : ''}${selected ? ' selected' : ''}`}
      style={{ top, height }}
      onClick={() => onSelect(id)}
    >
      {children}
    </div>
  );
}

/**
 * The window of a list of `count` rows of `rowRem`. The pixel height of a row is read on resize only:
 * getComputedStyle on every render would force a style recalculation per update. The selected row is
 * scrolled into view when `selectedKey` changes, and only then: rows arriving must not pull the list
 * back while the operator scrolls elsewhere.
 */
function useWindowedList(count: number, rowRem: number, selectedKey: unknown, selectedIndex: () => number) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [rowPx, setRowPx] = useState(() => rowRem * remPx());

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setHeight(el.clientHeight);
      setRowPx(rowRem * remPx());
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [rowRem]);

  const find = useRef(selectedIndex);
  useEffect(() => {
    find.current = selectedIndex;
  });
  useEffect(() => {
    const el = box.current;
    const i = find.current();
    if (!el || i < 0) return;
    const top = i * rowPx;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowPx > el.scrollTop + el.clientHeight) el.scrollTop = top + rowPx - el.clientHeight;
  }, [selectedKey, rowPx]);

  return {
    box,
    rowPx,
    first: Math.max(0, Math.floor(scrollTop / rowPx) - OVERSCAN),
    last: Math.min(count, Math.ceil((scrollTop + height) / rowPx) + OVERSCAN),
    onScroll: (e: UIEvent<HTMLElement>) => setScrollTop(e.currentTarget.scrollTop),
  };
}
