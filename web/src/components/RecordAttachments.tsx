// A record's attachments — an entity record's, or a voucher's source documents: upload
// (multipart, part "file", ≤10 MB), list with image thumbnails where the server makes them
// (a 256-pixel PNG), open/download and remove. The server sniffs the content
// type and refuses what is not on its allow list; its message is shown as is.
import { DeleteOutlined, DownloadOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Image, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../api/client';
import { ApiError } from '../api/problem';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

interface Attachment {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  has_thumbnail?: boolean;
  created_at?: string;
}

const MAX_BYTES = 10 * 1024 * 1024;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `base` is the collection's URL, e.g. `${meta.path}/${id}/attachments` or `/api/v1/vouchers/7/files`. */
export function RecordAttachments({ base, canWrite, canRemove = canWrite }: { base: string; canWrite: boolean; canRemove?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const list = useAsync(() => api.get<{ items: Attachment[] }>(base), [base]);
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('attachments.tooLarge'));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setUploading(true);
    try {
      await request('POST', base, { raw: form });
      message.success(t('attachments.uploaded', { name: file.name }));
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await api.del(`${base}/${a.id}`);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (list.error) return <Alert type="error" message={(list.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="attachments">
      {canWrite && (
        <Upload showUploadList={false} multiple beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">{t('attachments.upload')}</Button>
        </Upload>
      )}
      <Typography.Text type="secondary">{t('attachments.hint')}</Typography.Text>
      <List<Attachment> loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: t('attachments.none') }}
        renderItem={(a) => (
          <List.Item actions={[
            <a key="download" href={`${base}/${a.id}`} download={a.file_name} aria-label={`${t('attachments.download')} ${a.file_name}`}>
              <DownloadOutlined /> {t('attachments.download')}
            </a>,
            ...(canRemove ? [
              <Popconfirm key="remove" title={t('attachments.confirmRemove')} onConfirm={() => remove(a)}
                okText={t('form.delete')} cancelText={t('form.cancel')}>
                <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`${t('form.delete')} ${a.file_name}`} />
              </Popconfirm>,
            ] : []),
          ]}>
            <List.Item.Meta
              avatar={a.has_thumbnail
                ? <Image width={64} height={64} style={{ objectFit: 'cover' }} src={`${base}/${a.id}/thumbnail`}
                    preview={{ src: `${base}/${a.id}` }} alt={a.file_name} data-testid="attachment-thumbnail" />
                : <FileOutlined style={{ fontSize: 40, color: '#8c8c8c' }} aria-hidden />}
              title={a.file_name}
              description={[a.content_type, fileSize(a.size), a.created_at ? formatDateTime(a.created_at, i18n.language) : '']
                .filter(Boolean).join(' · ')} />
          </List.Item>
        )} />
    </Space>
  );
}
