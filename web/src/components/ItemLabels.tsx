// 打印标签: a button opening a small dialog — barcode (Code 128 or QR), layout (A4 sheet of
// 3 × 8 or a roll), copies per item — that fetches GET /api/v1/items/labels.pdf for the chosen
// items and saves the PDF. Options are checked as the server checks them (lib/itemLabels.ts);
// the server's refusals show at the control they name (an item another company owns: `ids[i]`).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFile, saveFile } from '../api/client';
import { ApiError } from '../api/problem';
import {
  DEFAULT_LABEL_OPTIONS, labelField, labelProblems, labelsQuery, LAYOUTS, SYMBOLOGIES, type LabelOptions,
} from '../lib/itemLabels';

type Field = 'ids' | 'symbology' | 'layout' | 'copies';

function LabelsDialog({ ids, onClose }: { ids: number[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [options, setOptions] = useState<LabelOptions>(DEFAULT_LABEL_OPTIONS);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<LabelOptions>) => {
    setOptions((o) => ({ ...o, ...patch }));
    setErrors({});
    setGeneral(null);
  };
  const copies = Number(options.copies) || 0;

  const print = async () => {
    const local = labelProblems(ids, options);
    if (Object.keys(local).length) {
      setErrors(Object.fromEntries(Object.entries(local).map(([f, p]) => [f, t(`supply.labels.problems.${p}`)])));
      return;
    }
    setBusy(true);
    try {
      const { blob, fileName } = await fetchFile('/api/v1/items/labels.pdf', labelsQuery(ids, options));
      saveFile(blob, fileName);
      message.success(t('supply.labels.done'));
      onClose();
    } catch (e) {
      const named: Partial<Record<Field, string>> = {};
      if (e instanceof ApiError) {
        for (const f of e.problem.errors ?? []) {
          const field = labelField(f.field);
          if (field) named[field] = [named[field], f.message || f.code].filter(Boolean).join('；');
        }
      }
      setErrors(named);
      if (!Object.keys(named).length) setGeneral(e instanceof ApiError ? e.problem.detail || e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const status = (field: Field) => ({
    validateStatus: errors[field] ? ('error' as const) : undefined,
    help: errors[field] ? <span data-testid={`labels-error-${field}`}>{errors[field]}</span> : undefined,
  });
  return (
    <Modal open title={t('supply.labels.title')} onCancel={onClose} onOk={() => void print()} confirmLoading={busy}
      okText={t('supply.labels.ok')} okButtonProps={{ id: 'labels-ok' }} destroyOnHidden>
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 12 }} data-testid="labels-error" />}
      <Form layout="vertical" onFinish={() => void print()} data-testid="labels-dialog">
        <Form.Item {...status('ids')}>
          <Typography.Text data-testid="labels-count">
            {t('supply.labels.count', { items: ids.length, copies, labels: ids.length * copies })}
          </Typography.Text>
        </Form.Item>
        <Form.Item label={t('supply.labels.symbology')} {...status('symbology')}>
          <Radio.Group value={options.symbology} onChange={(e) => set({ symbology: e.target.value })} data-testid="labels-symbology"
            options={SYMBOLOGIES.map((s) => ({ value: s, label: t(`supply.labels.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('supply.labels.layout')} {...status('layout')}>
          <Radio.Group value={options.layout} onChange={(e) => set({ layout: e.target.value })} data-testid="labels-layout"
            options={LAYOUTS.map((l) => ({ value: l, label: t(`supply.labels.${l}`) }))} />
        </Form.Item>
        <Form.Item label={t('supply.labels.copies')} {...status('copies')}>
          <Input id="labels-copies" inputMode="numeric" style={{ width: 140 }} value={options.copies}
            onChange={(e) => set({ copies: e.target.value })} onPressEnter={() => void print()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "打印标签" for the given items (in that order); disabled without any. */
export function PrintLabelsButton({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PrinterOutlined />} disabled={ids.length === 0} onClick={() => setOpen(true)} data-testid="print-labels">
        {t('supply.labels.print')}
      </Button>
      {open && <LabelsDialog ids={ids} onClose={() => setOpen(false)} />}
    </>
  );
}
