import type { ReactNode, Ref } from 'react';

interface Props {
  /** the search field's: the one the list's keys focus (useListKeys) */
  ref: Ref<HTMLInputElement>;
  /** the free-text search, first in the bar */
  search: { testId: string; placeholder: string; value: string; onChange: (text: string) => void };
  /** how many rows the filters leave, as the bar says it at its end */
  count: { testId: string; text: string };
  /** the console's own filters, after the search */
  children: ReactNode;
  /** after the count, e.g. an export */
  actions?: ReactNode;
}

/** A console's filter bar: the search, the console's own filters, and the count of what they leave. */
export function FilterBar({ ref, search, count, children, actions }: Props) {
  return (
    <div className="console-filters" role="search">
      <input
        ref={ref}
        type="text"
        data-testid={search.testId}
        placeholder={search.placeholder}
        value={search.value}
        onChange={(e) => search.onChange(e.target.value)}
      />
      {children}
      <span className="console-count num" data-testid={count.testId}>
        {count.text}
      </span>
      {actions}
    </div>
  );
}
