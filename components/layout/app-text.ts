import { commonText } from '@/lib/i18n/namespaces/common';

/** English product text for code without a locale (static metadata); components use useText('common'). */
export const appText = { productName: commonText.en.productName, tagline: commonText.en.tagline };
