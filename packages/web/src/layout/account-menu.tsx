import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { hasPermission, useMe } from '../auth/me-context';
import { errorMessage } from '../errors';

/**
 * The user's name in the header, opening Đổi mật khẩu / Khóa API / Đăng xuất. On a phone (`compact`) the button
 * is the icon alone and the name heads the menu, so the header never cuts it (issue #13 item 10).
 */
export function AccountMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await logout();
    } catch (error) {
      message.error(errorMessage(error));
      return;
    }
    queryClient.clear();
    await navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    ...(compact ? [{ key: 'name', label: me.fullName, disabled: true }, { type: 'divider' as const }] : []),
    { key: 'password', icon: <LockOutlined />, label: t('account.change_password') },
    // Only roles that may create tokens see the entry (issue #13 item 11; the server enforces api_token.create).
    ...(hasPermission(me, 'api_token.create') ? [{ key: 'tokens', icon: <KeyOutlined />, label: t('account.tokens') }] : []),
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('account.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/account/password');
    else if (key === 'tokens') void navigate('/account/tokens');
    else if (key === 'logout') void signOut();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} aria-label={compact ? `${t('account.menu')}: ${me.fullName}` : t('account.menu')} aria-haspopup="menu">
        {compact ? null : (
          <>
            <span className="app-account-name">{me.fullName}</span>
            <DownOutlined />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
