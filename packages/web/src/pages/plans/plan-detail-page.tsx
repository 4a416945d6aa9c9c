import { DeleteOutlined, FileExcelOutlined, FileWordOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Segmented, Space, Spin, Table, Upload } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  closePlan,
  deletePlan,
  downloadPlanDocument,
  exportPlanTasks,
  fileUrl,
  getPlan,
  importTasks,
  issuePlan,
  listFiles,
  listTasks,
  planKeys,
  uploadFile,
  type PlanSummary,
  type TaskSummary,
} from '../../api/plans';
import { DetailQueryState } from '../../components/detail-query-state';
import { FileImportModal } from '../../components/file-import-modal';
import { rowProblems } from '../../components/import-errors-table';
import { PageHeader } from '../../components/page-header';
import { useSearchParamsPatch } from '../../components/use-url-query';
import { errorMessage, fieldErrorMessage } from '../../errors';
import { formatDate } from '../../format';
import { lookupText } from '../../i18n/lookup';
import { saveBlob } from '../procedures/procedure-format';
import { PlanDueDay } from './plan-due-day';
import { PlanStatusTag } from './plan-tags';
import { taskColumns } from './task-columns';

const PlanTimeline = lazy(() => import('./plan-timeline'));

/** A plan: its document, attachments, tasks as a table or a timeline, and the plan's actions. */
export function PlanDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const plan = useQuery({ queryKey: planKeys.detail(id), queryFn: () => getPlan(id) });
  const back = <Link to="/plans">{t('plans.back_to_plans')}</Link>;
  if (!plan.data) return <DetailQueryState query={plan} title={t('plans.plans_title')} back={back} />;
  return <PlanDetail plan={plan.data} back={back} />;
}

