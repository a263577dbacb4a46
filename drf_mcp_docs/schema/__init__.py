"""The OpenAPI document turned into immutable records: adapters, processing, search, caches."""
