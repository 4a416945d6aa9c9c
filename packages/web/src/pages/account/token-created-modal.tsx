import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types';

interface Props {
  token: CreatedApiToken | null;
  onClose: () => void;
}

/** Shows a new token's secret the only time the server will ever send it. */
export function TokenCreatedModal({ token, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token.token);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('common.copy_failed'));
    }
  };
  return (
    <Modal
      open={token !== null}
      title={t('account.token_created_title')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('account.token_once_warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        <Typography.Text strong>{token?.name}</Typography.Text>
      </Typography.Paragraph>
      <label htmlFor="created-token-value">{t('account.token_value')}</label>
      <Flex gap={8} align="start" style={{ marginTop: 4 }}>
        <Input.TextArea
          id="created-token-value"
          readOnly
          autoSize
          value={token?.token ?? ''}
          onFocus={(e) => e.currentTarget.select()}
          style={{ fontFamily: 'monospace' }}
        />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('common.copy')}
        </Button>
      </Flex>
    </Modal>
  );
}
