"""Run the per-article stages on a Dask cluster (``dask.distributed``).

``DaskEngine(scheduler="tcp://host:8786")`` connects to a running cluster (its
workers need ``kronik`` installed); without a scheduler it starts a
``LocalCluster`` of ``workers`` processes with one thread each (the stages are
pure Python: threads would share one GIL).

Documents are read lazily in this process and submitted in batches; at most
``in_flight`` batches per worker thread are outstanding, so a huge input never
sits in memory, and results are yielded in input order (the head batch is
waited for while the following ones keep the workers busy).  Each batch runs
:func:`kronik.engines.process_batch` on a worker: extraction, annotation and
the compact corpus features.  Only the results travel back; the corpus stages
(dedup, events, stories) run afterwards on stored features.

**Network security.**  Dask's ``tcp://`` protocol has no authentication and no encryption: anyone who
can reach the scheduler's port can submit code that the workers run, and read every document in
flight.  Use it only on a private network or loopback (the local cluster binds to loopback).  Across
machines use ``tls://host:8786``: the client then connects with a
:class:`distributed.security.Security` built from Dask's configuration (the certificate files in
``distributed.comm.tls.ca-file`` / ``.client.cert`` / ``.client.key``, e.g. the environment variables
``DASK_DISTRIBUTED__COMM__TLS__CA_FILE``, ``..._CLIENT__CERT``, ``..._CLIENT__KEY``), or with the
``security`` object given to :class:`DaskEngine`; the scheduler and workers must be started with
``--tls-ca-file/--tls-cert/--tls-key`` (mutual TLS: only holders of a certificate signed by the CA get in).
A ``tcp://`` address that is not loopback is logged as a warning.

A worker that dies takes its running batch with it: the scheduler reassigns
the batch to another worker (``allowed-failures``), a batch that raises is
retried (``retries``), and a batch the cluster still cannot finish is
processed in this process as a last resort, so no article is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kronik.engines import Processed, Result, ordered_batches, process_batch
from kronik.io.readers import RawDocument
from kronik.model import Article, Problem
from kronik.net import is_loopback

if TYPE_CHECKING:
    from kronik.corpus.settings import CorpusSettings
    from kronik.pipeline import Settings

log = logging.getLogger(__name__)


class DaskEngine:
    def __init__(self, scheduler: str | None = None, workers: int = 2, batch: int = 32, in_flight: int = 3,
                 retries: int = 3, allowed_failures: int = 10, security: Any = None) -> None:
        self.scheduler = scheduler
        self.security = security
        """A ``distributed.security.Security`` for the connection (default: from Dask's config for tls://)."""
        self.workers = max(1, workers)
        self.batch = batch
        self.in_flight = in_flight
        self.retries = retries
        self.allowed_failures = allowed_failures
        self.fallbacks = 0
        """Batches the cluster could not finish, processed in this process instead."""
        self.client: Any = None
        self.cluster: Any = None

    inline = False
    """The stages run on the cluster's workers, never in this process."""

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> DaskEngine:
        if self.client is not None:
            return self
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler, set_as_default=False, timeout="30s",
                                 security=connection_security(self.scheduler, self.security))
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": self.allowed_failures,
                                  "distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", scheduler_port=0, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, set_as_default=False)
        return self

    def __enter__(self) -> DaskEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def threads(self) -> int:
        """Worker threads the cluster has now (what the in-flight window is sized by)."""
        n = sum(self.client.nthreads().values()) if self.client is not None else 0
        return n or self.workers

    # ------------------------------------------------------------------ running
    def run(self, docs: Iterable[RawDocument | Problem], settings: object) -> Iterator[tuple[RawDocument | None, Article | Problem]]:
        from kronik.pipeline import Settings

        assert isinstance(settings, Settings)
        for doc, res, *_ in self.process(docs, settings, None):
            yield doc, res

    def process(self, docs: Iterable[RawDocument | Problem], settings: Settings,
                corpus_settings: CorpusSettings | None = None) -> Iterator[Processed]:
        own = self.client is None
        self.start()
        client = self.client

        def submit(batch: list[RawDocument]) -> Any:
            return client.submit(process_batch, batch, settings, corpus_settings, retries=self.retries, pure=False)

        def collect(fut: Any, batch: list[RawDocument]) -> list[Result]:
            try:
                return fut.result()
            except Exception as exc:  # the cluster gave up on this batch: do it here, lose nothing
                self.fallbacks += 1
                log.warning("batch of %d documents failed on the cluster (%s: %s); processing it locally",
                            len(batch), type(exc).__name__, exc)
                return process_batch(batch, settings, corpus_settings)
            finally:
                fut.release()

        try:
            yield from ordered_batches(docs, self.batch, self.in_flight * self.threads(), submit, collect)
        finally:
            if own:
                self.close()


def connection_security(address: str, security: Any = None) -> Any:
    """The ``Security`` to connect to ``address`` with: the one given; for ``tls://`` one built from Dask's
    configuration (its certificate files); None for ``tcp://`` (Dask's default), with a warning when the
    address is not loopback, since that protocol lets anyone who reaches the port run code on the workers."""
    if security is not None:
        return security
    scheme, _, rest = address.partition("://")
    if scheme == "tls":
        from distributed.security import Security

        sec = Security()
        if not (getattr(sec, "tls_ca_file", None) and getattr(sec, "tls_client_cert", None)):
            raise ValueError("a tls:// scheduler needs certificates: set distributed.comm.tls.ca-file, .client.cert "
                             "and .client.key in Dask's configuration (or DASK_DISTRIBUTED__COMM__TLS__CA_FILE, "
                             "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT, DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY)")
        return sec
    host = (rest or scheme).rsplit(":", 1)[0].strip("[]")
    if host and not is_loopback(host):
        log.warning("Dask scheduler %s: tcp:// is unauthenticated and unencrypted (anyone who can reach it can run "
                    "code on the workers and read the documents); use tls:// with certificates beyond a private network",
                    address)
    return None

