package dev.tnsrelay.examples.sales;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The service's REST root: {@code /sales-app/api}. */
@ApplicationPath("api")
public class SalesApplication extends Application {
}
