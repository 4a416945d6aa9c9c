import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarKeys, createCalendarDay, getCalendarYear, updateCalendarDay } from '../../api/calendar';
import type { CalendarDay, CalendarDayKind, CalendarDayStatus, FieldProblem, LocalDateString } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors, isStaleVersion } from '../../errors';
import { formatDate } from '../../format';
import { partsOf, weekdayOf } from './civil-days';
import { longDate } from './day-labels';
import { currentDayFrom, isDayExists, withFormPaths } from './field-errors';
import { ImpactNotice, useImpact } from './impact-notice';

export type DayFormTarget = { mode: 'create'; year: number; date?: LocalDateString } | { mode: 'edit'; day: CalendarDay };

interface Values {
  date?: Dayjs | null;
  kind?: CalendarDayKind;
  name: string;
  status: CalendarDayStatus;
  sourceNumber?: string;
  sourceDate?: Dayjs | null;
  note?: string;
}

const FIELDS = ['date', 'kind', 'name', 'status', 'sourceNumber', 'sourceDate', 'note'] as const;
const CLOSURE_KINDS: readonly CalendarDayKind[] = ['holiday', 'compensatory', 'swap'];
const ALL_KINDS: readonly CalendarDayKind[] = [...CLOSURE_KINDS, 'working_saturday'];
const DATE_FORMAT = 'DD/MM/YYYY';

/** The picker's day as the civil day the user chose; only its YYYY-MM-DD text is ever sent. */
const toDay = (d: Dayjs | null | undefined): LocalDateString | null => (d ? d.format('YYYY-MM-DD') : null);
const fromDay = (d: LocalDateString | null): Dayjs | null => (d ? dayjs(d, 'YYYY-MM-DD') : null);

/** Kinds a day may have: a make-up day is a Saturday, a closure a weekday (weekends are off anyway). */
function kindsFor(date: LocalDateString | null): readonly CalendarDayKind[] {
  if (!date) return ALL_KINDS;
  const w = weekdayOf(date);
  if (w === 6) return ['working_saturday'];
  if (w === 0) return [];
  return CLOSURE_KINDS;
}

interface Props {
  target: DayFormTarget | null;
  /** Days already listed for the year, to refuse a duplicate before asking the server. */
  listed: ReadonlyMap<LocalDateString, CalendarDay>;
  onClose: () => void;
  /** Opens the edit form of a day that turned out to exist already. */
  onEditExisting: (day: CalendarDay) => void;
}

