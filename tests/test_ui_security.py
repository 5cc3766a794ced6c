"""Cross-site requests from a real browser, and the UI's token prompt, in headless Chromium (Debian's,
never downloaded) against `kronik serve` on loopback.

The attacker's page is served from another origin (``http://localhost:PORT``, while the victim is
``http://127.0.0.1:PORT2``: another site to the browser) and tries, with no user action, every way a page
can send a write: a ``no-cors`` fetch with a ``text/plain`` body, a ``FormData`` upload, a CORS fetch
with the anti-CSRF header (preflighted), an auto-submitted HTML form, and a read of the API.  The store
must not change and the read must fail.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from pathlib import Path

from ui_helpers import UI, get_json, serve

WRITE_TOKEN = "ui-write-token-" + "k" * 20

EVIL_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>evil</title></head><body>
<iframe name="sink" style="display:none"></iframe>
<form id="f" action="VICTIM/api/cluster" method="POST" enctype="text/plain" target="sink">
<input name='{"reset": true, "x": "' value='"}'></form>
<form id="g" action="VICTIM/api/ingest" method="POST" enctype="multipart/form-data" target="sink">
<input type="hidden" name="files" value="Judul serangan lintas situs"></form>
<script>
const V = "VICTIM";
const rec = JSON.stringify({articles: [{title: "Serangan Lintas Situs", text: "Isi serangan lintas situs. ".repeat(40)}]});
const out = {};
async function attempt(name, fn) {
  try { const r = await fn(); out[name] = r && r.type === "opaque" ? "opaque" : (r ? r.status : "sent"); }
  catch (e) { out[name] = "blocked: " + e.name; }
}
(async () => {
  await attempt("nocors_text", () => fetch(V + "/api/ingest", {method: "POST", mode: "no-cors", body: rec,
                                          headers: {"Content-Type": "text/plain"}}));
  const fd = new FormData();
  fd.append("files", new Blob(["Judul\\n\\n" + "Isi berita serangan. ".repeat(40)], {type: "text/plain"}), "x.txt");
  await attempt("nocors_form", () => fetch(V + "/api/ingest", {method: "POST", mode: "no-cors", body: fd}));
  await attempt("nocors_cluster", () => fetch(V + "/api/cluster", {method: "POST", mode: "no-cors",
                                             body: '{"reset": true}', headers: {"Content-Type": "text/plain"}}));
  await attempt("cors_header", () => fetch(V + "/api/cluster", {method: "POST", body: '{"reset": true}',
                                          headers: {"Content-Type": "application/json", "X-Kronik-Request": "1"}}));
  await attempt("cors_read", () => fetch(V + "/api/stats"));
  await attempt("beacon", async () => { navigator.sendBeacon(V + "/api/ingest", new Blob([rec], {type: "text/plain"})); });
  document.getElementById("f").submit();
  await new Promise((r) => setTimeout(r, 300));
  document.getElementById("g").submit();
  await new Promise((r) => setTimeout(r, 700));
  document.title = "done";
  document.body.dataset.result = JSON.stringify(out);
})();
</script></body></html>
"""






class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _evil_site(folder: Path, victim: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    (folder / "index.html").write_text(EVIL_PAGE.replace("VICTIM", victim), encoding="utf-8")
    handler = lambda *a, **k: _Quiet(*a, directory=str(folder), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://localhost:{httpd.server_address[1]}"  # another site than 127.0.0.1


def _state(base: str) -> tuple[dict[str, int], list[str]]:
    stats = get_json(base + "/api/stats")
    stories = [s["id"] for s in get_json(base + "/api/stories?limit=200")["results"]]
    return stats, stories


def test_a_page_on_another_site_cannot_write(driver, example_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kronik.db"
    shutil.copy(example_db, db)
    data = tmp_path / "data"
    with serve(db, data) as base:
        before = _state(base)
        evil = tmp_path / "evil"
        evil.mkdir()
        httpd, evil_url = _evil_site(evil, base)
        try:
            driver.get(evil_url + "/index.html")
            end = time.time() + 20
            while driver.title != "done" and time.time() < end:
                time.sleep(0.1)
            assert driver.title == "done"
            result = json.loads(driver.execute_script("return document.body.dataset.result;"))
        finally:
            httpd.shutdown()
        # the CORS attempts fail in the browser (no Access-Control-Allow-Origin); the rest are opaque
        assert result["cors_header"].startswith("blocked") and result["cors_read"].startswith("blocked"), result
        time.sleep(1.0)  # anything that slipped through would have started a job by now
        assert _state(base) == before, "a cross-site request changed the store"
        assert not list((data / "uploads").iterdir()), "a cross-site upload was saved"
        # the same browser on the app's own origin may write (the UI's requests carry the header)
        ui = UI(driver, base)
        ui.open("#/upload")
        ui.click(ui.one("#cluster-btn"))
        ui.wait.until(lambda d: ui.one("#cluster-result").text.startswith(("Done", "Clustering failed")))
        assert ui.one("#cluster-result").text.startswith("Done")


def test_the_ui_asks_for_the_write_token(driver, example_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kronik.db"
    shutil.copy(example_db, db)
    with serve(db, tmp_path / "data", env_extra={"KRONIK_WRITE_TOKEN": WRITE_TOKEN}) as base:
        ui = UI(driver, base)
        ui.allowed_console = ("status of 401",)  # the refused attempts, logged by the browser
        ui.console_errors()  # drain what the cross-site test left
        ui.open("#/upload")
        ui.d.execute_script("sessionStorage.clear();")
        ui.click(ui.one("#cluster-btn"))
        ui.wait.until(lambda d: ui.css("#token-dialog[open]"))
        ui.one("#token-input").send_keys("not-the-token-at-all")
        ui.click(ui.one("#token-ok"))
        # a wrong token: asked again is not done twice for one request; the request fails with a message
        ui.wait.until(lambda d: ui.one("#cluster-result").text.startswith(("Done", "Clustering failed")))
        assert ui.one("#cluster-result").text.startswith("Clustering failed")
        ui.click(ui.one("#cluster-btn"))
        ui.wait.until(lambda d: ui.css("#token-dialog[open]"))
        ui.one("#token-input").send_keys(WRITE_TOKEN)
        ui.screenshot("13-token-prompt")
        ui.click(ui.one("#token-ok"))
        ui.wait.until(lambda d: ui.one("#cluster-result").text.startswith(("Done", "Clustering failed")))
        assert ui.one("#cluster-result").text.startswith("Done"), ui.one("#cluster-result").text
        # kept for the tab: the next write goes through without asking
        ui.click(ui.one("#cluster-btn"))
        time.sleep(0.3)
        ui.wait.until(lambda d: ui.one("#cluster-result").text.startswith(("Done", "Clustering failed")))
        assert not ui.css("#token-dialog[open]")
        assert WRITE_TOKEN not in (tmp_path / "serve.log").read_text()
        ui.d.execute_script("sessionStorage.clear();")
        errors = ui.console_errors(ui.allowed_console)
        assert not errors, errors
