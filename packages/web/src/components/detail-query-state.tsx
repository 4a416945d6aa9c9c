import type { UseQueryResult } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';
import { PageHeader } from './page-header';

interface Props {
  /** The page's query while it is pending or has failed. */
  query: UseQueryResult<unknown>;
  /** The list page's title, shown above a failure. */
  title: string;
  /** The link back to the list. */
  back: ReactNode;
}

/**
 * What a detail page shows before its data is there: the back link and a spinner while loading, and on
 * failure the list's title, the back link and the error with a retry.
 */
export function DetailQueryState({ query, title, back }: Props) {
  if (query.isPending) {
    return (
      <>
        {back}
        <Spin style={{ display: 'block', marginTop: 48 }} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} />
      {back}
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    </>
  );
}
