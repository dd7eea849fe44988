import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { enUS, zhCN } from './resources';

export type Language = 'zh-CN' | 'en-US';
export const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en-US', label: 'English' },
];
const STORAGE_KEY = 'verp.language';

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en-US' ? 'en-US' : 'zh-CN';
}

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
setApiLanguage(i18next.language);

export async function changeLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  await i18next.changeLanguage(lang);
}

export default i18next;
