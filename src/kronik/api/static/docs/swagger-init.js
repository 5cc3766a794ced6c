// Starts Swagger UI on /docs (an external script: the Content-Security-Policy allows no inline one).
// Every request "Try it out" sends carries X-Kronik-Request, as the web UI's do, so writes pass the CSRF check.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  requestInterceptor: (req) => { req.headers["X-Kronik-Request"] = "1"; return req; },
});
