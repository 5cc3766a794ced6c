"""Where per-article stages run: in this process or a pool (local), or on a Dask cluster."""
