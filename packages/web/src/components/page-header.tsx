import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from './use-page-title';

interface Props {
  title: string;
  extra?: ReactNode;
}

/** The page's one h1, also used as the document title. */
export function PageHeader({ title, extra }: Props) {
  usePageTitle(title);
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
