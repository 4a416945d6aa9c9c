import { useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { importProcedures, procedureKeys } from '../../api/procedures';
import type { ImportResult } from '../../api/types';
import { FileImportModal } from '../../components/file-import-modal';
import { rowProblems } from '../../components/import-errors-table';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { fieldErrorMessage } from '../../errors';
import { lookupText } from '../../i18n/lookup';

interface Values {
  unitId: string;
}

const columnName = (column: string) => lookupText(`procedures.sheet_column.${column}`) ?? column;

/** Uploads a sheet for one implementing unit; a refused file lists every row problem, nothing is written. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  return (
    <FileImportModal<Values, ImportResult>
      open={open}
      onClose={onClose}
      name="procedure-import"
      accept=".xlsx,.csv"
      text={{
        title: t('procedures.import.title'),
        submit: t('procedures.import.submit'),
        hint: t('procedures.import.hint'),
        file: t('procedures.import.file'),
        fileRequired: t('procedures.import.file_required'),
        fileHint: t('procedures.import.file_hint'),
        pick: t('procedures.import.choose'),
        errors: (count) => ({
          title: t('procedures.import.errors_title', { count }),
          body: t('procedures.import.errors_body'),
          row: t('procedures.import.row'),
          column: t('procedures.import.column'),
          problem: t('procedures.import.problem'),
        }),
      }}
      send={(v, file) => importProcedures(v.unitId, file)}
      onImported={async (r) => {
        message.success(t('procedures.import.done', { created: r.created, updated: r.updated }));
        await queryClient.invalidateQueries({ queryKey: procedureKeys.all });
      }}
      problems={(error) => rowProblems(error, ['import.invalid'])}
      columnName={columnName}
      problemText={fieldErrorMessage}
    >
      <Form.Item
        name="unitId"
        label={t('procedures.import.unit')}
        rules={[{ required: true, message: t('common.select_required', { field: t('procedures.import.unit').toLowerCase() }) }]}
      >
        <UnitTreeSelect />
      </Form.Item>
    </FileImportModal>
  );
}
