// Free-port helpers are shared with the vitest suites.
export { freeBrokerPort, freePort } from '../../test/helpers/ports';
