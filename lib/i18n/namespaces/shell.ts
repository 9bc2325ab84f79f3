import { defineMessages } from '../define-messages';

/** The header's switches: language, theme, cluster. */
export const shellText = defineMessages({
  en: {
    language: 'Language',
    languageNames: { en: 'English', zh: '中文' },
    theme: 'Theme',
    themeLight: 'Light',
    themeDark: 'Dark',
    switchToDark: 'Switch to dark theme',
    switchToLight: 'Switch to light theme',
    clusterSelector: 'Cluster',
    clusterSelectorLoading: 'Loading clusters…',
    clusterSelectorEmpty: 'No clusters',
    embeddedClusterName: 'Embedded cluster',
  },
  zh: {
    language: '语言',
    languageNames: { en: 'English', zh: '中文' },
    theme: '主题',
    themeLight: '浅色',
    themeDark: '深色',
    switchToDark: '切换到深色主题',
    switchToLight: '切换到浅色主题',
    clusterSelector: '集群',
    clusterSelectorLoading: '正在加载集群…',
    clusterSelectorEmpty: '没有集群',
    embeddedClusterName: '内置集群',
  },
});
