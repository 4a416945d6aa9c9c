import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES } from '@cchc/domain';
import { Button, Flex, Form, Select, Typography } from 'antd';
import type { Role } from '@cchc/domain';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../../components/unit-tree-select';

/** The user's role grants: each a role held over a unit and everything below it. */
export function GrantsField() {
  const { t } = useTranslation();
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 8 }}>{t('users.grants')}</legend>
      <Form.List name="grants">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('users.no_grants')}</Typography.Paragraph> : null}
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start" wrap role="group" aria-label={t('users.grant_label', { index: index + 1 })}>
                <Form.Item
                  name={[field.name, 'role']}
                  label={t('users.grant_role')}
                  rules={[{ required: true, message: t('common.select_required', { field: t('users.grant_role').toLowerCase() }) }]}
                  style={{ flex: '1 1 180px' }}
                  extra={<RoleHelp name={field.name} />}
                >
                  <Select options={roleOptions} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitId']}
                  label={t('users.grant_unit')}
                  rules={[{ required: true, message: t('common.select_required', { field: t('users.grant_unit').toLowerCase() }) }]}
                  style={{ flex: '2 1 240px' }}
                >
                  <UnitTreeSelect />
                </Form.Item>
                <Button
                  danger
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('users.remove_grant', { index: index + 1 })}
                  title={t('users.remove_grant', { index: index + 1 })}
                  style={{ marginTop: 30 }}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }}>
              {t('users.add_grant')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

/** One line on what the chosen role may do, under the role field (issue #13 item 6b). */
function RoleHelp({ name }: { name: number }) {
  const { t } = useTranslation();
  const role = Form.useWatch<Role | undefined>(['grants', name, 'role'], Form.useFormInstance());
  return role ? <span data-testid="role-help">{t(`roles_help.${role}`)}</span> : null;
}
