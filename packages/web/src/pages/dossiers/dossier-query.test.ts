import { describe, expect, it } from 'vitest';
import { toSearchParams } from '../../components/use-url-query';
import { defaultQueue, isFiltered, readQuery, visibleQueues } from './dossier-query';

describe('queue page URL', () => {
  it('falls back to the defaults for a bare URL', () => {
    expect(readQuery(new URLSearchParams(''), 'to_process')).toEqual({ queue: 'to_process', page: 1, pageSize: 20, sort: 'dueAt', order: 'asc' });
  });

  it('reads every filter it knows', () => {
    const q = readQuery(
      new URLSearchParams(
        'queue=overdue&q=%20nguyen%20&status=processing&channel=post&procedureId=p1&from=2026-03-01&to=2026-03-31&page=3&pageSize=50&sort=code&order=desc',
      ),
      'all',
    );
    expect(q).toEqual({
      queue: 'overdue',
      q: 'nguyen',
      status: 'processing',
      channel: 'post',
      procedureId: 'p1',
      from: '2026-03-01',
      to: '2026-03-31',
      page: 3,
      pageSize: 50,
      sort: 'code',
      order: 'desc',
    });
  });

  it('drops values the server would refuse', () => {
    const q = readQuery(new URLSearchParams('queue=nope&status=done&channel=fax&from=01/03/2026&page=-2&pageSize=7&sort=name&order=up'), 'mine');
    expect(q).toEqual({ queue: 'mine', page: 1, pageSize: 20, sort: 'dueAt', order: 'asc' });
  });

  it('writes back only what is set, and reads it again the same', () => {
    const q = readQuery(new URLSearchParams('queue=all&q=an&page=2'), 'to_process');
    const params = toSearchParams({ ...q, status: undefined });
    expect(params.toString()).toBe('queue=all&page=2&pageSize=20&sort=dueAt&order=asc&q=an');
    expect(readQuery(params, 'to_process')).toEqual(q);
  });

  it('knows when the list is narrowed beyond its queue', () => {
    expect(isFiltered({ queue: 'all', page: 2 })).toBe(false);
    expect(isFiltered({ queue: 'all', channel: 'online' })).toBe(true);
    expect(isFiltered({ q: 'an' })).toBe(true);
  });

  it('starts processors on their work and everyone else on all dossiers', () => {
    expect(defaultQueue({ process: true })).toBe('to_process');
    expect(defaultQueue({ process: false })).toBe('all');
    // The desk: results waiting to be returned first when there are any, else the filings to receive.
    expect(defaultQueue({ process: false, receive: true })).toBe('to_receive');
    expect(defaultQueue({ process: false, receive: true }, 0)).toBe('to_receive');
    expect(defaultQueue({ process: false, receive: true }, 2)).toBe('result_ready');
  });
});

describe('visibleQueues', () => {
  it('shows "mine" to those who process and "to receive" to the desk, and always the queue in the URL', () => {
    expect(visibleQueues({ process: true, receive: false }, 'all')).toEqual(['mine', 'to_process', 'awaiting_supplement', 'almost_due', 'overdue', 'all']);
    expect(visibleQueues({ process: false, receive: true }, 'all')).toEqual([
      'to_receive',
      'result_ready',
      'to_process',
      'awaiting_supplement',
      'almost_due',
      'overdue',
      'all',
    ]);
    expect(visibleQueues({ process: true, receive: false, assign: true }, 'all')).toEqual([
      'mine',
      'to_assign',
      'to_process',
      'awaiting_supplement',
      'almost_due',
      'overdue',
      'all',
    ]);
    expect(visibleQueues({ process: false, receive: false }, 'mine')).toContain('mine');
  });
});
