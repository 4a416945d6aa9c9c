import { Alert, Table } from 'antd';
import { ApiError } from '../api/http';
import type { FieldProblem, ImportRowProblem } from '../api/types';

const isRowProblem = (p: FieldProblem): p is ImportRowProblem =>
  typeof (p as Partial<ImportRowProblem>).row === 'number' && typeof (p as Partial<ImportRowProblem>).column === 'string';

/** The row problems of a refused file (an ApiError with one of `codes`), or null for any other error. */
export function rowProblems(error: unknown, codes: readonly string[]): ImportRowProblem[] | null {
  if (!(error instanceof ApiError) || !codes.includes(error.code)) return null;
  const rows = error.errors.filter(isRowProblem);
  return rows.length ? rows : null;
}

/** The translated texts of an errors table; `title` already carries the count. */
export interface ImportErrorsText {
  title: string;
  body: string;
  row: string;
  column: string;
  problem: string;
}

interface Props {
  problems: ImportRowProblem[];
  text: ImportErrorsText;
  columnName: (column: string) => string;
  problemText: (code: string) => string;
}

/** Every row and column at fault in a refused file, announced as one alert, ten rows a page. */
export function ImportErrorsTable({ problems, text, columnName, problemText }: Props) {
  return (
    <div role="alert">
      <Alert type="error" showIcon title={text.title} description={text.body} style={{ marginBottom: 12 }} />
      <Table<ImportRowProblem>
        size="small"
        rowKey={(p) => `${p.row}:${p.column}:${p.code}`}
        dataSource={problems}
        pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        style={{ marginBottom: 16 }}
        columns={[
          { title: text.row, dataIndex: 'row', width: 80 },
          { title: text.column, dataIndex: 'column', width: 220, render: (c: string) => columnName(c) },
          { title: text.problem, dataIndex: 'code', render: (code: string) => problemText(code) },
        ]}
      />
    </div>
  );
}
