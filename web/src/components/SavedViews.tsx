// The list's saved views: pick one to apply its search, filters, sort and columns; save the
// current state under a name; delete the chosen one. Stored per user in localStorage.
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { loadViews, removeView, saveView, type ListView } from '../lib/savedViews';

export function SavedViews({ entity, current, onApply }: {
  entity: string; current: Omit<ListView, 'name'>; onApply: (view: ListView) => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const userId = me?.user_id ?? 0;
  const [views, setViews] = useState(() => loadViews(localStorage, userId, entity));
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);

  const save = () => {
    if (!name.trim()) return;
    setViews(saveView(localStorage, userId, entity, { ...current, name }));
    setChosen(name.trim());
    setName('');
    setOpen(false);
  };

  return (
    <Space wrap size={4}>
      <Select style={{ minWidth: 160 }} placeholder={t('views.choose')} aria-label={t('views.choose')} value={chosen} allowClear
        data-testid="saved-views" notFoundContent={t('views.none')}
        options={views.map((v) => ({ value: v.name, label: v.name }))}
        onChange={(n?: string) => {
          setChosen(n);
          const view = views.find((v) => v.name === n);
          if (view) onApply(view);
        }} />
      <Popover open={open} onOpenChange={setOpen} trigger="click" title={t('views.saveAs')} content={
        <Space.Compact>
          <Input autoFocus value={name} onChange={(e) => setName(e.target.value)} onPressEnter={save} maxLength={40}
            placeholder={t('views.name')} aria-label={t('views.name')} data-testid="view-name" />
          <Button type="primary" onClick={save} data-testid="view-save">{t('form.save')}</Button>
        </Space.Compact>
      }>
        <Button icon={<SaveOutlined />} data-testid="save-view">{t('views.saveAs')}</Button>
      </Popover>
      {chosen && (
        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('views.remove', { name: chosen })}
          onClick={() => { setViews(removeView(localStorage, userId, entity, chosen)); setChosen(undefined); }} />
      )}
    </Space>
  );
}
