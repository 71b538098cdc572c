import { useCallback, useEffect, useRef, useState } from 'react';
import type { TableProps } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  HopState,
  RoutePage,
  RouteSummary,
} from '@internal/plugin-network-common';
import { networkApiRef } from '../../../api';

/** The states the "only routes that need attention" switch keeps. */
export const ATTENTION_STATES: HopState[] = ['failing', 'warning', 'unknown'];

type RemoteData<Row extends object> = Extract<
  TableProps<Row>['data'],
  (...args: any[]) => unknown
>;
/** What material-table asks the remote `data` function for: page, page size, search text. */
export type RouteTableQuery<Row extends object> = Parameters<
  RemoteData<Row>
>[0];
type RouteTableResult<Row extends object> = Awaited<
  ReturnType<RemoteData<Row>>
>;

/** The counts of the page shown last. */
type RouteCountsShown = Pick<RoutePage, 'total' | 'matched'>;

/** A page read, or why it could not be read (the table then shows no rows). */
interface PageOutcome<Row extends object> {
  result: RouteTableResult<Row>;
  counts?: RouteCountsShown;
  error?: Error;
}

/** The part of material-table's instance (reached through `tableRef`) this hook drives. */
export interface RemoteTableHandle<Row extends object> {
  onQueryChange(query?: Partial<RouteTableQuery<Row>>): void;
}

/** What {@link useRoutePages} returns. */
export interface RoutePages<Row extends object> {
  /** The table's `tableRef`. */
  tableRef: React.MutableRefObject<RemoteTableHandle<Row> | undefined>;
  /** The table's remote `data` function. */
  data: RemoteData<Row>;
  attentionOnly: boolean;
  setAttentionOnly: (attentionOnly: boolean) => void;
  /** Counts of the page shown last: all routes and those that pass search and switch. */
  counts?: RouteCountsShown;
  /** Why the last page could not be read; the table then shows no rows. */
  error?: Error;
  /** Reads the shown page again. */
  retry: () => void;
}

/**
 * The routes table's pages, read from `GET /clusters/:cluster/routes` as material-table asks
 * for them (its page, page size and search become offset, limit and search). A change of
 * `refreshKey` (the overview was read again) reads the shown page again, keeping the page
 * and the search. Only the newest request's answer is shown, however the answers arrive.
 */
export function useRoutePages<Row extends object>(
  cluster: string,
  refreshKey: string,
  toRow: (route: RouteSummary) => Row,
): RoutePages<Row> {
  const networkApi = useApi(networkApiRef);
  const tableRef = useRef<RemoteTableHandle<Row>>();
  const [attentionOnly, setAttention] = useState(false);
  // The data function reads the switch from a ref: material-table keeps the first function.
  const attentionRef = useRef(attentionOnly);
  const [counts, setCounts] = useState<RouteCountsShown>();
  const [error, setError] = useState<Error>();
  const latest = useRef<Promise<PageOutcome<Row>>>();
  const toRowRef = useRef(toRow);
  toRowRef.current = toRow;

  const readPage = useCallback(
    async (query: RouteTableQuery<Row>): Promise<PageOutcome<Row>> => {
      const read = (offset: number) =>
        networkApi.getRoutes(cluster, {
          offset,
          limit: query.pageSize,
          search: query.search.trim() || undefined,
          states: attentionRef.current ? ATTENTION_STATES : undefined,
        });
      try {
        let page = await read(query.page * query.pageSize);
        // Fewer routes than before (a refresh, a narrower search): show the last page there is.
        if (page.items.length === 0 && page.offset > 0 && page.matched > 0) {
          const lastPage = Math.floor((page.matched - 1) / query.pageSize);
          page = await read(lastPage * query.pageSize);
        }
        return {
          result: {
            data: page.items.map(route => toRowRef.current(route)),
            page: Math.floor(page.offset / query.pageSize),
            totalCount: page.matched,
          },
          counts: { total: page.total, matched: page.matched },
        };
      } catch (failure) {
        return {
          result: { data: [], page: 0, totalCount: 0 },
          error: failure as Error,
        };
      }
    },
    [networkApi, cluster],
  );

  const data = useCallback(
    async (query: RouteTableQuery<Row>): Promise<RouteTableResult<Row>> => {
      const request = readPage(query);
      latest.current = request;
      const outcome = await request;
      // Answers can arrive out of order: an older one hands over the newest request's rows.
      if (latest.current !== request) return (await latest.current).result;
      setError(outcome.error);
      if (outcome.counts) setCounts(outcome.counts);
      return outcome.result;
    },
    [readPage],
  );

  const retry = useCallback(() => tableRef.current?.onQueryChange(), []);

  const shownKey = useRef(`${cluster} ${refreshKey}`);
  useEffect(() => {
    const key = `${cluster} ${refreshKey}`;
    if (shownKey.current === key) return;
    shownKey.current = key;
    tableRef.current?.onQueryChange();
  }, [cluster, refreshKey]);

  const setAttentionOnly = useCallback((next: boolean) => {
    attentionRef.current = next;
    setAttention(next);
    tableRef.current?.onQueryChange({ page: 0 });
  }, []);

  return {
    tableRef,
    data,
    attentionOnly,
    setAttentionOnly,
    counts,
    error,
    retry,
  };
}
