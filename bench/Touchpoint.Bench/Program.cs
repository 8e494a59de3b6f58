// Placeholder entry point; the ingestion benchmarks are being built (see docs/benchmarks.md).
return 0;
