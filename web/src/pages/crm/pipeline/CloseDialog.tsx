// 赢单 / 输单: the dialog that closes an opportunity with its reason (required when lost), the
// competitor who won it (lost), or the sales order that was won (optional: the linked
// quotation's order is taken otherwise).
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pipelineApi, type OpportunityView } from '../../../api/crm/pipeline';
import { problemText } from '../../finance/common';

export type Outcome = 'won' | 'lost';

export function CloseDialog({ opportunity, outcome, stageId, onClose, onDone }: {
  opportunity: { id: number; name: string } | null;
  outcome: Outcome;
  /** Closing by moving into this won/lost stage (the board); the win/lose step otherwise. */
  stageId?: number;
  onClose: () => void;
  onDone: (view: OpportunityView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string; competitor?: string; sales_order_id?: number }>();
  const [saving, setSaving] = useState(false);
  const won = outcome === 'won';

  const submit = async () => {
    if (!opportunity) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      const reason = values.reason?.trim() || undefined;
      const view = stageId !== undefined
        ? await pipelineApi.move(opportunity.id, stageId, { reason, competitor: values.competitor?.trim() || undefined })
        : won
          ? await pipelineApi.win(opportunity.id, { reason, sales_order_id: values.sales_order_id ?? undefined })
          : await pipelineApi.lose(opportunity.id, { reason: reason ?? '', competitor: values.competitor?.trim() || undefined });
      form.resetFields();
      onDone(view);
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={opportunity !== null} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden
      okText={won ? t('crm.pipeline.close.win') : t('crm.pipeline.close.lose')}
      okButtonProps={{ danger: !won, 'data-testid': 'close-confirm' } as never}
      title={opportunity ? t(won ? 'crm.pipeline.close.winTitle' : 'crm.pipeline.close.loseTitle', { name: opportunity.name }) : ''}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('crm.pipeline.close.reason')}
          rules={won ? [] : [{ required: true, whitespace: true, message: t('crm.pipeline.close.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="close-reason" />
        </Form.Item>
        {won ? (
          stageId === undefined && (
            <Form.Item name="sales_order_id" label={t('crm.pipeline.close.salesOrder')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )
        ) : (
          <Form.Item name="competitor" label={t('crm.pipeline.close.competitor')}>
            <Input maxLength={200} data-testid="close-competitor" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