export function DayFormModal({ target, listed, onClose, onEditExisting }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const editing = target?.mode === 'edit' ? target.day : null;
  const year = target ? (target.mode === 'edit' ? target.day.year : target.year) : 0;

  const pickedDay = toDay(Form.useWatch('date', form));
  const date = editing ? editing.date : pickedDay && partsOf(pickedDay).year === year ? pickedDay : null;
  // Adding a day changes whether it is worked: show the open records it touches before saving.
  const impact = useImpact(target?.mode === 'create' ? date : null);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const d = target.day;
      form.setFieldsValue({
        date: fromDay(d.date),
        kind: d.kind,
        name: d.name,
        status: d.status,
        sourceNumber: d.sourceNumber ?? '',
        sourceDate: fromDay(d.sourceDate),
        note: d.note ?? '',
      });
      setVersion(d.version);
    } else {
      const kinds = kindsFor(target.date ?? null);
      form.setFieldsValue({ date: fromDay(target.date ?? null), kind: kinds.length === 1 ? kinds[0] : undefined, status: 'official' });
    }
  }, [target, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (!target) throw new Error('no target');
      const fields = {
        kind: v.kind!,
        name: v.name.trim(),
        status: v.status,
        sourceNumber: v.sourceNumber?.trim() || null,
        sourceDate: toDay(v.sourceDate),
        note: v.note?.trim() || null,
      };
      return editing ? updateCalendarDay(editing.date, { version, ...fields }) : createCalendarDay({ date: toDay(v.date)!, ...fields });
    },
    onSuccess: async (day) => {
      message.success(t(editing ? 'calendar.updated' : 'calendar.created', { date: formatDate(day.date) }));
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      close();
    },
    onError: (error) => setLeftover(applyFieldErrors(form, withFormPaths(error), FIELDS)),
  });

  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };

  const loadCurrent = async () => {
    if (!editing) return;
    let current = currentDayFrom(save.error);
    if (!current) {
      const fresh = await queryClient.fetchQuery({ queryKey: calendarKeys.year(editing.year), queryFn: () => getCalendarYear(editing.year), staleTime: 0 });
      current = fresh.days.find((d) => d.date === editing.date) ?? null;
    }
    void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    if (current) {
      form.setFieldsValue({
        kind: current.kind,
        name: current.name,
        status: current.status,
        sourceNumber: current.sourceNumber ?? '',
        sourceDate: fromDay(current.sourceDate),
        note: current.note ?? '',
      });
      setVersion(current.version);
    }
    save.reset();
  };

  const onDateChange = (value: Dayjs | null) => {
    const kinds = kindsFor(toDay(value));
    const kind = form.getFieldValue('kind') as CalendarDayKind | undefined;
    if (kinds.length === 1) form.setFieldValue('kind', kinds[0]);
    else if (kind && !kinds.includes(kind)) form.setFieldValue('kind', undefined);
  };

  const conflict = isStaleVersion(save.error);
  const exists = isDayExists(save.error) ? currentDayFrom(save.error) : null;
  const waitingForImpact = target?.mode === 'create' && date !== null && !impact.isSuccess;
  const kindOptions = kindsFor(date).map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }));

  return (
    <Modal
      open={target !== null}
      title={editing ? t('calendar.edit_title', { date: longDate(t, editing.date) }) : t('calendar.create_title', { year })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: conflict || waitingForImpact }}
      onOk={() => form.submit()}
      onCancel={close}
      width={640}
      forceRender
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('calendar.conflict_title')}
          description={t('calendar.conflict_body')}
          action={<Button onClick={() => void loadCurrent()}>{t('calendar.load_current')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : exists ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('calendar.exists_title', { date: formatDate(exists.date), name: exists.name })}
          description={t('calendar.exists_body')}
          action={
            <Button
              onClick={() => {
                close();
                onEditExisting(exists);
              }}
            >
              {t('calendar.edit_existing')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : save.isError ? (
        <ErrorAlert error={save.error} fields={leftover} />
      ) : null}
      <Form<Values> form={form} name="calendar-day" layout="vertical" onFinish={(values) => save.mutate(values)} requiredMark>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="date"
              label={t('calendar.field_date')}
              extra={editing ? t('calendar.date_fixed') : undefined}
              rules={[
                { required: true, message: t('common.select_required', { field: t('calendar.field_date').toLowerCase() }) },
                {
                  validator: (_, value: Dayjs | null) => {
                    const day = toDay(value);
                    if (!day || editing) return Promise.resolve();
                    if (partsOf(day).year !== year) return Promise.reject(new Error(t('calendar.date_outside_year', { year })));
                    if (weekdayOf(day) === 0) return Promise.reject(new Error(t('errors.calendar.sunday')));
                    const existing = listed.get(day);
                    if (existing) return Promise.reject(new Error(t('calendar.date_listed', { name: existing.name })));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <DatePicker
                format={DATE_FORMAT}
                placeholder={DATE_FORMAT.toLowerCase()}
                disabled={!!editing}
                onChange={onDateChange}
                defaultPickerValue={fromDay(`${year}-01-01`) ?? undefined}
                disabledDate={(d) => d.year() !== year}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="kind"
              label={t('calendar.field_kind')}
              rules={[
                { required: true, message: t('common.select_required', { field: t('calendar.field_kind').toLowerCase() }) },
                {
                  validator: (_, kind: CalendarDayKind | undefined) => {
                    if (!kind || !date) return Promise.resolve();
                    if (kind === 'working_saturday' && weekdayOf(date) !== 6) return Promise.reject(new Error(t('errors.calendar.not_saturday')));
                    if (kind !== 'working_saturday' && weekdayOf(date) === 6) return Promise.reject(new Error(t('errors.calendar.not_weekday')));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Select options={kindOptions} />
            </Form.Item>
          </Col>
        </Row>
        {editing ? null : (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t('calendar.date_hint')}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="name"
          label={t('calendar.field_name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('calendar.field_name').toLowerCase() }) }]}
        >
          <Input maxLength={200} placeholder={t('calendar.name_placeholder')} />
        </Form.Item>
        <Form.Item name="status" label={t('calendar.field_status')} extra={t('calendar.status_hint')}>
          <Radio.Group
            options={[
              { value: 'official', label: t('calendar.status.official') },
              { value: 'provisional', label: t('calendar.status.provisional') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="sourceNumber" label={t('calendar.field_source_number')}>
              <Input maxLength={100} placeholder={t('calendar.source_number_placeholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="sourceDate" label={t('calendar.field_source_date')}>
              <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('calendar.field_note')}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
      {target?.mode === 'create' ? (
        <section aria-labelledby="calendar-impact-heading">
          <Typography.Title level={3} id="calendar-impact-heading" style={{ fontSize: 15 }}>
            {t('calendar.impact_heading')}
          </Typography.Title>
          {date ? <ImpactNotice date={date} impact={impact} /> : <Typography.Text type="secondary">{t('calendar.impact_pick_date')}</Typography.Text>}
        </section>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('calendar.edit_no_impact')}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
