import { fireEvent, render, screen, within } from '@testing-library/react';
import { StateTable } from './StateTable';

const rows = Array.from({ length: 60 }, (_, index) => `record-${index + 1}`);

const renderTable = (pageSize?: number) =>
  render(
    <StateTable
      label="Records"
      rows={rows}
      rowKey={row => row}
      columns={[{ title: 'Name', render: row => row }]}
      pageSize={pageSize}
    />,
  );

describe('StateTable', () => {
  it('draws every row without a page size', () => {
    renderTable();
    const table = screen.getByRole('table', { name: 'Records' });
    // The header row plus 60 rows.
    expect(within(table).getAllByRole('row')).toHaveLength(61);
    expect(
      screen.queryByRole('button', { name: 'Records: next page' }),
    ).not.toBeInTheDocument();
  });

  it('draws one page at a time with a page size, and pages with the next button', () => {
    renderTable(25);
    const table = screen.getByRole('table', { name: 'Records' });
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    expect(within(table).getByText('record-25')).toBeInTheDocument();
    expect(within(table).queryByText('record-26')).not.toBeInTheDocument();
    expect(screen.getByText('1-25 of 60')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Records: next page' }));
    expect(within(table).getByText('record-26')).toBeInTheDocument();
    expect(within(table).queryByText('record-25')).not.toBeInTheDocument();
    expect(screen.getByText('26-50 of 60')).toBeInTheDocument();
  });
});
