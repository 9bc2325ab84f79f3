import { htmlLang, type Locale } from './locales';

/**
 * Locale-aware number and time formatting. Numbers come out with grouping so tables line up under `tabular-nums`;
 * times are the browser's local time, to the second (what operators compare with logs).
 */
export interface Formatters {
  number(value: number, maximumFractionDigits?: number): string;
  dateTime(epochMs: number): string;
  time(epochMs: number): string;
  /** "3.2 s", "4 min 10 s", "2 h 5 min" (or the Chinese units). */
  duration(seconds: number): string;
}

const durationUnits: Record<Locale, { s: string; min: string; h: string; d: string }> = {
  en: { s: 's', min: 'min', h: 'h', d: 'd' },
  zh: { s: '秒', min: '分', h: '小时', d: '天' },
};

export function formattersFor(locale: Locale): Formatters {
  const lang = htmlLang[locale];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const dateTimeFormat = new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  const timeFormat = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const units = durationUnits[locale];
  return {
    number: (value, maximumFractionDigits = 0) => numberFormat(maximumFractionDigits).format(value),
    dateTime: (epochMs) => dateTimeFormat.format(epochMs),
    time: (epochMs) => timeFormat.format(epochMs),
    duration: (seconds) => formatDuration(seconds, units, numberFormat(1)),
  };
}

function formatDuration(seconds: number, units: (typeof durationUnits)[Locale], oneDecimal: Intl.NumberFormat): string {
  if (seconds < 60) return `${oneDecimal.format(seconds)} ${units.s}`;
  const whole = Math.floor(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} ${units.min} ${whole % 60} ${units.s}`;
  if (whole < 86400) return `${Math.floor(whole / 3600)} ${units.h} ${Math.floor((whole % 3600) / 60)} ${units.min}`;
  return `${Math.floor(whole / 86400)} ${units.d} ${Math.floor((whole % 86400) / 3600)} ${units.h}`;
}
