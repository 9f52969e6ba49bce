// Search and filter above a paged admin list, and "Load more" below it.
import { Button, Caption1, Field, SearchBox, Select, Spinner } from '@fluentui/react-components';
import type { PagedList } from '../../hooks/usePagedList';
import { useAdminStyles } from './Admin.styles';
import { strings } from './strings';

const s = strings.list;

export function ListSearch<F extends string>({
  label,
  search,
  onSearch,
  filter,
  onFilter,
  filters,
}: {
  label: string;
  search: string;
  onSearch: (value: string) => void;
  filter?: F | '';
  onFilter?: (value: F | '') => void;
  filters?: { value: F; label: string }[];
}) {
  const styles = useAdminStyles();
  return (
    <div className={styles.row}>
      <Field label={s.search}>
        <SearchBox aria-label={`${s.search}: ${label}`} value={search} onChange={(_, d) => onSearch(d.value)} />
      </Field>
      {filters && onFilter && (
        <Field label={s.filter}>
          <Select
            aria-label={`${s.filter}: ${label}`}
            value={filter ?? ''}
            onChange={(_, d) => onFilter(d.value as F | '')}
          >
            <option value="">{s.all}</option>
            {filters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}

export function LoadMore<T>({ list }: { list: PagedList<T> }) {
  const styles = useAdminStyles();
  if (!list.items || list.items.length === 0) return null;
  return (
    <div className={styles.row}>
      <Caption1 aria-live="polite">{s.shown(list.items.length)}</Caption1>
      {list.hasMore && !list.loading && <Button onClick={list.loadMore}>{s.loadMore}</Button>}
      {list.hasMore && list.loading && <Spinner size="tiny" label={strings.loading} />}
    </div>
  );
}
