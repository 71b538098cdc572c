import { useState, type ReactNode } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';

/** One column of a {@link StateTable}: a header and how a row fills its cell. */
export interface StateTableColumn<T> {
  title: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** Header cell width, e.g. `1%` for a checkbox column. */
  width?: string;
  /** Keep the header and cells on one line (short values: dates, names, states). */
  noWrap?: boolean;
}

/**
 * The small table the network screens repeat: a labelled table of objects, one with a state
 * label in a column, or a sentence when there are none. Keeps the header, density and empty
 * text the same on the Network page, diagnostics and bootstrap screens.
 */
export function StateTable<T>(props: {
  /** The table's accessible name (screen readers announce it; tests find the table by it). */
  label: string;
  columns: StateTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Marks a row as selected (e.g. runs picked for a diff). */
  isSelected?: (row: T) => boolean;
  /**
   * Rows per page; without it every row is drawn. Long lists (thousands of DNS records or
   * leases on a large cluster) page, because drawing them all makes the page sluggish.
   */
  pageSize?: number;
}) {
  const { label, columns, rows, rowKey, empty, isSelected, pageSize } = props;
  const [requestedPage, setPage] = useState(0);
  const pageCount = pageSize ? Math.ceil(rows.length / pageSize) : 1;
  // A refresh may shorten the list below the page shown: stay on its last page.
  const page = Math.min(requestedPage, Math.max(0, pageCount - 1));
  const shown = pageSize
    ? rows.slice(page * pageSize, (page + 1) * pageSize)
    : rows;
  if (rows.length === 0 && empty !== undefined) {
    return typeof empty === 'string' ? (
      <Typography variant="body2">{empty}</Typography>
    ) : (
      <>{empty}</>
    );
  }
  // Wide tables scroll sideways inside their card instead of squeezing a column letter by letter.
  const table = (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((column, index) => (
              <TableCell
                key={index}
                align={column.align}
                style={{
                  width: column.width,
                  whiteSpace: column.noWrap ? 'nowrap' : undefined,
                }}
              >
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(row => (
            <TableRow key={rowKey(row)} selected={isSelected?.(row)}>
              {columns.map((column, index) => (
                <TableCell
                  key={index}
                  align={column.align}
                  style={column.noWrap ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
  if (!pageSize || rows.length <= pageSize) return table;
  return (
    <>
      {table}
      <TablePagination
        component="div"
        count={rows.length}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[pageSize]}
        onPageChange={(_event, next) => setPage(next)}
        backIconButtonProps={{ 'aria-label': `${label}: previous page` }}
        nextIconButtonProps={{ 'aria-label': `${label}: next page` }}
      />
    </>
  );
}
