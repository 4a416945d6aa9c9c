import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, TreeSelect, type FormInstance } from 'antd';
import { CRITERION_LEVELS } from '@cchc/domain';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addCriterion, parKeys, updateCriterion } from '../../api/par';
import { ApiError } from '../../api/http';
import type { CriteriaIssue, CriteriaSetView, CriterionView, NodeInput, ParRule } from '../../api/par-types';
import type { FieldProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors, isStaleVersion } from '../../errors';
import { CriteriaIssues } from './criteria-issues';
import { MetricPicker } from './metric-picker';
import { parseScoreText, toScoreText } from './par-format';
import { criteriaTree, nextOrder, subtreeIds, type TreeRow } from './par-tree';
import { ruleToValues, valuesToRule, type RuleValues } from './rule-form';
import { RuleFields } from './rule-fields';

/** Parameters a kind starts with when the user switches to it (a one-time deduction, floor 0). */
const RULE_DEFAULTS: Partial<RuleValues> = { mode: 'condition', floor: '0', triggerInclusive: false };

interface Values {
  parentId?: string | null;
  code: string;
  title: string;
  level: CriterionView['level'];
  max: string;
  rule: RuleValues;
  evidenceRequired: boolean;
  notSelfScored: boolean;
  responsibleUnitId?: string | null;
  metric?: string | null;
  order: number;
}

const FIELDS = ['parentId', 'code', 'title', 'level', 'max', 'rule', 'evidenceRequired', 'notSelfScored', 'responsibleUnitId', 'metric', 'order'];

/** The issues of a change the server refused as leaving the set invalid ('par.criteria_invalid'). */
function rejectedIssues(error: unknown): CriteriaIssue[] | null {
  if (!(error instanceof ApiError) || error.code !== 'par.criteria_invalid') return null;
  const issues = (error.detail as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) && issues.length > 0 ? (issues as CriteriaIssue[]) : null;
}

/** What the modal edits: an existing row, or a new row under `parentId` (null for a new field). */
export type CriterionTarget = { mode: 'edit'; node: CriterionView } | { mode: 'add'; parentId: string | null };

interface ParentOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: ParentOption[];
}

function parentOptions(rows: readonly TreeRow<CriterionView>[], excluded: ReadonlySet<string>): ParentOption[] {
  return rows.map((r) => ({
    value: r.id,
    title: `${r.code}. ${r.title}`,
    disabled: excluded.has(r.id),
    children: r.children ? parentOptions(r.children, excluded) : undefined,
  }));
}

function initialValues(set: CriteriaSetView, target: CriterionTarget): Values {
  if (target.mode === 'edit') {
    const n = target.node;
    return {
      parentId: n.parentId,
      code: n.code,
      title: n.title,
      level: n.level,
      max: toScoreText(n.maxHundredths),
      rule: { ...RULE_DEFAULTS, ...ruleToValues(n.rule) },
      evidenceRequired: n.evidenceRequired,
      notSelfScored: n.notSelfScored,
      responsibleUnitId: n.responsibleUnitId,
      metric: n.metric,
      order: n.order,
    };
  }
  const parent = set.nodes.find((n) => n.id === target.parentId);
  const level = parent ? (parent.level === 'field' ? 'criterion' : 'sub_criterion') : 'field';
  const siblings = set.nodes.filter((n) => n.parentId === target.parentId).length;
  return {
    parentId: target.parentId,
    code: parent ? `${parent.code}.${siblings + 1}` : String(siblings + 1),
    title: '',
    level,
    max: '',
    rule: { ...RULE_DEFAULTS, kind: 'manual' },
    evidenceRequired: level !== 'field',
    notSelfScored: false,
    responsibleUnitId: null,
    metric: null,
    order: nextOrder(set.nodes, target.parentId),
  };
}

