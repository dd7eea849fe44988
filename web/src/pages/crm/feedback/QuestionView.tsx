// One question as the customer answers it: stars for a rating, 0–10 buttons for NPS, radio or
// check boxes for choices, a text area for text. Used by the public page and the designer's preview.
import { Checkbox, Input, Radio, Rate, Space, Typography } from 'antd';
import type { AnswerValue, SurveyQuestion } from '../../../api/crm/feedback';
import { scoreRange } from '../../../lib/crm/feedback';

export function QuestionInputView({ question, value, onChange, labels, disabled }: {
  question: Pick<SurveyQuestion, 'id' | 'kind' | 'options'>;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  labels: { nps_low: string; nps_high: string };
  disabled?: boolean;
}) {
  const testId = `survey-answer-${question.id}`;
  switch (question.kind) {
    case 'rating':
      return <Rate value={typeof value === 'number' ? value : 0} onChange={(v) => onChange(v || null)} disabled={disabled}
        style={{ fontSize: 32 }} data-testid={testId} />;
    case 'nps':
      return (
        <div data-testid={testId}>
          <Space wrap size={4}>
            {scoreRange('nps').map((n) => (
              <button key={n} type="button" disabled={disabled} onClick={() => onChange(n)} aria-pressed={value === n}
                data-testid={`${testId}-${n}`}
                style={{
                  width: 40, height: 40, borderRadius: 6, cursor: 'pointer', fontSize: 16,
                  border: '1px solid #d9d9d9', background: value === n ? '#1677ff' : '#fff', color: value === n ? '#fff' : 'inherit',
                }}>
                {n}
              </button>
            ))}
          </Space>
          <div style={{ display: 'flex', justifyContent: 'space-between', maxWidth: 484, marginTop: 4 }}>
            <Typography.Text type="secondary">{labels.nps_low}</Typography.Text>
            <Typography.Text type="secondary">{labels.nps_high}</Typography.Text>
          </div>
        </div>
      );
    case 'choice':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testId}>
          <Space direction="vertical">
            {question.options.map((o) => <Radio key={o.key} value={o.key}>{o.text}</Radio>)}
          </Space>
        </Radio.Group>
      );
    case 'multi_choice':
      return (
        <Checkbox.Group value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v as string[])} disabled={disabled} data-testid={testId}>
          <Space direction="vertical">
            {question.options.map((o) => <Checkbox key={o.key} value={o.key}>{o.text}</Checkbox>)}
          </Space>
        </Checkbox.Group>
      );
    default:
      return <Input.TextArea value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} disabled={disabled}
        autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid={testId} />;
  }
}
