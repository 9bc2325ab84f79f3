'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { THEME_COOKIE, THEME_STORAGE_KEY, type Theme } from './theme';

/**
 * The current theme is the `dark` class on <html> itself (set by the server from the cookie, or by the preferences
 * script before paint), read through useSyncExternalStore so every switch and chart follows it without a provider.
 */
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

function currentTheme(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // storage disabled: the cookie still remembers it
  }
}

export function useTheme(serverTheme: Theme = 'light'): { theme: Theme; setTheme(theme: Theme): void } {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => serverTheme);
  const setTheme = useCallback((next: Theme) => applyTheme(next), []);
  return { theme, setTheme };
}