/** Adds or edits one row of a draft set; the server validates the whole set after the change. */
export function CriterionFormModal({ set, target, onClose }: { set: CriteriaSetView; target: CriterionTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const [ruleProblem, setRuleProblem] = useState<string | null>(null);
  const editing = target?.mode === 'edit' ? target.node : null;
  // The picker enables only the metrics whose kind the rule being edited can take.
  const rule = Form.useWatch('rule', form) as Partial<RuleValues> | undefined;

  useEffect(() => {
    if (target) form.setFieldsValue(initialValues(set, target));
    // Only when the modal opens on another row; later refetches must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const tree = useMemo(() => criteriaTree(set.nodes), [set.nodes]);
  const excluded = useMemo(() => (editing ? subtreeIds(set.nodes, editing.id) : new Set<string>()), [set.nodes, editing]);

  const save = useMutation({
    mutationFn: (input: NodeInput) => (editing ? updateCriterion(set.id, editing.id, set.version, input) : addCriterion(set.id, set.version, input)),
    onSuccess: (saved) => {
      queryClient.setQueryData(parKeys.set(set.id), saved);
      close();
    },
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.set(set.id) });
      setLeftover(applyFieldErrors(form, error, FIELDS));
      // The catalogue refused the key (422): say so under the picker, with the key.
      if (error instanceof ApiError && (error.code === 'par.metric_unknown' || error.code === 'par.metric_kind_mismatch')) {
        const d = (error.detail ?? {}) as { key?: string; valueKind?: string };
        const text =
          error.code === 'par.metric_unknown'
            ? t('par.catalogue.unknown_key', { key: d.key ?? '' })
            : t('par.catalogue.kind_mismatch', { key: d.key ?? '', kind: d.valueKind ?? '' });
        form.setFields([{ name: 'metric', errors: [text] }]);
      }
    },
  });

  // A change that would leave the set invalid comes back with every issue and its numbers.
  const rejected = rejectedIssues(save.error);

  const close = () => {
    save.reset();
    setLeftover([]);
    setRuleProblem(null);
    form.resetFields();
    onClose();
  };

  const submit = (v: Values) => {
    setRuleProblem(null);
    const max = parseScoreText(v.max);
    const read = valuesToRule(v.rule);
    const errors: { name: (string | number)[]; errors: string[] }[] = [];
    if (max === null) errors.push({ name: ['max'], errors: [t('par.rule.error.number')] });
    for (const p of read.problems) {
      if (p.name.length === 2 && p.name[1] === 'bands') setRuleProblem(t(`par.rule.error.${p.code}`));
      else errors.push({ name: p.name, errors: [t(`par.rule.error.${p.code}`)] });
    }
    if (errors.length > 0 || !read.rule || max === null) {
      // Rule parameters are nested paths the typed form cannot name statically.
      (form as FormInstance).setFields(errors);
      return;
    }
    const rule: ParRule = read.rule;
    save.mutate({
      parentId: v.parentId ?? null,
      code: v.code.trim(),
      title: v.title.trim(),
      level: v.level,
      maxHundredths: max,
      rule,
      evidenceRequired: v.evidenceRequired,
      notSelfScored: v.notSelfScored,
      responsibleUnitId: v.responsibleUnitId ?? null,
      metric: v.metric || null,
      order: v.order,
    });
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? t('par.criteria.edit_title', { code: editing.code }) : t('par.criteria.add_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={880}
      forceRender
    >
      <ErrorAlert error={save.error} fields={rejected ? [] : leftover} />
      {rejected ? <CriteriaIssues issues={rejected} /> : null}
      {ruleProblem ? <Alert type="error" showIcon title={ruleProblem} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="parentId" label={t('par.criteria.parent')} htmlFor="par-node-parent" extra={t('par.criteria.parent_hint')}>
              <TreeSelect
                id="par-node-parent"
                allowClear
                treeData={parentOptions(tree, excluded)}
                treeDefaultExpandAll
                placeholder={t('par.criteria.parent_root')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="order"
              label={t('par.criteria.order')}
              htmlFor="par-node-order"
              rules={[{ required: true, message: t('common.required', { field: t('par.criteria.order') }) }]}
            >
              <InputNumber id="par-node-order" precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="code"
              label={t('par.criteria.code')}
              htmlFor="par-node-code"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.criteria.code') }) }]}
            >
              <Input id="par-node-code" maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('par.criteria.title_label')}
          htmlFor="par-node-title"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.criteria.title_label') }) }]}
        >
          <Input.TextArea id="par-node-title" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="level" label={t('par.criteria.level_label')} htmlFor="par-node-level">
              <Select id="par-node-level" options={CRITERION_LEVELS.map((l) => ({ value: l, label: t(`par.criteria.level.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="max"
              label={t('par.max_points')}
              htmlFor="par-node-max"
              rules={[{ required: true, message: t('common.required', { field: t('par.max_points') }) }]}
            >
              <Input id="par-node-max" inputMode="decimal" suffix={t('par.points_unit')} />
            </Form.Item>
          </Col>
        </Row>
        <RuleFields form={form} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="responsibleUnitId" label={t('par.criteria.responsible_unit')} htmlFor="par-node-unit">
              <UnitTreeSelect id="par-node-unit" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="metric" label={t('par.criteria.metric')} htmlFor="par-node-metric" extra={t('par.criteria.metric_hint')}>
              <MetricPicker id="par-node-metric" rule={rule} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="evidenceRequired" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('par.criteria.evidence_required')}</Checkbox>
        </Form.Item>
        <Form.Item name="notSelfScored" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('par.criteria.not_self_scored')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
