// The queue page keeps its queue, filters, page and sort in the URL, so a view can be bookmarked and
// shared. These helpers read the URL into a query for GET /api/dossiers; components/use-url-query.ts writes it back.
import { STATISTICS_FIGURES, type DossierChannel, type DossierQuery, type DossierQueue, type DossierSort, type DossierStatus } from '../../api/types';

export const QUEUES: readonly DossierQueue[] = [
  'mine',
  'to_assign',
  'to_receive',
  'result_ready',
  'to_process',
  'awaiting_supplement',
  'almost_due',
  'overdue',
  'all',
  'open',
  'due_today',
];

/** What the user's permissions open: processing, the desk's receipt and return, assigning specialists. */
export interface QueuePerms {
  process: boolean;
  receive: boolean;
  assign?: boolean;
}

/** Queues only some roles work from: "assigned to me" (processors), "to receive" and "result ready" (the desk), "to assign" (heads). */
function queueFor(can: QueuePerms, q: DossierQueue): boolean {
  switch (q) {
    case 'mine':
      return can.process;
    case 'to_receive':
    case 'result_ready':
      return can.receive;
    case 'to_assign':
      return can.assign === true;
    default:
      return true;
  }
}

/** Queues opened from the leader's overview tiles: a tab only while the URL names them. */
const DRILL_DOWN_ONLY: readonly DossierQueue[] = ['open', 'due_today'];

/**
 * The queue tabs a user sees: "assigned to me" only for those who process, "to receive" only for the
 * desk; a queue named in the URL always stays visible.
 * @example visibleQueues({ process: true, receive: false }, 'all') // without 'to_receive'
 */
export function visibleQueues(can: QueuePerms, current: DossierQueue): DossierQueue[] {
  return QUEUES.filter((q) => q === current || (!DRILL_DOWN_ONLY.includes(q) && queueFor(can, q)));
}
export const SORTS: readonly DossierSort[] = ['code', 'receivedAt', 'dueAt', 'applicantName'];
export const STATUSES: readonly DossierStatus[] = [
  'submitted',
  'awaiting_completion',
  'received',
  'processing',
  'awaiting_supplement',
  'awaiting_payment',
  'result_ready',
  'returned',
  'refused',
  'stopped',
  'withdrawn',
];
export const CHANNELS: readonly DossierChannel[] = ['counter', 'post', 'online'];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type ListQuery = DossierQuery & Required<Pick<DossierQuery, 'queue' | 'page' | 'pageSize' | 'sort' | 'order'>>;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;

/**
 * The list query a URL asks for; unknown or malformed values fall back to the defaults.
 * @param defaultQueue the queue shown when the URL names none (it depends on the user's role)
 * @example readQuery(new URLSearchParams('queue=overdue&page=2'), 'to_process') // { queue: 'overdue', page: 2, pageSize: 20, sort: 'dueAt', order: 'asc' }
 */
export function readQuery(params: URLSearchParams, defaultQueue: DossierQueue): ListQuery {
  const day = (key: string) => {
    const v = params.get(key);
    return v && DAY.test(v) ? v : undefined;
  };
  const pageSize = Number(params.get('pageSize'));
  const procedureId = params.get('procedureId')?.trim();
  const q = params.get('q')?.trim();
  const query: ListQuery = {
    queue: oneOf(QUEUES, params.get('queue')) ?? defaultQueue,
    page: Math.max(1, Math.trunc(Number(params.get('page'))) || 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 20,
    sort: oneOf(SORTS, params.get('sort')) ?? 'dueAt',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
  const optional: Partial<DossierQuery> = {
    q: q || undefined,
    status: oneOf(STATUSES, params.get('status')),
    channel: oneOf(CHANNELS, params.get('channel')),
    procedureId: procedureId || undefined,
    from: day('from'),
    to: day('to'),
    figure: oneOf(STATISTICS_FIGURES, params.get('figure')),
    figureFrom: day('figureFrom'),
    figureTo: day('figureTo'),
    withinUnitId: params.get('withinUnitId') || undefined,
    decidingUnitId: params.get('decidingUnitId') || undefined,
    sectorCode: params.get('sectorCode') || undefined,
    officerId: params.get('officerId') || undefined,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (query as unknown as Record<string, unknown>)[k] = v;
  return query;
}

/** Whether the list is narrowed beyond its queue (the empty text then says "no match"). */
export const isFiltered = (q: DossierQuery): boolean =>
  Boolean(q.q || q.status || q.channel || q.procedureId || q.from || q.to || q.figure || q.decidingUnitId || q.sectorCode || q.officerId);

/**
 * The queue a user starts on (issue #13 item 4): processors what they work on; the desk the results
 * waiting to be returned when there are any (`resultReady`, the count once known), else the filings
 * waiting to be received, never "all".
 * @example defaultQueue({ process: false, receive: true }, 3) // 'result_ready'
 */
export function defaultQueue(perms: { process: boolean; receive?: boolean }, resultReady?: number): DossierQueue {
  if (perms.process) return 'to_process';
  if (perms.receive) return resultReady ? 'result_ready' : 'to_receive';
  return 'all';
}
