import { preferencesScript } from '@/lib/theme/theme';

/** Applies the remembered theme (and restores a locale cookie) before the first paint; see lib/theme/theme.ts. */
export function PreferencesScript() {
  return <script id="rmq-console-preferences" dangerouslySetInnerHTML={{ __html: preferencesScript }} />;
}
