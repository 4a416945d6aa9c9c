import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { importCriteriaSetXlsx, parKeys } from '../../api/par';
import type { CriteriaSetView } from '../../api/par-types';
import type { ImportRowProblem } from '../../api/types';
import { useMe } from '../../auth/me-context';
import { FileImportModal } from '../../components/file-import-modal';
import { rowProblems } from '../../components/import-errors-table';
import { fieldErrorMessage } from '../../errors';
import { lookupText } from '../../i18n/lookup';
import { issueText } from './criteria-issues';
import { OwnerAndTitleFields } from './set-modals';

/** The row problems of a refused workbook (sheet errors or the set's own checks), or null for any other error. */
export function sheetProblems(error: unknown): ImportRowProblem[] | null {
  return rowProblems(error, ['import.invalid', 'par.criteria_invalid']);
}

const problemText = (code: string) => (code.startsWith('criteria.') ? issueText({ code }) : fieldErrorMessage(code));
const columnName = (column: string) => lookupText(`par.sets.xlsx_column.${column}`) ?? column;

interface Values {
  ownerUnitId: string;
  title: string;
}

/** Imports a set from an .xlsx workbook; a refused file lists every row and column at fault, nothing is written. */
export function ImportSetXlsxModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  return (
    <FileImportModal<Values, CriteriaSetView>
      open={open}
      onClose={onClose}
      name="par-xlsx-import"
      initialValues={{ ownerUnitId: me.unitId }}
      accept=".xlsx"
      text={{
        title: t('par.sets.xlsx_import_title'),
        submit: t('par.sets.import_submit'),
        hint: t('par.sets.xlsx_import_hint'),
        file: t('par.sets.xlsx_file'),
        fileRequired: t('par.sets.xlsx_file_required'),
        fileHint: t('par.sets.xlsx_file_hint'),
        pick: t('par.sets.xlsx_pick'),
        errors: (count) => ({
          title: t('par.sets.xlsx_errors_title', { count }),
          body: t('par.sets.xlsx_errors_body'),
          row: t('par.sets.xlsx_row'),
          column: t('par.sets.xlsx_column_label'),
          problem: t('par.sets.xlsx_problem'),
        }),
      }}
      send={(v, file) => importCriteriaSetXlsx({ ownerUnitId: v.ownerUnitId, title: v.title.trim() }, file)}
      onImported={async () => {
        message.success(t('par.sets.imported'));
        await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      }}
      afterClose={(set) => void navigate(`/par/criteria-sets/${set.id}`)}
      problems={sheetProblems}
      columnName={columnName}
      problemText={problemText}
    >
      <OwnerAndTitleFields idPrefix="par-xlsx" />
    </FileImportModal>
  );
}
