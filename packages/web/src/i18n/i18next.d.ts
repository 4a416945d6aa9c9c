// Types `t()` keys against the Vietnamese file, so a key missing from vi.json fails `tsc`.
import 'i18next';
import type vi from './vi.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
