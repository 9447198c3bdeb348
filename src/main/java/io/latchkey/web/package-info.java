/**
 * The HTTP edge, below every capability: the problem type vocabulary and its mapper, the request body reader, the
 * client address behind trusted proxies, and the filters and servlets every request meets (CORS, Origin rule,
 * security headers, body limits, error pages, SPA pages).
 */
package io.latchkey.web;
