import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './console.css';

/**
 * A console's page: the wall's header on top, the filtered list on the left, the selected row's
 * detail on the right. `className` names the console, for the styles that are its own.
 */
export function ConsoleFrame({
  className,
  header,
  list,
  detail,
}: {
  className: string;
  header: ReactNode;
  /** the filter bar and the list */
  list: ReactNode;
  detail: ReactNode;
}) {
  return (
    <div className={`console ${className}`}>
      {header}
      <div className="console-body">
        <section className="console-left">{list}</section>
        <aside className="console-right">{detail}</aside>
      </div>
    </div>
  );
}

/** The detail column while nothing is selected: what to do, and the keys that do it. */
export function EmptyDetail({
  pick,
  keys,
  children,
}: {
  pick: string;
  /** the console's own keys, after the list's */
  keys?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="console-empty">
      {pick}
      <div className="console-keys">
        <kbd>↑</kbd> <kbd>↓</kbd> {t('console.keys.select')} · <kbd>/</kbd> {t('console.keys.search')}
        {keys && <> · {keys}</>}
      </div>
      {children}
    </div>
  );
}
