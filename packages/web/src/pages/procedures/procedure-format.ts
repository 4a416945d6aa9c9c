// Display helpers of the procedure catalogue: time limits, fees in đồng, labels of the enums.
import type { TFunction } from 'i18next';
import type { ProcedureTimeLimit, StepBudgetUnit } from '../../api/types';
import { formatNumber } from '../../format';

/** 50000 → '50.000 đ'. */
export function formatVnd(amount: number): string {
  return `${formatNumber(amount)} đ`;
}

/** { value: 10, unit: 'working_days' } → '10 ngày làm việc'; same-day limits read 'Trong ngày'. */
export function timeLimitText(t: TFunction, limit: ProcedureTimeLimit | { value: number; unit: StepBudgetUnit }): string {
  return t(`procedures.time_limit_text.${limit.unit}`, { value: formatNumber(limit.value) });
}

/** The server's field paths ('body.fees.0.name') as the form names them ('fees.0.name'). */
export function withoutLocation<T extends { path: string }>(problems: readonly T[]): T[] {
  return problems.map((p) => ({ ...p, path: p.path.replace(/^(body|querystring|params)\./, '') }));
}

/** Offers a downloaded file to the browser under its server-given name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
