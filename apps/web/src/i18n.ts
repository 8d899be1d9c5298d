import { APP_WORDS } from './words/app';
import { type CodeGroup, codeWords } from './words/codes';
import { DASHBOARD_WORDS } from './words/dashboard';
import { HOME_WORDS } from './words/home';
import { TRACKING_WORDS } from './words/tracking';

/** The page's words in English and Chinese, one table per page; the choice of language is kept in localStorage. */
const WORDS = {
  en: { ...APP_WORDS.en, ...TRACKING_WORDS.en, ...DASHBOARD_WORDS.en, ...HOME_WORDS.en },
  zh: { ...APP_WORDS.zh, ...TRACKING_WORDS.zh, ...DASHBOARD_WORDS.zh, ...HOME_WORDS.zh },
};

export type Language = keyof typeof WORDS;
export type Word = keyof (typeof WORDS)['en'];

let language: Language = localStorage.getItem('mmt.language') === 'zh' ? 'zh' : 'en';

export const t = (word: Word): string => WORDS[language][word];
/** A word with blanks filled in, e.g. say('alertCount', { count: 12 }) is '12 alerts'. */
export const say = (word: Word, values: Readonly<Record<string, string | number>>): string =>
  t(word).replace(/\{(\w+)\}/g, (blank, name: string) => String(values[name] ?? blank));
/** A platform code as words, e.g. code('milestone', 'ARRI') is 'Arrived' (到达). */
export const code = (group: CodeGroup, value: string): string => codeWords(group, value, language);
export const currentLanguage = (): Language => language;
/** The BCP 47 tag of the page's language, for dates, numbers and the lang attribute. */
export const locale = (): string => (language === 'zh' ? 'zh-CN' : 'en-GB');

export function toggleLanguage(): void {
  language = language === 'en' ? 'zh' : 'en';
  localStorage.setItem('mmt.language', language);
  markLanguage();
}

/** The page's lang attribute, so that screen readers and fonts take the page's language. */
function markLanguage(): void {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}
markLanguage();
