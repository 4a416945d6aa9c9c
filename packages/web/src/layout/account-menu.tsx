import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { useMe } from '../auth/me-context';
import { errorMessage } from '../errors';

/** The user's name in the header, opening Đổi mật khẩu / Khóa API / Đăng xuất. */
export function AccountMenu() {
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
    { key: 'password', icon: <LockOutlined />, label: t('account.change_password') },
    { key: 'tokens', icon: <KeyOutlined />, label: t('account.tokens') },
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
      <Button type="text" icon={<UserOutlined />} aria-label={t('account.menu')} aria-haspopup="menu">
        <span>{me.fullName}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