function PlanDetail({ plan, back }: { plan: PlanSummary; back: React.ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { params, patch } = useSearchParamsPatch();
  const view = params.get('view') === 'timeline' ? 'timeline' : 'table';
  const [importing, setImporting] = useState(false);
  const tasksQuery = { planId: plan.id, pageSize: 500, sort: 'dueOn' as const };
  const tasks = useQuery({ queryKey: planKeys.tasks(tasksQuery), queryFn: () => listTasks(tasksQuery) });
  const files = useQuery({ queryKey: planKeys.files('plan', plan.id), queryFn: () => listFiles('plan', plan.id) });
  const refresh = async () => client.invalidateQueries({ queryKey: planKeys.all });
  const fail = (e: unknown) => message.error(errorMessage(e));
  const issue = useMutation({ mutationFn: () => issuePlan(plan.id, plan.version), onSuccess: refresh, onError: fail });
  const close = useMutation({ mutationFn: () => closePlan(plan.id, plan.version), onSuccess: refresh, onError: fail });
  const remove = useMutation({
    mutationFn: () => deletePlan(plan.id, plan.version),
    onSuccess: async () => {
      await refresh();
      void navigate('/plans');
    },
    onError: fail,
  });
  const download = useMutation({
    mutationFn: (what: 'docx' | 'xlsx') => (what === 'docx' ? downloadPlanDocument(plan.id) : exportPlanTasks(plan.id)),
    onSuccess: (f) => saveBlob(f.blob, f.fileName),
    onError: fail,
  });
  const attach = useMutation({
    mutationFn: (file: File) => uploadFile('plan', plan.id, file),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.files('plan', plan.id) }),
    onError: fail,
  });
  const label = useCallback((x: TaskSummary) => `${x.unitName} · ${t('plans.task.due_on')} ${formatDate(x.dueOn)} · ${x.progress}%`, [t]);
  // Sub-tasks right under their parent, as in the plan's appendix.
  const items = tasks.data?.items ?? [];
  const ordered = items.filter((x) => !x.parentId).flatMap((p) => [p, ...items.filter((s) => s.parentId === p.id)]);

  return (
    <>
      {back}
      <PageHeader
        title={plan.title}
        extra={
          <Space wrap>
            <Button icon={<FileWordOutlined />} loading={download.isPending && download.variables === 'docx'} onClick={() => download.mutate('docx')}>
              {t('plans.print_docx')}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={download.isPending && download.variables === 'xlsx'} onClick={() => download.mutate('xlsx')}>
              {t('plans.export_tasks')}
            </Button>
            {plan.can.createTask ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('plans.import.open')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/plans/tasks/new?planId=${plan.id}`)}>
                  {t('plans.create_task')}
                </Button>
              </>
            ) : null}
            {plan.can.issue ? (
              <Popconfirm title={t('plans.confirm_issue')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => issue.mutate()}>
                <Button type="primary" loading={issue.isPending}>
                  {t('plans.issue')}
                </Button>
              </Popconfirm>
            ) : null}
            {plan.can.close ? (
              <Popconfirm title={t('plans.confirm_close')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => close.mutate()}>
                <Button loading={close.isPending}>{t('plans.close')}</Button>
              </Popconfirm>
            ) : null}
            {plan.can.delete ? (
              <Popconfirm
                title={t('plans.confirm_delete')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('plans.plan.agency')}>{plan.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('plans.kind_label')}>{t(`plans.kind.${plan.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.status_label')}>
            <PlanStatusTag status={plan.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.plan.document_number')}>{plan.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.plan.document_date')}>{formatDate(plan.documentDate)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.plan.signer')}>{plan.signer ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.plan.issued_on')}>{formatDate(plan.issuedOn)}</Descriptions.Item>
          {plan.timeliness ? (
            <Descriptions.Item label={t('plans.plan.timeliness')}>
              <PlanDueDay plan={plan} />
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('plans.plan.tasks')}>
            {t('plans.plan.bucket_summary', { count: plan.taskCount, done: plan.buckets.done_on_time + plan.buckets.done_late, overdue: plan.buckets.overdue })}
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.plan.attachments')} span={3}>
            <Space wrap>
              {(files.data?.items ?? []).map((f) => (
                <a key={f.id} href={fileUrl(f.id)}>
                  {f.name}
                </a>
              ))}
              {plan.can.manage ? (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    attach.mutate(file);
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />} loading={attach.isPending}>
                    {t('plans.attach_signed')}
                  </Button>
                </Upload>
              ) : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('plans.plan.tasks')}
        extra={
          <Segmented
            value={view}
            options={[
              { value: 'table', label: t('plans.view_table') },
              { value: 'timeline', label: t('plans.view_timeline') },
            ]}
            onChange={(v) => patch({ view: String(v) })}
          />
        }
      >
        {view === 'timeline' ? (
          <Suspense fallback={<Spin />}>
            <PlanTimeline tasks={ordered} label={label} />
          </Suspense>
        ) : (
          <Table<TaskSummary>
            rowKey="id"
            size="middle"
            loading={tasks.isFetching}
            dataSource={ordered}
            columns={taskColumns(t)}
            pagination={false}
            scroll={{ x: 1000 }}
          />
        )}
      </Card>
      <FileImportModal<object, { created: number }>
        open={importing}
        onClose={() => setImporting(false)}
        name="task-import"
        accept=".xlsx"
        text={{
          title: t('plans.import.title'),
          submit: t('plans.import.submit'),
          hint: t('plans.import.hint'),
          file: t('plans.import.file'),
          fileRequired: t('plans.import.file_required'),
          fileHint: t('plans.import.file_hint'),
          pick: t('plans.import.choose'),
          errors: (count) => ({
            title: t('plans.import.errors_title', { count }),
            body: t('plans.import.errors_body'),
            row: t('plans.import.row'),
            column: t('plans.import.column'),
            problem: t('plans.import.problem'),
          }),
        }}
        send={(_v, file) => importTasks(plan.id, file)}
        onImported={async (r) => {
          message.success(t('plans.import.done', { count: r.created }));
          await refresh();
        }}
        problems={(error) => rowProblems(error, ['import.invalid'])}
        columnName={(c) => lookupText(`plans.import.columns.${c}`) ?? c}
        problemText={fieldErrorMessage}
      >
        {null}
      </FileImportModal>
    </>
  );
}
