import { useEffect, useRef, useState, type UIEvent } from 'react';

/** Rows drawn beyond the visible ones, above and below, so that fast scrolling does not show gaps. */
const OVERSCAN = 8;

/**
 * Windowing for a long list of fixed-height rows: only the rows in view (and a few around them) go
 * in the DOM. Rows are `rowRem` high, so the list scales with the root font size (larger on a 4K
 * wall); the pixel height is read on resize only, since getComputedStyle on every render would force
 * a style recalculation per update.
 *
 * `selectedIndex` finds the selected row's index; the list scrolls it into view when `selectedKey`
 * changes, and only then: rows arriving must not pull the list back while the operator scrolls
 * elsewhere.
 */
export function useWindowedList(
  count: number,
  rowRem: number,
  selectedKey: unknown,
  selectedIndex: () => number,
) {
  const box = useRef<HTMLDivElement>(null);
  const rowHeightPx = () => rowRem * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [rowPx, setRowPx] = useState(rowHeightPx);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setHeight(el.clientHeight);
      setRowPx(rowRem * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16));
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
