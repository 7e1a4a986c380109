"""Scale-out on Dask: the per-article stages over partitioned input, Parquet out (docs/BATCH.md)."""
