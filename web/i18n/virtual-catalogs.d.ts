// The modules scripts/catalogs.ts makes at build time.
declare module 'virtual:tillit-languages' {
  import type { MessageFormatElement } from 'react-intl';
  export interface LanguageMeta {
    code: string;
    name: string;
    dir: 'ltr' | 'rtl';
    /** Said when this language's catalog cannot be fetched (meta.loadFailed), and the button that tries again. */
    loadFailed: string;
    reload: string;
  }
  export const languages: LanguageMeta[];
  export const loaders: Record<string, () => Promise<{ default: Record<string, MessageFormatElement[]> }>>;
}
