// Starts ReDoc on /redoc (an external script: the Content-Security-Policy allows no inline one).
Redoc.init("/openapi.json", { hideDownloadButton: false }, document.getElementById("redoc"));
