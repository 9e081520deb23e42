import i18next, { type ResourceLanguage } from 'i18next';
import { useEffect, useState } from 'react';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'baydesk.language';

/**
 * Each language's catalogue is its own chunk (issue 17 item 14): a desk downloads and parses only the language it
 * shows, and fetches the other when someone switches or prints in it.
 */
const CATALOGUES: Record<Language, () => Promise<ResourceLanguage>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};

/** The desk's own choice if it made one, else the system locale: Chinese for any zh-*, English otherwise. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Loads a language's catalogue once; later calls answer at once. */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', await CATALOGUES[language]());
}

export async function setLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** Whether a language's catalogue is loaded, loading it if not (a document printed in the other language). */
export function useLanguageLoaded(language: Language): boolean {
  const [loaded, setLoaded] = useState(() => i18next.hasResourceBundle(language, 'translation'));
  useEffect(() => {
    let current = true;
    setLoaded(i18next.hasResourceBundle(language, 'translation'));
    void loadLanguage(language).then(() => current && setLoaded(true));
    return () => {
      current = false;
    };
  }, [language]);
  return loaded;
}

/** Starts i18next on the desk's language, its catalogue loaded: the first screen never shows a key. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  const catalogue = await CATALOGUES[lng]();
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: catalogue } },
    lng,
    // Both catalogues hold the same keys (a unit test checks): nothing falls back, so nothing else is loaded.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
