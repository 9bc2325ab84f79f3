import { LOCALE_COOKIE, LOCALE_STORAGE_KEY, locales } from '../i18n/locales';

/**
 * Theme API (stable): light or dark, as the class `dark` on <html>; every colour is a CSS variable of
 * app/globals.css (`:root` for light, `.dark` for dark) used through Tailwind utilities (bg-surface, text-muted,
 * text-accent, ... and var(--chart-1..6) for chart series), so components never name a colour themselves.
 *
 *   const { theme, setTheme } = useTheme();   // lib/theme/theme-provider.tsx
 *
 * The choice is remembered in a cookie (the server renders the class, so no flash) and localStorage; with neither,
 * the system preference decides. `preferencesScript` runs in <head> before the first paint to apply it.
 */
export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export const THEME_COOKIE = 'rmq-console-theme';
export const THEME_STORAGE_KEY = 'rmq-console-theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

/**
 * Runs before first paint: sets the theme class from the remembered choice (or the system's), and puts a locale
 * remembered only in localStorage back into the cookie, reloading once so the server renders that language.
 */
export const preferencesScript = `(function(){try{
var d=document.documentElement,c=document.cookie,s=null,l=null;
try{s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});l=localStorage.getItem(${JSON.stringify(LOCALE_STORAGE_KEY)});}catch(e){}
var m=c.match(/(?:^|; )${THEME_COOKIE}=(light|dark)/);
var t=m?m[1]:(s==='dark'||s==='light')?s:(window.matchMedia&&window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');
d.classList.toggle('dark',t==='dark');d.style.colorScheme=t;
if(${JSON.stringify(locales)}.indexOf(l)>=0&&!/(?:^|; )${LOCALE_COOKIE}=/.test(c)){document.cookie=${JSON.stringify(`${LOCALE_COOKIE}=`)}+l+'; path=/; max-age=31536000; samesite=lax';if(l!==${JSON.stringify('en')}&&/(?:^|; )${LOCALE_COOKIE}=/.test(document.cookie))location.reload();}
}catch(e){}})();`;
