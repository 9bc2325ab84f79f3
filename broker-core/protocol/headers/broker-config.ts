import { defineHeader, type HeaderOf } from './define-header';

/**
 * GET_BROKER_CONFIG (26): the body is Java-properties text of every key; the header `version` is the DataVersion of
 * the configuration as JSON text, e.g. `{"counter":2,"timestamp":1700000000000}`.
 * UPDATE_BROKER_CONFIG (25) has no header: its body is properties text of the keys to change.
 */
export const GetBrokerConfigResponseHeader = defineHeader({ version: 'string!' });
export type GetBrokerConfigResponseHeader = HeaderOf<typeof GetBrokerConfigResponseHeader>;
