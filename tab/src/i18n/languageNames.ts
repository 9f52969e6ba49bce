// Each language named in itself, as the language menu lists them (loaded with the menu only).
import type { Language } from './languages';

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
  nl: 'Nederlands',
  ja: '日本語',
  'zh-CN': '中文（简体）',
  ko: '한국어',
  ar: 'العربية',
  he: 'עברית',
};
