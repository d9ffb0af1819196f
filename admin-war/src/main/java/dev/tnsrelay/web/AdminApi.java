package dev.tnsrelay.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /admin/api}; docs/admin.md lists every call. */
@ApplicationPath("api")
public class AdminApi extends Application {
}
