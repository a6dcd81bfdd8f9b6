import "server-only";
import { isSealed, openSecret, sealSecret } from "../secrets";

/** AAD of sealed header values: they open as data source headers only. */
const PURPOSE = "datasource.header";

export const mapHeaderValues = (headers: Record<string, string>, f: (value: string) => string) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, f(value)]));

/** Seals every value of a new data source (whatever it looks like: it came from a caller). */
export const sealHeaders = (headers: Record<string, string>) => mapHeaderValues(headers, (v) => sealSecret(PURPOSE, v));

/** Seals the values of a stored row that are still in clear text, keeping those already sealed. */
export const sealClearHeaders = (headers: Record<string, string>) => mapHeaderValues(headers, (v) => (isSealed(v) ? v : sealSecret(PURPOSE, v)));

/**
 * The headers to send with a query, opened from their sealed form. Only the Prometheus client calls
 * this, right before it sends a request. A value stored before sealing existed is sent as is until
 * sealStoredDataSourceHeaders (services/datasources.ts) has sealed it.
 */
export const openDataSourceHeaders = (headers: Record<string, string>) => mapHeaderValues(headers, (v) => (isSealed(v) ? openSecret(PURPOSE, v) : v));
