// The metadata capability of a RETS-style login (RETS and the IDX API): GetMetadata loaded lazily per class and
// lookup by the loader, which also keeps the snapshot it grows.
import type { RetsMetadataLoader } from '../../../protocols/rets/metadata/metadata-loader'
import type { MetadataCapability } from '../connection'

export function retsMetadata(loader: RetsMetadataLoader): MetadataCapability {
  return {
    load: (signal) => loader.loadRoot(signal),
    loadFields: (_model, resource, cls, signal) => loader.loadTable(resource, cls, signal),
    loadLookup: (_model, resource, lookup, signal) => loader.loadLookup(resource, lookup, signal),
    retry: (_model, key, signal) => loader.retry(key, signal)
  }
}
