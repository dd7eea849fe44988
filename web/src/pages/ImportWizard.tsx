// Import wizard: upload a CSV/XLSX → dry run (bad rows highlighted) → commit as a background
// job with progress (POST …/import?mode=valid|all&async=true, then GET /api/v1/jobs/{id}).
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { EntityMeta, ImportReport, Job } from '../api/types';
import { useSession } from '../auth/session';
import { decodeText, parseCsv } from '../lib/csv';
import { entityMeta } from '../lib/entityMeta';
import { useAsync } from '../lib/useAsync';

interface Picked {
  name: string;
  bytes: ArrayBuffer;
  xlsx: boolean;
}

export default function ImportWizard() {
  const { entity = '' } = useParams();
  const { generation } = useSession();
  const meta = useAsync(() => entityMeta(entity, generation), [entity, generation]);
  if (meta.error) return <Alert type="error" showIcon message={String((meta.error as Error).message)} />;
  if (!meta.data) return <Card loading />;
  return <Wizard meta={meta.data} />;
}

function Wizard({ meta }: { meta: EntityMeta }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<Picked | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [final, setFinal] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const step = final || job ? 2 : report ? 1 : 0;

  const send = (mode: string, async: boolean) =>
    api.post<ImportReport | { job_id: number }>(`${meta.path}/import`, undefined, {
      query: { mode, async: async ? 'true' : undefined },
      raw: file!.bytes,
      contentType: file!.xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    });

  const failure = (e: unknown) => {
    if (e instanceof ApiError) {
      const fields = (e.problem.errors ?? []).map((x) => `${x.field}: ${x.message}`);
      setError([e.message, ...fields].join(' — '));
    } else setError(t('errors.network'));
  };

  useEffect(() => {
    if (!file) return;
    setBusy(true);
    setError(null);
    send('dry_run', false)
      .then((r) => setReport(r as ImportReport))
      .catch(failure)
      .finally(() => setBusy(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file]);

  useEffect(() => {
    if (!job || job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled') {
      if (job?.state === 'succeeded') setFinal(job.result as ImportReport);
      return;
    }
    const timer = setTimeout(() => {
      api.get<Job>(`/api/v1/jobs/${job.id}`).then(setJob).catch(failure);
    }, 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  const commit = async (mode: 'valid' | 'all') => {
    setBusy(true);
    setError(null);
    try {
      const answer = await send(mode, true);
      if ('job_id' in answer) setJob({ id: answer.job_id, state: 'queued', progress: 0, kind: 'entity.import', title: meta.label });
      else setFinal(answer);
    } catch (e) {
      failure(e);
    } finally {
      setBusy(false);
    }
  };

  const preview = useMemo(() => {
    if (!file || file.xlsx) return null;
    const rows = parseCsv(decodeText(file.bytes), 501);
    return { headers: rows[0] ?? [], rows: rows.slice(1).map((cells, i) => ({ row: i + 2, cells })) };
  }, [file]);
  const problemsByRow = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const p of report?.problems ?? []) map.set(p.row, [...(map.get(p.row) ?? []), `${p.field}: ${p.message}`]);
    return map;
  }, [report]);

  const reset = () => {
    setFile(null);
    setReport(null);
    setJob(null);
    setFinal(null);
    setError(null);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('import.title', { entity: meta.label })}</Typography.Title>
      <Steps current={step} size="small" items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]} />
      {error && <Alert type="error" showIcon message={error} role="alert" data-testid="import-error" />}
      {step === 0 && (
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            void f.arrayBuffer().then((bytes) => setFile({ name: f.name, bytes, xlsx: /\.xlsx$/i.test(f.name) }));
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('import.upload')}</p>
          <p className="ant-upload-hint">{t('import.uploadHint')}</p>
        </Upload.Dragger>
      )}
      {step === 1 && report && (
        <>
          <Alert type={report.problems.length ? 'warning' : 'success'} showIcon data-testid="import-summary"
            message={`${file?.name}: ${t('import.rows', { rows: report.rows, valid: report.valid_rows })}`}
            description={report.problems.length ? undefined : t('import.noProblems')} />
          {preview ? (
            <Table<{ row: number; cells: string[] }>
              size="small"
              rowKey="row"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              dataSource={preview.rows}
              rowClassName={(r) => (problemsByRow.has(r.row) ? 'verp-bad-row' : '')}
              data-testid="import-preview"
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 60 },
                ...preview.headers.map((h, i) => ({ title: h, key: `c${i}`, render: (_: unknown, r: { cells: string[] }) => r.cells[i] })),
                { title: t('import.problem'), key: 'problems', render: (_: unknown, r: { row: number; cells: string[] }) => (
                  <Typography.Text type="danger" data-testid={`row-problem-${r.row}`}>{problemsByRow.get(r.row)?.join('; ')}</Typography.Text>
                ) },
              ]}
            />
          ) : (
            <Table size="small" rowKey={(p) => `${p.row}:${p.field}:${p.code}`} dataSource={report.problems} pagination={false}
              columns={[
                { title: t('import.row'), dataIndex: 'row' },
                { title: t('import.field'), dataIndex: 'field' },
                { title: t('import.problem'), dataIndex: 'message' },
              ]} />
          )}
          <Space wrap>
            <Button type="primary" onClick={() => commit('valid')} disabled={report.valid_rows === 0} loading={busy} data-testid="import-commit-valid">
              {t('import.commitValid')}
            </Button>
            <Button onClick={() => commit('all')} disabled={report.problems.length > 0} loading={busy}>{t('import.commitAll')}</Button>
            <Button onClick={reset}>{t('form.cancel')}</Button>
          </Space>
        </>
      )}
      {step === 2 && !final && job && (
        <Card>
          <Typography.Text>{t('import.progress')}</Typography.Text>
          <Progress percent={Math.round(job.progress ?? 0)} status={job.state === 'failed' ? 'exception' : 'active'} data-testid="import-progress" />
          {job.state === 'failed' && <Alert type="error" message={job.error?.message ?? t('import.failed')} />}
        </Card>
      )}
      {final && (
        <Result status={final.committed ? 'success' : 'warning'} data-testid="import-result"
          title={final.committed ? t('import.finished', { created: final.created }) : t('import.failed')}
          extra={[
            <Button type="primary" key="list" onClick={() => navigate(`/e/${meta.name}`)}>{meta.label}</Button>,
            <Button key="again" onClick={reset}>{t('import.again')}</Button>,
          ]} />
      )}
    </Space>
  );
}
