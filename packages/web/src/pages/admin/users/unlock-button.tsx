import { UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types';
import { unlockUser, userKeys } from '../../../api/users';
import { errorMessage } from '../../../errors';

/**
 * Forgets the failed logins on the user's username from every address, after a confirmation. The
 * server throttles per username and address (docs/architecture.md, "Security"), so an administrator
 * clears it when the owner is slowed down by someone else's guessing.
 */
export function UnlockButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Callbacks use blocks: message.* returns a thenable that would keep the Popconfirm spinning.
  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: () => {
      message.success(t('users.unlocked', { name: user.fullName }));
    },
    onError: (error) => {
      message.error(errorMessage(error));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
  return (
    <Popconfirm
      title={t('users.unlock_confirm', { name: user.fullName })}
      description={t('users.unlock_hint')}
      okText={t('users.unlock')}
      cancelText={t('common.cancel')}
      onConfirm={() => unlock.mutateAsync().catch(() => undefined)}
    >
      <Button size="small" type="link" icon={<UnlockOutlined />} loading={unlock.isPending}>
        {t('users.unlock')}
      </Button>
    </Popconfirm>
  );
}
