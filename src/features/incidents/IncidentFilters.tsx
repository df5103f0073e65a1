import { useTranslation } from 'react-i18next';
import { HUE_WARDS } from '../../shared/city/wards';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SEVERITIES,
  type Severity,
} from '../../shared/protocol/codes';
import { FilterSelect } from '../../shared/ui/console/FilterSelect';
import type { IncidentFilter, SortKey } from './filters';

const wardsByName = [...HUE_WARDS].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
const SORT_KEYS: readonly SortKey[] = ['newest', 'oldest', 'severity', 'deadline'];

interface Props {
  filter: IncidentFilter;
  onFilter: (patch: Partial<IncidentFilter>) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
}

/** The operator console's own filters, after the search: status, category, ward, source, severities, sort. */
export function IncidentFilters({ filter, onFilter, sort, onSort }: Props) {
  const { t } = useTranslation();
  const toggleSeverity = (s: Severity) =>
    onFilter({
      severities: filter.severities.includes(s)
        ? filter.severities.filter((x) => x !== s)
        : [...filter.severities, s],
    });
  return (
    <>
      <FilterSelect
        testId="filter-status"
        label={t('csv.status')}
        value={filter.status}
        onChange={(status) => onFilter({ status })}
        options={[
          ['open', t('console.open')],
          ['', t('console.all')],
          ...INCIDENT_STATUSES.map((s) => [s, t(`status.${s}`)] as const),
        ]}
      />
      <FilterSelect
        testId="filter-category"
        label={t('csv.category')}
        value={filter.category}
        onChange={(category) => onFilter({ category })}
        options={[
          ['', t('console.allCategories')],
          ...[...INCIDENT_CATEGORIES, 'other'].map((c) => [c, t(`category.${c}`)] as const),
        ]}
      />
      <FilterSelect
        testId="filter-ward"
        label={t('csv.ward')}
        value={filter.ward}
        onChange={(ward) => onFilter({ ward })}
        options={[['', t('console.allWards')], ...wardsByName.map((w) => [w.code, w.name] as const)]}
      />
      <FilterSelect
        testId="filter-source"
        label={t('csv.source')}
        value={filter.source}
        onChange={(source) => onFilter({ source })}
        options={[
          ['', t('console.allSources')],
          ...INCIDENT_SOURCES.map((s) => [s, t(`source.${s}`)] as const),
        ]}
      />
      <div className="console-severities" role="group" aria-label={t('csv.severity')}>
        {SEVERITIES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              data-testid={`filter-severity-${s}`}
              checked={filter.severities.includes(s)}
              onChange={() => toggleSeverity(s)}
            />
            <span className={`sev-pill sev-bg-${s}`}>{t(`severity.${s}`)}</span>
          </label>
        ))}
      </div>
      <FilterSelect
        testId="sort"
        label={t('console.sort')}
        value={sort}
        onChange={onSort}
        options={SORT_KEYS.map((k) => [k, t(`console.sortBy.${k}`)] as const)}
      />
    </>
  );
}
